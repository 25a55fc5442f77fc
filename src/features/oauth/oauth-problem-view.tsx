import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { OAuthProblem } from './oauth-problem';

/** A failure of the OAuth sign-up, announced and focused, with the server's words under Details. */
export function OAuthProblemView({ problem }: { problem: OAuthProblem }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [problem]);
  return (
    <div className="form-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{t(problem.id, problem.values)}</p>
      {problem.details ? (
        <details>
          <summary>{t('common.details')}</summary>
          <p className="details-text">{problem.details}</p>
        </details>
      ) : null}
    </div>
  );
}
