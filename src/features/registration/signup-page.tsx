import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { AppConfig, LinkParams } from '../../config/app-config';
import { localized, type Branding } from '../../config/community';
import { chooseFlow, visibleStages } from '../../matrix/flow';
import { displayServerName } from '../../matrix/url';
import { LOCALPART_PATTERN, MAX_USER_ID_BYTES, normaliseLocalpart, userIdBytes } from '../../matrix/user-id';
import { useI18n } from '../../i18n/i18n';
import { useHomeserver } from './api/use-homeserver';
import { usePasswordPolicy, useRequirements } from './api/use-requirements';
import { useTokenValidity } from './api/use-token-validity';
import { useUsernameAvailability } from './api/use-username-availability';
import { FormError, useRateLimitActive } from './components/form-error';
import { FIELD_IDS, RegistrationForm, type FieldStatus } from './components/registration-form';
import type { FormBinding } from './form-binding';
import { carryForm, initialForm, restoreFocus, typedUserIdDomain } from './initial-form';
import { RequirementsCard } from './components/requirements-card';
import { preloadable } from './preloadable';
import { ServerSection } from './components/server-section';
import type { RegistrationValues, SchemaContext } from './registration-schema';
import { clearSavedForm, saveForm } from './saved-form';
import { useRegistration } from './use-registration';
import { refusedCharacters, refusedCharactersMessage } from './username-check';

// Not needed to type, so not in the start-up bundle; fetched right after the first render so that
// they are there even if the connection drops before submit.
const loadValidation = () => import('./form-validation');
const stageView = preloadable(() => import('./stages/stage-view'));
const successScreen = preloadable(() => import('./success-screen'));
// Only for servers that sign people up through OAuth 2.0 (spec v1.15+).
const oauthSignup = preloadable(() => import('../oauth/oauth-signup'));
const OAuthSignup = oauthSignup.Component;
const StageView = stageView.Component;
const SuccessScreen = successScreen.Component;

const USERNAME_PROBLEMS = new Set(['M_USER_IN_USE', 'M_INVALID_USERNAME', 'M_EXCLUSIVE']);

/**
 * The whole sign-up, with its server state (TanStack Query) and form (react-hook-form). It loads
 * right after the first paint, which `SignupShell` makes; it takes over from it with whatever was
 * typed and focused there.
 */
export default function SignupPageWithServerState(props: { config: AppConfig; branding?: Branding; link: LinkParams }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Registration is not idempotent and a 429 must be waited out: nothing retries behind the person's back.
        // `networkMode: always`: the page explains being offline itself, rather than pausing silently.
        defaultOptions: {
          mutations: { retry: false, networkMode: 'always' },
          queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SignupPage {...props} />
    </QueryClientProvider>
  );
}

