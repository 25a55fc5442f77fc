import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { AppConfig, LinkParams } from '../../config/app-config';
import { chooseFlow, visibleStages } from '../../matrix/flow';
import { displayServerName } from '../../matrix/url';
import { LOCALPART_PATTERN, normaliseLocalpart } from '../../matrix/user-id';
import { messages } from '../../messages/form';
import { useHomeserver } from './api/use-homeserver';
import { usePasswordPolicy, useRequirements } from './api/use-requirements';
import { useTokenValidity } from './api/use-token-validity';
import { useUsernameAvailability } from './api/use-username-availability';
import { FormError, useRateLimitActive } from './components/form-error';
import { FIELD_IDS, RegistrationForm, type FieldStatus } from './components/registration-form';
import { RequirementsCard } from './components/requirements-card';
import { preloadable } from './preloadable';
import { ServerSection } from './components/server-section';
import type { RegistrationValues, SchemaContext } from './registration-schema';
import { clearSavedForm, loadSavedForm, saveForm } from './saved-form';
import { useRegistration } from './use-registration';

// Not needed to type, so not in the start-up bundle; fetched right after the first render so that
// they are there even if the connection drops before submit.
const loadValidation = () => import('./form-validation');
const stageView = preloadable(() => import('./stages/stage-view'));
const successScreen = preloadable(() => import('./success-screen'));
const StageView = stageView.Component;
const SuccessScreen = successScreen.Component;

const USERNAME_PROBLEMS = new Set(['M_USER_IN_USE', 'M_INVALID_USERNAME', 'M_EXCLUSIVE']);

