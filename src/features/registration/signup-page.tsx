import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import { useJourneyEnd } from '../../app/journey-end';
import type { AppConfig, LinkParams } from '../../config/app-config';
import type { PasswordPolicy } from '../../matrix/requirements';
import { localized, type Branding } from '../../config/community';
import { chooseFlow, visibleStages } from '../../matrix/flow';
import { keepsBindEmail } from '../../matrix/homeserver';
import { displayServerName } from '../../matrix/url';
import {
  LOCALPART_PATTERN,
  MAX_USER_ID_BYTES,
  normaliseLocalpart,
  splitPastedUserId,
  userIdBytes,
} from '../../matrix/user-id';
import { useI18n, useMessages } from '../../i18n/i18n';
import { useHomeserver } from './api/use-homeserver';
import { usePasswordPolicy, useRequirements } from './api/use-requirements';
import { useTokenValidity } from './api/use-token-validity';
import { useUsernameAvailability } from './api/use-username-availability';
import { FormError, useRateLimitWait } from './components/form-error';
import { FIELD_IDS, RegistrationForm, type FieldStatus } from './components/registration-form';
import type { FormBinding } from './form-binding';
import { carryForm, initialForm, restoreFocus, typedUserIdDomain } from './initial-form';
import { RequirementsCard } from './components/requirements-card';
import { preloadable } from './preloadable';
import { ServerSection } from './components/server-section';
import type { RegistrationValues, SchemaContext } from './registration-schema';
import { shownValues } from './shown-values';
import { clearSavedForm, saveForm } from './saved-form';
import { isFinal, useRegistration } from './use-registration';
import { refusedCharacters, refusedCharactersMessage } from './username-check';

// Not needed to type, so not in the start-up bundle; fetched right after the first render so that
// they are there even if the connection drops before submit.
const loadValidation = () => import('./form-validation');
const stageView = preloadable(() => import('./stages/stage-view'));
const successScreen = preloadable(() => import('./success-screen'));
// Only on servers whose admins approve new accounts (MSC3866): fetched when one answers so.
const approvalScreen = preloadable(() => import('./approval-screen'));
// Only for servers that sign people up through OAuth 2.0 (spec v1.15+).
const oauthSignup = preloadable(() => import('../oauth/oauth-signup'));
const OAuthSignup = oauthSignup.Component;
const StageView = stageView.Component;
const SuccessScreen = successScreen.Component;
const ApprovalScreen = approvalScreen.Component;

/**
 * Dendrite refuses passwords of 1–7 bytes with 400 `M_WEAK_PASSWORD` on every request and
 * publishes no `/password_policy` (`internal/validate.go:25-60`); no other family sends that
 * errcode. After such a refusal of a shorter password, the page shows the rule it learned.
 */
