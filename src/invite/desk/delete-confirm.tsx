import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { InviteToken } from '../../matrix/admin/desk-api';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';
import { FormProblem } from './form-problem';
import { wordProblem, type AdminPlace, type WordedProblem } from './problem-words';

/** Synapse deletes for good (MAS only revokes): asked once more, with what it does. */
export function DeleteConfirm({
  token,
  place,
  onDelete,
  onCancel,
}: {
  token: InviteToken;
  place: AdminPlace;
  /** Rejects with what the desk did not handle itself. */
  onDelete: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const question = useFocusOnMount<HTMLParagraphElement>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WordedProblem>();
  return (
    <div className="confirm">
      <p ref={question} tabIndex={-1}>
        {t('invite.desk.deleteQuestion', { token: token.token })}
      </p>
      <FormProblem problem={problem} />
      <p>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setProblem(undefined);
            onDelete().catch((error: unknown) => {
              setBusy(false);
              setProblem(wordProblem(error, place));
            });
          }}
        >
          {t('invite.desk.delete')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('invite.desk.cancel')}
        </button>
      </p>
    </div>
  );
}
