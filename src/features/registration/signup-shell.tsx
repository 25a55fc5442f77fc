import { useState } from 'react';
import type { AppConfig, LinkParams } from '../../config/app-config';
import { useI18n } from '../../i18n/i18n';
import { RegistrationForm } from './components/registration-form';
import { ServerSection } from './components/server-section';
import type { FormBinding, TextField } from './form-binding';
import { initialForm, typedUserIdDomain } from './initial-form';

/**
 * The first paint: the server line and the form, typeable at once, without the page's server state
 * and form library (they load right behind it, and take over with what was typed here). Submit
 * waits for them.
 */
export function SignupShell({ config, link, failed }: { config: AppConfig; link: LinkParams; failed: boolean }) {
  const { t } = useI18n();
  const [initial] = useState(() => initialForm(config, link));
  const [server, setServer] = useState(initial.server);
  const [typed, setTyped] = useState<Partial<Record<TextField, string>>>({});
  const value = (name: TextField) => typed[name] ?? initial.values[name];
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
        onInput={setServer}
        allowCustom={config.allowCustomServers}
        suggested={config.suggestedServers}
        server={undefined}
        checking
        problem={null}
      />
      {failed ? (
        <p className="form-error" role="alert">
          {t('app.loadFailed')}
        </p>
      ) : null}
      <RegistrationForm
        binding={binding}
        userIdDomain={typedUserIdDomain(server)}
        email="none"
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
