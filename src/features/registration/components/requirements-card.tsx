import type { Requirements } from '../../../matrix/requirements';
import type { MessageId } from '../../../i18n/catalogs';
import { formatList } from '../../../i18n/format';
import { useI18n } from '../../../i18n/i18n';

/**
 * What this server needs, in plain words, before anyone types (no other client shows this). While
 * the server is being looked for, the same card says so in the line its answer takes: for an open
 * server nothing below it moves when the answer comes (docs/decisions/010).
 */
export function RequirementsCard({ requirements, lookingFor }: { requirements?: Requirements; lookingFor?: string }) {
  const { t, language } = useI18n();
  if (!requirements) {
    if (lookingFor === undefined) return null;
    return (
      <div className="requirements">
        <h2 className="small">{t('requirements.heading')}</h2>
        <div aria-live="polite">
          <p className="pending">{t('server.checking', { server: lookingFor })}</p>
        </div>
      </div>
    );
  }
  if (requirements.kind === 'disabled') {
    return (
      <p className="notice">{requirements.singleSignOn ? t('requirements.disabledSso') : t('requirements.disabled')}</p>
    );
  }
  // An OAuth server's sign-up has its own step (features/oauth), which says all there is to say.
  if (requirements.kind === 'oauth') return null;
  if (requirements.kind === 'unknown') return <p className="notice">{t('requirements.unknown')}</p>;
  const ids: MessageId[] = [];
  // `either`: one line for the two, since one of them is needed (continuwuity's alternative flows).
  if (requirements.token === 'either') ids.push('requirements.tokenOrEmail');
  else {
    if (requirements.token !== 'none')
      ids.push(requirements.token === 'required' ? 'requirements.token' : 'requirements.tokenOptional');
    if (requirements.email !== 'none')
      ids.push(requirements.email === 'required' ? 'requirements.email' : 'requirements.emailOptional');
  }
  if (requirements.terms.length > 0) ids.push('requirements.terms');
  if (requirements.captchaKey !== undefined) ids.push('requirements.captcha');
  const items = ids.map((id) => t(id));
  if (requirements.otherStages.length > 0) {
    items.push(t('requirements.other', { stages: formatList(language, requirements.otherStages, 'conjunction') }));
  }
  return (
    <div className="requirements">
      <h2 className="small">{t('requirements.heading')}</h2>
      <div aria-live="polite">
        {items.length === 0 ? (
          <p>{t('requirements.open')}</p>
        ) : (
          <ul>
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
