import { useMemo, useState } from 'react';
import { useHydrated } from '../../app/use-hydrated';
import type { AppConfig, LinkParams } from '../../config/app-config';
import { useI18n } from '../../i18n/i18n';
import { displayServerName } from '../../matrix/url';
import { RegistrationForm } from './components/registration-form';
import { RequirementsCard } from './components/requirements-card';
import { ServerSection } from './components/server-section';
import type { FormBinding, TextField } from './form-binding';
import { carryForm, initialForm, typedUserIdDomain } from './initial-form';

/**
 * The first paint: the server line and the form, typeable at once, without the page's server state
 * and form library (they load right behind it, and take over with what was typed here). Submit
 * waits for them.
 */
export function SignupShell({
  config,
  link,
  failed,
  hydrating,
}: {
  config: AppConfig;
  link: LinkParams;
  failed: boolean;
  /** The render that hydrates the prerendered page: what this tab kept is applied right after. */
  hydrating: boolean;
}) {
  const { t } = useI18n();
  const initial = useMemo(() => initialForm(config, link, { saved: !hydrating }), [config, link, hydrating]);
  // The server line follows the config (a deployment may name another server than the prerendered
  // page) until the person types one.
  const [typedServer, setTypedServer] = useState<string>();
  const server = typedServer ?? initial.server;
  const [typed, setTyped] = useState<Partial<Record<TextField, string>>>({});
  // What was typed into the prerendered HTML before this script ran: hydration keeps it in the
  // inputs, and the render right after it reads it from them (the preview, the strength).
  const hydrated = useHydrated();
  const typedBefore = useMemo(() => (hydrated ? typedBeforeHydration() : {}), [hydrated]);
  const value = (name: TextField) => typed[name] ?? typedBefore[name] ?? initial.values[name];
  const binding: FormBinding = {
    field: (name) =>
      name === 'bindEmail'
        ? { name, defaultChecked: initial.values.bindEmail }
        : {
            name,
            defaultValue: initial.values[name],
            onChange: (event) => setTyped((previous) => ({ ...previous, [name]: event.target.value })),
          },
    value,
    errors: {},
    submitCount: 0,
    onSubmit: (event) => event.preventDefault(),
  };
  return (
    <>
      <ServerSection
        input={server}
        onInput={setTypedServer}
        allowCustom={config.allowCustomServers}
        suggested={config.suggestedServers}
        server={undefined}
        checking
        problem={null}
      />
      <RequirementsCard lookingFor={displayServerName(server) || undefined} />
      <noscript>
        <p className="notice">{t('app.noScript')}</p>
      </noscript>
      {failed ? (
        <p className="form-error" role="alert">
          {t('app.loadFailed')}
        </p>
      ) : null}
      <RegistrationForm
        binding={binding}
        userIdDomain={typedUserIdDomain(server)}
        userIdDomainPending
        email="none"
        offerBindEmail={false}
        token="none"
        policy={undefined}
        usernameStatus={undefined}
        tokenStatus={undefined}
        lowercased={false}
        onUsernameInput={() => undefined}
        pending={false}
        blocked
        focusHeading={false}
        stepTotal={1}
      />
    </>
  );
}

function typedBeforeHydration(): Partial<Record<TextField, string>> {
  const { values } = carryForm();
  const typed: Partial<Record<TextField, string>> = {};
  for (const name of ['username', 'password', 'confirm', 'email', 'token'] as const) {
    const value = values[name];
    if (value !== undefined && value !== '') typed[name] = value;
  }
  return typed;
}
