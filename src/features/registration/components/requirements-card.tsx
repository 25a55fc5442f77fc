import { parseHttpUrl } from '../../../matrix/url';
import type { Requirements } from '../../../matrix/requirements';
import { messages } from '../../../messages/form';

/** What this server needs, in plain words, before anyone types (no other client shows this). */
export function RequirementsCard({ requirements }: { requirements: Requirements }) {
  if (requirements.kind === 'disabled') {
    return (
      <p className="notice">
        {requirements.singleSignOn ? messages.requirements.disabledSso : messages.requirements.disabled}
      </p>
    );
  }
  if (requirements.kind === 'oauth') {
    const target = parseHttpUrl(requirements.accountUrl ?? requirements.issuer);
    const host = target?.host ?? requirements.issuer;
    return (
      <div className="notice">
        <p>{messages.requirements.oauth(host)}</p>
        {target ? (
          <p>
            <a className="button" href={target.href} rel="noopener noreferrer">
              {messages.requirements.oauthGo(host)}
            </a>
          </p>
        ) : null}
      </div>
    );
  }
  if (requirements.kind === 'unknown') return <p className="notice">{messages.requirements.unknown}</p>;
  const items: string[] = [];
  if (requirements.token !== 'none')
    items.push(requirements.token === 'required' ? messages.requirements.token : messages.requirements.tokenOptional);
  if (requirements.email !== 'none')
    items.push(requirements.email === 'required' ? messages.requirements.email : messages.requirements.emailOptional);
  if (requirements.terms.length > 0) items.push(messages.requirements.terms);
  if (requirements.captchaKey !== undefined) items.push(messages.requirements.captcha);
  if (requirements.otherStages.length > 0) items.push(messages.requirements.other(requirements.otherStages.join(', ')));
  return (
    <div className="requirements">
      <h2 className="small">{messages.requirements.heading}</h2>
      {items.length === 0 ? (
        <p>{messages.requirements.open}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