const DENDRITE_MINIMUM_BYTES = 8;

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
  const published = usePasswordPolicy(server);
  const registration = useRegistration(server, { inhibitLogin: config.inhibitLogin });
  // The password rule learned from a refusal (see DENDRITE_MINIMUM_BYTES), for this server only.
  const [learned, setLearned] = useState<{ baseUrl: string; minimum: number }>();
  const submittedPasswordBytes = useRef(0);
  const policy = learnedPolicy(published.data, learned?.baseUrl === server?.baseUrl ? learned?.minimum : undefined);
  // The name as it was when capitals were lower-cased: the note stays while the name still starts
  // with it, and goes once another name is typed (it stayed for any name, audit item 10).
  const [lowercasedFrom, setLowercasedFrom] = useState(() =>
    carried.values.username !== undefined && normaliseLocalpart(carried.values.username).changed
      ? normaliseLocalpart(carried.values.username).localpart
      : undefined,
  );
  // A full ID pasted as the name (`@ana:example.org`): the server it named, to offer.
  const [pasted, setPasted] = useState<{ localpart: string; domain: string }>();

  const stages = requirements.data?.kind === 'stages' ? requirements.data : undefined;
  const serverName = server?.serverName ?? displayServerName(serverInput);
  // The name after `:` in user IDs: known for a typed server name, else only if the server says.
  const userIdDomain = server ? server.userIdDomain : typedUserIdDomain(serverInput);
  const context: SchemaContext = {
    serverName: userIdDomain ?? serverName,
    email: stages?.email ?? 'none',
    token: stages?.token ?? 'none',
    policy,
    ...(stages ? { flows: stages.flows } : {}),
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

  const emailNotTaken = stages !== undefined && context.email === 'none';
  useEffect(() => {
    // An email this server's form does not show (one from an invite link, say) is not kept: a
    // reload brought it back, hidden and unremovable (audit 2026-12 item 1).
    const save = (values: Partial<RegistrationValues>) =>
      saveForm({
        server: serverInput,
        username: values.username,
        email: emailNotTaken ? undefined : values.email,
        bindEmail: values.bindEmail,
      });
    // What was typed before this page took over counts too.
    save(form.getValues());
    const subscription = form.watch(save);
    return () => subscription.unsubscribe();
  }, [form, serverInput, emailNotTaken]);

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
    if (error?.code === 'M_WEAK_PASSWORD' && server && submittedPasswordBytes.current < DENDRITE_MINIMUM_BYTES)
      setLearned({ baseUrl: server.baseUrl, minimum: DENDRITE_MINIMUM_BYTES });
  }, [error, server]);
  // An error about a field this server's form does not show (email, token) is shown for the form:
  // a field error there would list a field that is not on the page (audit item 17, M_THREEPID_*).
  const fieldShown = (field: string) =>
    field === 'email' ? context.email !== 'none' : field === 'token' ? context.token !== 'none' : true;
  const errorAtField = error !== undefined && error.field !== 'form' && fieldShown(error.field);
  useEffect(() => {
    if (!error || phase.kind !== 'form' || !errorAtField) return;
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
  }, [error, phase.kind, form, errorAtField]);

  // The account exists: a reload must not bring its name back into a form.
  const final = isFinal(phase);
  useEffect(() => {
    if (final) clearSavedForm();
  }, [final]);
  useJourneyEnd(final);

  // The browser's Back inside the steps returns to the form rather than leaving the page (audit
  // item 14): one history entry for the steps, pushed when they start. Stages done stay done on the
  // server (UIA), so the form is the one place Back can go; later stages replace the entry.
  const phaseKind = useRef(phase.kind);
  useEffect(() => {
    phaseKind.current = phase.kind;
  });
  const backToForm = useRef(() => registration.backToForm());
  useEffect(() => {
    backToForm.current = () => registration.backToForm();
  });
  useEffect(() => {
    if (phase.kind !== 'stage') return;
    if (isStepsEntry(window.history.state)) window.history.replaceState(STEPS_ENTRY, '');
    else window.history.pushState(STEPS_ENTRY, '');
  }, [phase]);
  useEffect(() => {
    const onPop = (event: PopStateEvent) => {
      // After the end there is no form to go back to (the account exists); Forward does nothing.
      if (phaseKind.current === 'stage' && !isStepsEntry(event.state)) backToForm.current();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  /** The step's own "Back to the form": the same as the browser's Back, so that history stays one. */
  const leaveSteps = () => {
    phaseKind.current = 'form';
    registration.backToForm();
    if (isStepsEntry(window.history.state)) window.history.back();
  };

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
  // Asked only where sign-up is UIA (OAuth-only servers answer 404 on both endpoints), or where
  // the server's answer could not be had: it may still take sign-ups, and the name may be checked.
  const availability = useUsernameAvailability(
    server,
    username,
    wellFormed,
    stages !== undefined || requirements.isError,
  );
  const tokenValidity = useTokenValidity(server, token, stages !== undefined && context.token !== 'none');
  const rateLimitWait = useRateLimitWait(error ?? requirements.error);
  const rateLimited = rateLimitWait > 0;
  const later = useMessages('later');

  const usernameProblem = availability.problem;
  // A taken name, said live or by the server on submit: the person may be its owner.
  const taken =
    usernameProblem?.code === 'M_USER_IN_USE' || form.formState.errors.username?.message === 'error.M_USER_IN_USE';
  // Said as it is typed, before any request: no impossible name is sent or previewed.
  const usernameStatus: FieldStatus | undefined =
    refusedCharacters(username).length > 0
      ? { tone: 'problem', text: refusedCharactersMessage(t, language, username) }
      : tooLong
        ? { tone: 'problem', text: t('username.tooLong') }
        : !wellFormed
          ? undefined
          : availability.checking
            ? { tone: 'info', text: t('username.checking') }
            : usernameProblem
              ? { tone: 'problem', text: t(usernameProblem.messages[0]?.id ?? 'error.unknown') }
              : availability.failed
                ? { tone: 'info', text: t('username.checkFailed') }
                : availability.free
                  ? { tone: 'ok', text: t('username.available') }
                  : undefined;
  const tokenStatus: FieldStatus | undefined =
    token.trim() === ''
      ? undefined
      : tokenValidity.checking
        ? { tone: 'info', text: t('token.checking') }
        : tokenValidity.verdict === 'valid'
          ? { tone: 'ok', text: t('token.valid') }
          : tokenValidity.verdict === 'invalid'
            ? { tone: 'problem', text: t('token.invalid') }
            : tokenValidity.verdict === 'checked-on-submit'
              ? { tone: 'info', text: t('token.checkedOnSubmit') }
              : undefined;

  const shown = shownValues(context, { email, token });
  const flowChoice = stages
    ? chooseFlow(stages.flows, { hasEmail: shown.email.trim() !== '', hasToken: shown.token.trim() !== '' })
    : undefined;
  const stepTotal = flowChoice?.ok ? visibleStages(flowChoice.flow).length + 1 : 1;

  /**
   * Nothing is sent before the name as it is now has been asked about (a pending answer is
   * awaited, a name never asked is asked), nor before a typed token has been checked where the
   * server can say: continuwuity ≥0.5.7 checks the name only after UIA, and it and Tuwunel spend a
   * single-use token at its stage, so a refused name would cost the invite.
   */
  async function onSubmit(values: RegistrationValues) {
    const sent = stages ? shownValues(context, values) : values;
    const problem = await availability.settle(sent.username);
    if (problem) {
      form.setError(
        'username',
        { type: 'server', message: problem.messages[0]?.id ?? 'error.unknown' },
        { shouldFocus: true },
      );
      return;
    }
    if ((await tokenValidity.settle(sent.token)) === 'invalid') {
      form.setError('token', { type: 'server', message: 'token.invalid' }, { shouldFocus: true });
      return;
    }
    submittedPasswordBytes.current = new TextEncoder().encode(sent.password).length;
    registration.start(sent);
  }

  const binding = rhfBinding(form, onSubmit);

  // The form shows at once; it goes away only when the server turns out not to take sign-ups here.
  const closed =
    server !== undefined && (requirements.data?.kind === 'disabled' || requirements.data?.kind === 'oauth');
  const ready =
    server !== undefined && (requirements.data?.kind === 'stages' || requirements.data?.kind === 'unknown') && !closed;

  const checking = discovery.settling || discovery.isFetching || requirements.isFetching;
  // Said next to "Create account" while it cannot act, and where a press on it goes.
  const blockedReason = rateLimited
    ? later?.('error.rateLimit.wait', { seconds: rateLimitWait })
    : checking
      ? t('form.blocked.waiting', { server: serverName })
      : !ready
        ? t('form.blocked.problem')
        : undefined;
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
          token={link.token}
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
          userIdDomainPending={server === undefined && userIdDomain === undefined && checking}
          usernameTooLong={tooLong}
          email={context.email}
          offerBindEmail={server !== undefined && keepsBindEmail(server)}
          token={context.token}
          policy={policy}
          usernameStatus={usernameStatus}
          tokenStatus={tokenStatus}
          lowercased={lowercasedFrom !== undefined && username !== '' && username.startsWith(lowercasedFrom)}
          usernameNote={
            taken ? (
              <TakenSignIn clients={config.clients} />
            ) : pasted && username === pasted.localpart ? (
              <>
                <p>{t('username.fullIdKept', { username: pasted.localpart })}</p>
                {config.allowCustomServers && pasted.domain !== userIdDomain ? (
                  <p>
                    <button type="button" className="link" onClick={() => setServerInput(pasted.domain)}>
                      {t('username.useServer', { server: pasted.domain })}
                    </button>
                  </p>
                ) : null}
              </>
            ) : undefined
          }
          onUsernameInput={(value) => {
            // A whole ID pasted as the name: the part before the colon is the name, the rest the
            // server, which is offered rather than switched to behind the person's back.
            const full = splitPastedUserId(value);
            if (full) {
              form.setValue('username', full.localpart);
              setPasted(full);
              if (full.localpart !== value.trim().replace(/^@/, '').split(':')[0]) setLowercasedFrom(full.localpart);
              return;
            }
            const { localpart, changed } = normaliseLocalpart(value);
            if (changed && localpart !== value.trim()) {
              form.setValue('username', localpart);
              setLowercasedFrom(localpart);
            }
          }}
          pending={registration.pending || form.formState.isSubmitting}
          blocked={!ready || rateLimited}
          reasonOnceAsked={checking && !rateLimited}
          blockedReason={blockedReason}
          problem={
            error && !errorAtField ? (
              <FormError
                key={`${error.code}-${form.formState.submitCount}`}
                error={error}
                onRetry={() => void form.handleSubmit(onSubmit)()}
                focus
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
              leaveSteps();
              requestAnimationFrame(() => document.getElementById(FIELD_IDS.email)?.focus());
            }}
            onBack={leaveSteps}
          />
        </Suspense>
      ) : null}

      {phase.kind === 'done' ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <SuccessScreen
            userId={phase.account.user_id}
            serverName={phase.serverName}
            clients={config.clients}
            emailNotPublished={phase.emailNotPublished}
          />
        </Suspense>
      ) : null}

      {phase.kind === 'awaiting-approval' ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <ApprovalScreen
            username={phase.username}
            userIdDomain={phase.userIdDomain}
            serverName={phase.serverName}
            notice={phase.notice}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/** The server's published policy, with a minimum length learned from a refusal where it says less. */
function learnedPolicy(published: PasswordPolicy | undefined, minimum: number | undefined): PasswordPolicy | undefined {
  if (minimum === undefined) return published;
  const stated = published?.['m.minimum_length'];
  return { ...published, 'm.minimum_length': typeof stated === 'number' && stated > minimum ? stated : minimum };
}

/** react-hook-form as `RegistrationForm` sees it. */
function rhfBinding(
  form: UseFormReturn<RegistrationValues>,
  onSubmit: (values: RegistrationValues) => Promise<void>,
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

/** The history entry of the steps (see the popstate handling in `SignupPage`). */
const STEPS_ENTRY = { matrixSignup: 'steps' } as const;

function isStepsEntry(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { matrixSignup?: unknown }).matrixSignup === 'steps';
}

/**
 * Beside a taken name: it may be the person's own. Element and MAS both offer "sign in" on their
 * sign-up pages (audit section (d)); this page cannot sign in, so it points to the first web app
 * the config names, or says to use one.
 */
function TakenSignIn({ clients }: { clients: { name: string; url: string }[] }) {
  const later = useMessages('later');
  if (!later) return null;
  const client = clients[0];
  return (
    <p>
      {client ? (
        <a href={client.url} rel="noopener noreferrer">
          {later('taken.signInWith', { name: client.name })}
        </a>
      ) : (
        later('taken.signIn')
      )}
    </p>
  );
}
