import { useI18n } from '../../i18n/i18n';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';
import { FormProblem } from './form-problem';
import type { WordedProblem } from './problem-words';

/** While the page finds which admin API the server has, and what stopped it when it could not. */
export function FindScreen({
  serverName,
  problem,
  onRetry,
}: {
  serverName: string;
  problem?: WordedProblem;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  if (!problem) {
    return (
      <p className="status" role="status">
        {t('invite.desk.finding', { server: serverName })}
      </p>
    );
  }
  return <FindProblem problem={problem} onRetry={onRetry} />;
}

function FindProblem({ problem, onRetry }: { problem: WordedProblem; onRetry: () => void }) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section>
      <h2 ref={heading} tabIndex={-1}>
        {t('invite.desk.findFailedHeading')}
      </h2>
      <FormProblem problem={problem} focus={false} />
      <p>
        <button type="button" onClick={onRetry}>
          {t('invite.desk.tryAgain')}
        </button>
      </p>
    </section>
  );
}
