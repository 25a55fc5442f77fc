import { useState } from 'react';
import { parsePolicies, type Policy } from '../../../matrix/requirements';
import { STAGE } from '../../../matrix/stages';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import { errorText } from '../page-error';
import type { StageProps } from './stage-view';

/** The person's language, else English, else whatever the server has (Element's order). */
export function policyInLanguage(policy: Policy, languages: readonly string[]) {
  for (const language of languages) {
    const exact = policy.translations[language] ?? policy.translations[language.replace('-', '_')];
    if (exact) return exact;
    const base = policy.translations[language.split(/[-_]/)[0] ?? ''];
    if (base) return base;
  }
  return policy.translations.en ?? Object.values(policy.translations)[0];
}

/** Stands for the policy's name in its worded label, where the link goes (never in a translation). */
const NAME_MARK = '\u{E000}';

/** The label's words before and after the policy's name, in the page's language. */
function around(worded: string): [string, string] {
  const at = worded.indexOf(NAME_MARK);
  return at < 0 ? [worded, ''] : [worded.slice(0, at), worded.slice(at + NAME_MARK.length)];
}

export function TermsStage({ step, registration }: StageProps) {
  const { t, language } = useI18n();
  const policies = parsePolicies(step.uia.params[STAGE.terms]);
  // A Set, not an object keyed by the server's policy IDs: an ID such as `__proto__`, `constructor`
  // or `toString` would otherwise read as ticked (security review 2026-12, P5).
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(() => new Set());
  const [notAll, setNotAll] = useState(false);
  const error = registration.error?.field === 'terms' ? registration.error : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (policies.some((policy) => !accepted.has(policy.id))) {
          setNotAll(true);
          return;
        }
        registration.submitStage({ type: STAGE.terms });
      }}
    >
      <StepHeading title={t('terms.heading')} position={step.position} total={step.total} />
      <p>{t('terms.intro')}</p>
      {notAll || error ? (
        <p className="form-error" role="alert">
          {notAll ? t('stageError.terms') : error ? errorText(t, error) : null}
        </p>
      ) : null}
      <ul className="policies">
        {policies.map((policy) => {
          const entry = policyInLanguage(policy, [language, ...navigator.languages]);
          if (!entry) return null;
          return (
            <li key={policy.id} className="field checkbox">
              <input
                id={`policy-${policy.id}`}
                type="checkbox"
                checked={accepted.has(policy.id)}
                onChange={(event) => {
                  const next = new Set(accepted);
                  if (event.target.checked) next.add(policy.id);
                  else next.delete(policy.id);
                  setAccepted(next);
                  setNotAll(false);
                }}
              />
              {entry.url ? (
                // The policy named once, as the link inside its label (Element's terms step does
                // the same); it was named twice, "I accept the X" then "X" (audit item 17).
                <label htmlFor={`policy-${policy.id}`}>
                  {around(t('terms.accept', { name: NAME_MARK }))[0]}
                  <a href={entry.url} target="_blank" rel="noopener noreferrer">
                    {entry.name} <span className="visually-hidden">{t('terms.opensNewTab')}</span>
                  </a>
                  {around(t('terms.accept', { name: NAME_MARK }))[1]}
                </label>
              ) : (
                <>
                  <label htmlFor={`policy-${policy.id}`}>{t('terms.accept', { name: entry.name })}</label>{' '}
                  <span className="hint">{t('terms.noSafeLink')}</span>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <button type="submit" disabled={registration.pending}>
        {t('terms.continue')}
      </button>
    </form>
  );
}
