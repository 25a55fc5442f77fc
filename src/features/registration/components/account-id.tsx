import { useState } from 'react';
import type { Translate } from '../../../i18n/i18n';
import { MatrixIdText } from './matrix-id-text';

/** A new account's ID, large, with a copy button: the one thing the person must keep. */
export function AccountId({ t, label, id }: { t: Translate; label: string; id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <p>{label}</p>
      <p>
        <MatrixIdText id={id} className="matrix-id big" testId="matrix-id" />
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(id).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t('success.copy')}
        </button>{' '}
        <span aria-live="polite">{copied ? t('success.copied') : ''}</span>
      </p>
    </>
  );
}