function SignupPage({ config, branding, link }: { config: AppConfig; branding?: Branding; link: LinkParams }) {
  const { t, language } = useI18n();
  // Read while the first paint's form is still on the page (this render replaces it).
  const [carried] = useState(carryForm);
  const [initial] = useState(() => initialForm(config, link));
  const [serverInput, setServerInput] = useState(() => carried.server ?? initial.server);
  useLayoutEffect(() => restoreFocus(carried), [carried]);
  const discovery = useHomeserver(serverInput);
  const server = discovery.settling ? undefined : discovery.data;
  const requirements = useRequirements(server);
  const policy = usePasswordPolicy(server);
  const registration = useRegistration(server, { inhibitLogin: config.inhibitLogin });
  const [lowercased, setLowercased] = useState(
    () => carried.values.username !== undefined && normaliseLocalpart(carried.values.username).changed,
  );

  const stages = requirements.data?.kind === 'stages' ? requirements.data : undefined;
  const serverName = server?.serverName ?? displayServerName(serverInput);
  // The name after `:` in user IDs: known for a typed server name, else only if the server says.
  const userIdDomain = server ? server.userIdDomain : typedUserIdDomain(serverInput);
  const context: SchemaContext = {
    serverName: userIdDomain ?? serverName,
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
      ...initial.values,
      ...carried.values,
      username: normaliseLocalpart(carried.values.username ?? initial.values.username).localpart,
    },
  });

  useEffect(() => {
    const save = (values: Partial<RegistrationValues>) =>
      saveForm({ server: serverInput, username: values.username, email: values.email, bindEmail: values.bindEmail });
    // What was typed before this page took over counts too.
    save(form.getValues());
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, serverInput]);

  // Says the page is whole (tests and the bench wait for it; nothing else reads it).
  useEffect(() => {
    document.documentElement.dataset.signup = 'ready';
    return () => {
      delete document.documentElement.dataset.signup;
    };
  }, []);

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
      form.setError(
        error.field,
        { type: 'server', message: error.messages[0]?.id ?? 'error.unknown' },
        { shouldFocus: true },
      );
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
  // Too long for the server's user IDs (255 bytes with `@` and `:server`), measured as the form's
  // rules measure it: said as typed, and neither checked nor previewed.
  const tooLong = userIdBytes(username, context.serverName) > MAX_USER_ID_BYTES;
  const wellFormed = username !== '' && LOCALPART_PATTERN.test(username) && !tooLong;
  const availability = useUsernameAvailability(server, username, wellFormed);
  const tokenValidity = useTokenValidity(server, token, context.token !== 'none');
  const rateLimited = useRateLimitActive(error ?? requirements.error);

  const usernameProblem =
    availability.error && USERNAME_PROBLEMS.has(availability.error.code) ? availability.error : undefined;
  // Said as it is typed, before any request: no impossible name is sent or previewed.
  const usernameStatus: FieldStatus | undefined =
    refusedCharacters(username).length > 0
      ? { tone: 'problem', text: refusedCharactersMessage(t, username) }
      : tooLong
        ? { tone: 'problem', text: t('username.tooLong') }
        : !wellFormed
          ? undefined
          : availability.isFetching
            ? { tone: 'info', text: t('username.checking') }
            : usernameProblem
              ? { tone: 'problem', text: t(usernameProblem.messages[0]?.id ?? 'error.unknown') }
              : availability.isError
                ? { tone: 'info', text: t('username.checkFailed') }
                : availability.isSuccess
                  ? { tone: 'ok', text: t('username.available') }
                  : undefined;
  const tokenStatus: FieldStatus | undefined =
    token.trim() === ''
      ? undefined
      : tokenValidity.isFetching
        ? { tone: 'info', text: t('token.checking') }
        : tokenValidity.data === true
          ? { tone: 'ok', text: t('token.valid') }
          : tokenValidity.data === false
            ? { tone: 'problem', text: t('token.invalid') }
            : undefined;

  const flowChoice = stages ? chooseFlow(stages.flows, { hasEmail: email.trim() !== '' }) : undefined;
  const stepTotal = flowChoice?.ok ? visibleStages(flowChoice.flow).length + 1 : 1;

  function onSubmit(values: RegistrationValues) {
    if (usernameProblem) {
      form.setError(
        'username',
        { type: 'server', message: usernameProblem.messages[0]?.id ?? 'error.unknown' },
        { shouldFocus: true },
      );
      return;
    }
    if (tokenValidity.data === false && context.token !== 'none') {
      form.setError('token', { type: 'server', message: 'token.invalid' }, { shouldFocus: true });
      return;
    }
    registration.start(values);
  }

  // An error about a field this server's form does not show (email, token) is shown for the form.
  const fieldShown = (field: string) =>
    field === 'email' ? context.email !== 'none' : field === 'token' ? context.token !== 'none' : true;
  const binding = rhfBinding(form, onSubmit);

  // The form shows at once; it goes away only when the server turns out not to take sign-ups here.
  const closed =
    server !== undefined && (requirements.data?.kind === 'disabled' || requirements.data?.kind === 'oauth');
  const ready =
    server !== undefined && (requirements.data?.kind === 'stages' || requirements.data?.kind === 'unknown') && !closed;

  const checking = discovery.settling || discovery.isFetching || requirements.isFetching;
  const oauth =
    requirements.data?.kind === 'oauth'
      ? { variant: 'only' as const, server: requirements.data.oauth }
      : stages?.oauth
        ? { variant: 'beside' as const, server: stages.oauth }
        : undefined;
  const oauthView =
    phase.kind === 'form' && server && oauth ? (
      <Suspense fallback={null}>
        <OAuthSignup
          server={server}
          oauth={oauth.server}
          variant={oauth.variant}
          clientName={branding?.name ? localized(branding.name, language) : undefined}
          links={branding?.logo ? { logo: branding.logo.light } : undefined}
          username={link.username}
        />
      </Suspense>
    ) : null;

  return (
    <>
      {phase.kind === 'form' ? (
        <ServerSection
          input={serverInput}
          onInput={setServerInput}
          allowCustom={config.allowCustomServers}
          suggested={config.suggestedServers}
          server={server}
          checking={checking}
          problem={
            discovery.error ? <FormError error={discovery.error} onRetry={() => void discovery.refetch()} /> : null
          }
        />
      ) : null}
      {oauth?.variant === 'only' ? oauthView : null}
      {phase.kind === 'form' && oauth?.variant !== 'only' ? (
        <RequirementsCard
          requirements={server ? requirements.data : undefined}
          lookingFor={checking && serverName ? serverName : undefined}
        />
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
          binding={binding}
          userIdDomain={userIdDomain}
          userIdDomainPending={server === undefined && userIdDomain === undefined}
          usernameTooLong={tooLong}
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
          problem={
            error && (error.field === 'form' || !fieldShown(error.field)) ? (
              <FormError
                key={`${error.code}-${form.formState.submitCount}`}
                error={error}
                onRetry={() => void form.handleSubmit(onSubmit)()}
              />
            ) : null
          }
          focusHeading={registration.driver() !== undefined}
          stepTotal={stepTotal}
        />
      ) : null}

      {oauth?.variant === 'beside' ? oauthView : null}

      {phase.kind === 'stage' && server ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
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
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <SuccessScreen userId={phase.account.user_id} serverName={phase.serverName} clients={config.clients} />
        </Suspense>
      ) : null}
    </>
  );
}

/** react-hook-form as `RegistrationForm` sees it. */
function rhfBinding(
  form: UseFormReturn<RegistrationValues>,
  onSubmit: (values: RegistrationValues) => void,
): FormBinding {
  return {
    field: (name, options) =>
      form.register(
        name,
        options?.onChange
          ? { onChange: (event: { target: { value: string } }) => options.onChange?.(event.target.value) }
          : undefined,
      ),
    value: (name) => form.watch(name),
    errors: form.formState.errors,
    submitCount: form.formState.submitCount,
    onSubmit: (event) => void form.handleSubmit(onSubmit)(event),
  };
}