export function SignupPage({ config, link }: { config: AppConfig; link: LinkParams }) {
  const [saved] = useState(loadSavedForm);
  const [serverInput, setServerInput] = useState(
    () => (config.allowCustomServers ? (link.server ?? saved.server) : undefined) ?? config.defaultServer,
  );
  const discovery = useHomeserver(serverInput);
  const server = discovery.settling ? undefined : discovery.data;
  const requirements = useRequirements(server);
  const policy = usePasswordPolicy(server);
  const registration = useRegistration(server, { inhibitLogin: config.inhibitLogin });
  const [lowercased, setLowercased] = useState(false);

  const stages = requirements.data?.kind === 'stages' ? requirements.data : undefined;
  const serverName = server?.serverName ?? displayServerName(serverInput);
  const context: SchemaContext = {
    serverName,
    email: stages?.email ?? 'none',
    token: stages?.token ?? 'none',
    policy: policy.data,
  };
  // The rules depend on the server; the resolver reads them when it runs. The resolver and zod
  // load with the first validation: nothing about typing needs them.
  const contextRef = useRef(context);
  useEffect(() => {
    contextRef.current = context;
  });
  const resolver = useCallback<Resolver<RegistrationValues>>(async (values, _unused, options) => {
    const { validateRegistration } = await loadValidation();
    return validateRegistration(contextRef.current, values, options);
  }, []);
  const form = useForm<RegistrationValues>({
    resolver,
    defaultValues: {
      username: normaliseLocalpart(link.username ?? saved.username ?? '').localpart,
      password: '',
      confirm: '',
      email: link.email ?? saved.email ?? '',
      bindEmail: saved.bindEmail ?? false,
      token: link.token ?? '',
    },
  });

  useEffect(() => {
    const subscription = form.watch((values) =>
      saveForm({ server: serverInput, username: values.username, email: values.email, bindEmail: values.bindEmail }),
    );
    return () => subscription.unsubscribe();
  }, [form, serverInput]);

  // A server error about one field belongs to that field, and focus goes there.
  const { error, phase } = registration;
  useEffect(() => {
    if (!error || phase.kind !== 'form') return;
    if (
      error.field === 'username' ||
      error.field === 'password' ||
      error.field === 'email' ||
      error.field === 'token'
    ) {
      form.setError(error.field, { type: 'server', message: error.text }, { shouldFocus: true });
    }
  }, [error, phase.kind, form]);

  useEffect(() => {
    if (phase.kind === 'done') clearSavedForm();
  }, [phase.kind]);

  useEffect(() => {
    const timer = setTimeout(
      () => void Promise.all([loadValidation(), stageView.preload(), successScreen.preload()]).catch(() => undefined),
      0,
    );
    return () => clearTimeout(timer);
  }, []);

  const username = form.watch('username');
  const token = form.watch('token');
  const email = form.watch('email');
  const wellFormed = username !== '' && LOCALPART_PATTERN.test(username);
  const availability = useUsernameAvailability(server, username, wellFormed);
  const tokenValidity = useTokenValidity(server, token, context.token !== 'none');
  const rateLimited = useRateLimitActive(error ?? requirements.error);

  const usernameProblem =
    availability.error && USERNAME_PROBLEMS.has(availability.error.code) ? availability.error : undefined;
  const usernameStatus: FieldStatus | undefined = !wellFormed
    ? undefined
    : availability.isFetching
      ? { tone: 'info', text: messages.username.checking }
      : usernameProblem
        ? { tone: 'problem', text: usernameProblem.text }
        : availability.isError
          ? { tone: 'info', text: messages.username.checkFailed }
          : availability.isSuccess
            ? { tone: 'ok', text: messages.username.available }
            : undefined;
  const tokenStatus: FieldStatus | undefined =
    token.trim() === ''
      ? undefined
      : tokenValidity.isFetching
        ? { tone: 'info', text: messages.token.checking }
        : tokenValidity.data === true
          ? { tone: 'ok', text: messages.token.valid }
          : tokenValidity.data === false
            ? { tone: 'problem', text: messages.token.invalid }
            : undefined;

  const flowChoice = stages ? chooseFlow(stages.flows, { hasEmail: email.trim() !== '' }) : undefined;
  const stepTotal = flowChoice?.ok ? visibleStages(flowChoice.flow).length + 1 : 1;

  function onSubmit(values: RegistrationValues) {
    if (usernameProblem) {
      form.setError('username', { type: 'server', message: usernameProblem.text }, { shouldFocus: true });
      return;
    }
    if (tokenValidity.data === false && context.token !== 'none') {
      form.setError('token', { type: 'server', message: messages.token.invalid }, { shouldFocus: true });
      return;
    }
    registration.start(values);
  }

  // The form shows at once; it goes away only when the server turns out not to take sign-ups here.
  const closed =
    server !== undefined && (requirements.data?.kind === 'disabled' || requirements.data?.kind === 'oauth');
  const ready =
    server !== undefined && (requirements.data?.kind === 'stages' || requirements.data?.kind === 'unknown') && !closed;

  return (
    <main className="card">
      <h1>{messages.appTitle}</h1>
      {phase.kind === 'form' ? (
        <ServerSection
          input={serverInput}
          onInput={setServerInput}
          allowCustom={config.allowCustomServers}
          suggested={config.suggestedServers}
          server={server}
          checking={discovery.settling || discovery.isFetching || requirements.isFetching}
          error={discovery.error}
          onRetry={() => void discovery.refetch()}
        />
      ) : null}
      {phase.kind === 'form' && server && requirements.data ? (
        <RequirementsCard requirements={requirements.data} />
      ) : null}
      {phase.kind === 'form' && requirements.error ? (
        <FormError
          key={requirements.errorUpdatedAt}
          error={requirements.error}
          onRetry={() => void requirements.refetch()}
        />
      ) : null}

      {phase.kind === 'form' && !closed ? (
        <RegistrationForm
          form={form}
          serverName={serverName}
          email={context.email}
          token={context.token}
          policy={policy.data}
          usernameStatus={usernameStatus}
          tokenStatus={tokenStatus}
          lowercased={lowercased}
          onUsernameInput={(value) => {
            const { localpart, changed } = normaliseLocalpart(value);
            if (changed && localpart !== value.trim()) {
              form.setValue('username', localpart);
              setLowercased(true);
            }
          }}
          pending={registration.pending}
          blocked={!ready || rateLimited}
          error={error}
          focusHeading={registration.driver() !== undefined}
          onRetry={() => void form.handleSubmit(onSubmit)()}
          onSubmit={onSubmit}
          stepTotal={stepTotal}
        />
      ) : null}

      {phase.kind === 'stage' && server ? (
        <Suspense fallback={<p>{messages.loading}</p>}>
          <StageView
            step={phase.step}
            registration={registration}
            server={server}
            email={email.trim()}
            onChangeEmail={() => {
              registration.backToForm();
              requestAnimationFrame(() => document.getElementById(FIELD_IDS.email)?.focus());
            }}
          />
        </Suspense>
      ) : null}

      {phase.kind === 'done' ? (
        <Suspense fallback={<p>{messages.loading}</p>}>
          <SuccessScreen userId={phase.account.user_id} serverName={phase.serverName} clients={config.clients} />
        </Suspense>
      ) : null}
    </main>
  );
}
