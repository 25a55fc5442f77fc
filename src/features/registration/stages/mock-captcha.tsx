import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import './mock-captcha.css';

/** The mock homeserver's captcha (mocks/model/config.ts): its public key, and the answer it accepts. */
export const MOCK_CAPTCHA_KEY = 'mock-captcha-public-key';
export const MOCK_CAPTCHA_RESPONSE = 'mock-captcha-solved';

/**
 * A stand-in for reCAPTCHA, shown only when the server's public key is the mock's: it looks like a
 * captcha, works with the keyboard, and answers what the mock accepts.
 */
export function MockCaptcha({ onSolved, disabled }: { onSolved: (response: string) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [checked, setChecked] = useState(false);
  return (
    <div className="mock-captcha">
      <input
        id="mock-captcha"
        type="checkbox"
        checked={checked}
        disabled={disabled || checked}
        onChange={(event) => {
          if (!event.target.checked) return;
          setChecked(true);
          onSolved(MOCK_CAPTCHA_RESPONSE);
        }}
      />
      <label htmlFor="mock-captcha">{t('captcha.mockLabel')}</label>
      <span className="mock-captcha-badge" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="32" height="32">
          <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z" fill="#4a7bd0" />
          <path d="m8 12 3 3 5-6" stroke="#fff" strokeWidth="2" fill="none" />
        </svg>
      </span>
      <span className="mock-captcha-note">{t('captcha.mockNote')}</span>
      <p className="visually-hidden" aria-live="polite">
        {checked ? t('captcha.solved') : ''}
      </p>
    </div>
  );
}
