import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ApprovalNotice } from '../../matrix/approval';
import type { DiscoveredServer } from '../../matrix/discovery';
import { keepsBindEmail } from '../../matrix/homeserver';
import type { RegisterSuccess } from '../../matrix/register';
import { STAGE } from '../../matrix/stages';
import type { RegistrationDriver, RegistrationStep } from '../../matrix/uia-driver';
import { PageError } from './page-error';
import { loadProtocol, type Protocol } from './protocol';
import type { RegistrationValues } from './registration-schema';

export type StageStep = Extract<RegistrationStep, { kind: 'stage' }>;

export type Phase =
  | { kind: 'form' }
  | { kind: 'stage'; step: StageStep }
  | {
      kind: 'done';
      account: RegisterSuccess;
      serverName: string;
      /** An email was sent where the page did not offer to publish it (`keepsBindEmail`). */
      emailNotPublished: boolean;
    }
  /** The account exists and waits for the server's admins (MSC3866): an end, like `done`. */
  | {
      kind: 'awaiting-approval';
      username: string;
      notice: ApprovalNotice;
      serverName: string;
      /** The name after `:` in the server's user IDs, when known (see `DiscoveredServer`). */
      userIdDomain?: string;
    };

/** The phases after which nothing is sent again: the account exists. */
export function isFinal(phase: Phase): boolean {
  return phase.kind === 'done' || phase.kind === 'awaiting-approval';
}

/** Only when the protocol code itself could not load: there is no finer wording to give. */
function unknownError(): PageError {
  return new PageError({ code: 'unknown', field: 'form', messages: [{ id: 'app.loadFailed' }], retryable: true });
}

const FORM_FIELDS = new Set(['username', 'password', 'email', 'token']);

/**
 * The registration as the page lives it: the form, then each stage the server asks for, then the
 * account. A failed token stage goes back to the form (the token is typed there); other failures
 * stay on their stage. Nothing is retried automatically. One UIA session per attempt: sending the
 * form again after going back to it continues the session (`RegistrationDriver.restart`), so that
 * stages done stay done and Synapse does not hold a single-use token "pending" in an abandoned one.
 */
export function useRegistration(server: DiscoveredServer | undefined, options: { inhibitLogin: boolean }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [error, setError] = useState<PageError>();
  const driver = useRef<RegistrationDriver | undefined>(undefined);
  // The server the driver talks to: another server means another attempt.
  const driverServer = useRef<string | undefined>(undefined);
  const protocol = useRef<Protocol | undefined>(undefined);
  // Set with the end (account made, or waiting for approval); read where state could be stale.
  const finished = useRef(false);
  const emailNotPublished = useRef(false);
  const mutation = useMutation({
    mutationFn: async (request: (loaded: Protocol) => Promise<RegistrationStep>) => {
      const loaded = await loadProtocol();
      protocol.current = loaded;
      return loaded.worded(() => request(loaded), undefined, server?.serverName);
    },
  });

  function onStep(step: RegistrationStep) {
    // After the end, a late answer (an email check still under way) changes nothing.
    if (finished.current) return;
    if (step.kind === 'registered' || step.kind === 'awaiting-approval') finished.current = true;
    if (step.kind === 'registered') {
      setError(undefined);
      setPhase({
        kind: 'done',
        account: step.account,
        serverName: server?.serverName ?? '',
        emailNotPublished: emailNotPublished.current,
      });
      return;
    }
    if (step.kind === 'awaiting-approval') {
      setError(undefined);
      setPhase({
        kind: 'awaiting-approval',
        username: step.username ?? '',
        notice: step.notice,
        serverName: server?.serverName ?? '',
        ...(server?.userIdDomain !== undefined ? { userIdDomain: server.userIdDomain } : {}),
      });
      return;
    }
    const failure =
      step.failure && protocol.current ? protocol.current.stageFailureToPageError(step.stage, step.failure) : undefined;
    setError(failure);
    setPhase(step.stage === STAGE.registrationToken && failure ? { kind: 'form' } : { kind: 'stage', step });
  }

  function fail(failure: PageError) {
    if (finished.current) return;
    setError(failure);
    // A problem with a form field goes back to the form, where the field is.
    if (FORM_FIELDS.has(failure.field)) setPhase({ kind: 'form' });
  }

  function run(request: (loaded: Protocol) => Promise<RegistrationStep>) {
    // The account exists: nothing is sent again (a second request would say the name is taken).
    if (finished.current) return;
    setError(undefined);
    mutation.mutate(request, {
      onSuccess: onStep,
      onError: (failure) =>
        fail(failure instanceof PageError ? failure : (protocol.current?.toPageError(failure) ?? unknownError())),
    });
  }

  return {
    phase,
    error,
    pending: mutation.isPending,
    driver: () => driver.current,
    start(values: RegistrationValues) {
      if (!server) return;
      const email = values.email.trim();
      const bindKept = keepsBindEmail(server);
      emailNotPublished.current = email !== '' && !bindKept;
      const body = {
        username: values.username,
        password: values.password,
        // Only where the server reads it, which is where the form offers it (docs/decisions/017).
        ...(email && bindKept ? { bind_email: values.bindEmail } : {}),
        inhibit_login: options.inhibitLogin,
        initial_device_display_name: 'Matrix sign-up page',
      };
      const inputs = { token: values.token.trim() || undefined, hasEmail: email !== '' };
      const ongoing = driverServer.current === server.baseUrl ? driver.current : undefined;
      run((loaded) => {
        if (ongoing) return ongoing.restart(body, inputs);
        driver.current = new loaded.RegistrationDriver(server, body, inputs);
        driverServer.current = server.baseUrl;
        return driver.current.start();
      });
    },
    submitStage(auth: Record<string, unknown>) {
      const current = driver.current;
      if (current) run(() => current.submit(auth));
    },
    resume() {
      const current = driver.current;
      if (current) run(() => current.resume());
    },
    /** After the server's own page for this stage: goes on, or says the stage is not finished. */
    checkOutOfBand() {
      const current = driver.current;
      if (current) run(() => current.checkOutOfBand());
    },
    /** For stages that ask in the background (email polling): a step that came from elsewhere. */
    onStep,
    /** A failure from a stage's own request. */
    fail(failure: unknown) {
      if (protocol.current) fail(protocol.current.toPageError(failure, server?.serverName));
    },
    backToForm() {
      setError(undefined);
      setPhase({ kind: 'form' });
    },
  };
}

export type Registration = ReturnType<typeof useRegistration>;
