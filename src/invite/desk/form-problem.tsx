import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ServerSaid } from './field';
import type { WordedProblem } from './problem-words';

/**
 * A refusal about the whole form (not one field): announced (`role="alert"`) and focused when it
 * appears (unless the screen's heading takes focus), so that keyboard and screen reader users land on it.
 */
export function FormProblem({ problem, focus = true }: { problem: WordedProblem | undefined; focus?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem && focus) ref.current?.focus();
  }, [problem, focus]);
  if (!problem) return null;
  return (
    <div ref={ref} className="form-error" role="alert" tabIndex={-1}>
      {problem.messages.map((message) => (
        <p key={message.id}>{t(message.id, message.values)}</p>
      ))}
      {problem.serverMessage ? (
        <p>
          <ServerSaid message={problem.serverMessage} />
        </p>
      ) : null}
    </div>
  );
}
