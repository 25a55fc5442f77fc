import type { Translate } from '../../../i18n/i18n';
import { CopyButton } from '../../../lib/copy-button';
import { MatrixIdText } from './matrix-id-text';

/** A new account's ID, large, with a copy button: the one thing the person must keep. */
export function AccountId({ t, label, id }: { t: Translate; label: string; id: string }) {
  return (
    <>
      <p>{label}</p>
      <p>
        <MatrixIdText id={id} className="matrix-id big" testId="matrix-id" />
      </p>
      <p>
        <CopyButton text={id} label={t('success.copy')} copiedLabel={t('success.copied')} />
      </p>
    </>
  );
}
