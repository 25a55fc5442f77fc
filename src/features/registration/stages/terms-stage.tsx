import { useState } from 'react';
import { parsePolicies, type Policy } from '../../../matrix/requirements';
import { STAGE } from '../../../matrix/stages';
import { stageMessages as messages } from '../../../messages/stages';
import { StepHeading } from '../components/step-heading';
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

export function TermsStage({ step, registration }: StageProps) {
  const policies = parsePolicies(step.uia.params?.[STAGE.terms]);
  const [accepted, setAccepted] = useState<Record<string, boolean>>({});
  const [notAll, setNotAll] = useState(false);
  const error = registration.error?.field === 'terms' ? registration.error : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (policies.some((policy) => !accepted[policy.id])) {
          setNotAll(true);
          return;
        }
        registration.submitStage({ type: STAGE.terms });
      }}
    >
      <StepHeading title={messages.terms.heading} position={step.position} total={step.total} />
      <p>{messages.terms.intro}</p>
      {notAll || error ? (
        <p className="form-error" role="alert">
          {notAll ? messages.terms.notAll : error ? error.text : null}
        </p>
      ) : null}
      <ul className="policies">
        {policies.map((policy) => {
          const entry = policyInLanguage(policy, navigator.languages);
          if (!entry) return null;
          return (
            <li key={policy.id} className="field checkbox">
              <input
                id={`policy-${policy.id}`}
                type="checkbox"
                checked={accepted[policy.id] ?? false}
                onChange={(event) => {
                  setAccepted({ ...accepted, [policy.id]: event.target.checked });
                  setNotAll(false);
                }}
              />
              <label htmlFor={`policy-${policy.id}`}>{messages.terms.accept(entry.name)}</label>{' '}
              {entry.url ? (
                <a href={entry.url} target="_blank" rel="noopener noreferrer">
                  {entry.name} <span className="visually-hidden">{messages.terms.opensNewTab}</span>
                </a>
              ) : (
                <span className="hint">{messages.terms.noSafeLink}</span>
              )}
            </li>
          );
        })}
      </ul>
      <button type="submit" disabled={registration.pending}>
        {messages.terms.continue}
      </button>
    </form>
  );
}
