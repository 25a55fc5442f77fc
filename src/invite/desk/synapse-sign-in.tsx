import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { TokenDesk } from '../../matrix/admin/desk-api';
import type { AdminApi, DeskPorts } from './desk-ports';
import { Field } from './field';
import { FormProblem } from './form-problem';
import { wordProblem, type AdminPlace, type WordedProblem } from './problem-words';

type Way = 'password' | 'accessToken';

/**
 * Synapse: its password login (`POST /login`, `m.login.password`), or an admin's access token
 * pasted from a client. The password and the token live in this form's state only until sent.
 */
export function SynapseSignIn({
  api,
  place,
  ports,
  onSignedIn,
}: {
  api: Extract<AdminApi, { world: 'synapse' }>;
  place: AdminPlace;
  ports: Pick<DeskPorts, 'signInToSynapse'>;
  onSignedIn: (desk: TokenDesk) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [way, setWay] = useState<Way>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WordedProblem>();
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const accessTokenInput = useRef<HTMLInputElement>(null);

  const submit = () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    const credentials =
      way === 'password' ? { username: username.trim(), password } : { accessToken: accessToken.trim() };
    ports.signInToSynapse(api, credentials).then(onSignedIn, (error: unknown) => {
      const worded = wordProblem(error, place);
      setBusy(false);
      setProblem(worded);
      // A refusal about a field puts the cursor there; its error is read with it.
      const field = worded.field;
      const input = { username: usernameInput, password: passwordInput, accessToken: accessTokenInput };
      if (field === 'username' || field === 'password' || field === 'accessToken') input[field].current?.focus();
    });
  };

  const errorAt = (field: 'username' | 'password' | 'accessToken') =>
    problem?.field === field ? problem.messages.map((message) => t(message.id, message.values)).join(' ') : undefined;
  const formProblem =
    problem && !(problem.field === 'username' || problem.field === 'password' || problem.field === 'accessToken')
      ? problem
      : undefined;
  const switchTo = (next: Way) => {
    setWay(next);
    setProblem(undefined);
    // Whatever was typed the other way is dropped, not kept in memory.
    setPassword('');
    setAccessToken('');
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <FormProblem problem={formProblem} />
      {way === 'password' ? (
        <>
          <Field
            id={`${id}-username`}
            label={t('invite.username')}
            value={username}
            onChange={setUsername}
            error={errorAt('username')}
            serverMessage={problem?.field === 'username' ? problem.serverMessage : undefined}
            inputRef={usernameInput}
            input={{ autoComplete: 'username', autoCapitalize: 'none', required: true }}
          />
          <Field
            id={`${id}-password`}
            label={t('password.label')}
            value={password}
            onChange={setPassword}
            error={errorAt('password')}
            serverMessage={problem?.field === 'password' ? problem.serverMessage : undefined}
            inputRef={passwordInput}
            input={{ type: 'password', autoComplete: 'current-password', required: true }}
          />
        </>
      ) : (
        <Field
          id={`${id}-access-token`}
          label={t('invite.desk.accessToken')}
          hint={t('invite.desk.accessTokenHint')}
          value={accessToken}
          onChange={setAccessToken}
          error={errorAt('accessToken')}
          serverMessage={problem?.field === 'accessToken' ? problem.serverMessage : undefined}
          inputRef={accessTokenInput}
          // Shown as dots like a password: it is one, and the screen may be shared.
          input={{ type: 'password', autoComplete: 'off', required: true }}
        />
      )}
      <p>
        <button type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? t('invite.desk.signingIn') : t('invite.desk.signIn')}
        </button>
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => switchTo(way === 'password' ? 'accessToken' : 'password')}
        >
          {way === 'password' ? t('invite.desk.useAccessToken') : t('invite.desk.usePassword')}
        </button>
      </p>
    </form>
  );
}
