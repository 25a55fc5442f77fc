import { awaitingApproval, type ApprovalNotice } from './approval';
import { MatrixApiError } from './errors';
import { chooseFlow, visibleStages, type FlowProblem } from './flow';
import type { Homeserver } from './homeserver';
import { postRegister, type RegisterBody, type RegisterSuccess } from './register';
import { remainingStages, STAGE, type AuthData, type UiaResponse } from './uia';

/** Why the stage the person is at did not go through. */
export interface StageFailure {
  errcode?: string;
  error?: string;
  /** When the verdict was not a 401 UIA body (Dendrite's captcha answers). */
  status?: number;
  /** Asked again after an out-of-band step (the fallback page), and the server has not recorded it. */
  unfinished?: true;
}

export type RegistrationStep =
  | { kind: 'registered'; account: RegisterSuccess }
  /**
   * The account was made and waits for the server's admins (MSC3866). An end, like `registered`:
   * the name is taken now, by this very account, so nothing is sent again. The answer carries no
   * user ID: `username` is the name that was sent.
   */
  | { kind: 'awaiting-approval'; username?: string; notice: ApprovalNotice }
  | {
      kind: 'stage';
      stage: string;
      uia: UiaResponse;
      /** 1-based position among the steps the person sees (the form is step 1). */
      position: number;
      total: number;
      /** The server's verdict on the last attempt at this stage. */
      failure?: StageFailure;
    };

/** No flow fits what the person gave (see `chooseFlow`). */
export class FlowProblemError extends Error {
  override readonly name = 'FlowProblemError';
  constructor(readonly problem: FlowProblem) {
    super(problem);
  }
}

export interface RegistrationInputs {
  /** The token typed on the form, when the form shows the field. */
  token?: string;
  hasEmail: boolean;
}

// A server that answers 401 forever must not make us loop forever (Element Web #23084).
const MAX_AUTOMATIC_ROUNDS = 6;

/**
 * The server no longer knows the session: Synapse 400 `M_UNKNOWN` "Unknown session ID: …"
 * (register-semantics.md), Conduit and Tuwunel 403 `M_FORBIDDEN` "UIAA session does not exist."
 * (Tuwunel `src/service/uiaa/mod.rs:450`), continuwuity ≥0.5.7 400 `M_INVALID_PARAM` "Invalid
 * session" (`continue_session`, which also removes a session once its stages are done). Their
 * errcodes mean other things too, so the words decide; Dendrite needs none of this (an unknown ID
 * starts a new session under that ID).
 */
function sessionGone(error: unknown): boolean {
  return (
    error instanceof MatrixApiError &&
    [400, 403, 404].includes(error.status) &&
    ['M_UNKNOWN', 'M_FORBIDDEN', 'M_INVALID_PARAM', 'M_NOT_FOUND'].includes(error.errcode) &&
    /\bsession\b/i.test(error.serverMessage ?? '')
  );
}

/**
 * Dendrite's captcha verdicts are not UIA bodies: a refused response is 401 `M_BAD_JSON` without
 * flows, a missing one 400 `M_BAD_JSON` (`clientapi/routing/register.go:715-719`). Its username
 * and password checks run before the stage on every request, so after they passed once, an
 * `M_BAD_JSON` answering a captcha can only be about the captcha.
 */
function captchaRefused(error: unknown): error is MatrixApiError {
  return error instanceof MatrixApiError && error.errcode === 'M_BAD_JSON' && [400, 401].includes(error.status);
}

/**
 * One registration through User-Interactive Auth, in one session for as long as the server keeps
 * it. Each request re-sends the whole form (Synapse replaces stored parameters with a later body's;
 * Conduit fills missing keys from the first) with one stage's `auth` and the session. Silent stages
 * (dummy, the form's token) are answered here, the token last; every other stage comes back to the
 * caller as a step.
 */
export class RegistrationDriver {
  private flow: string[] | undefined;
  private session: string | undefined;
  private latest: UiaResponse | undefined;
  /** The stage last handed to the caller: what an out-of-band check is about. */
  private current: string | undefined;

  constructor(
    private readonly server: Homeserver,
    private body: Omit<RegisterBody, 'auth'>,
    private inputs: RegistrationInputs,
    private readonly signal?: AbortSignal,
  ) {}

  start(): Promise<RegistrationStep> {
    return this.send(undefined, 0);
  }

  /**
   * The person went back to the form and sent it again: the whole new form goes to the same
   * session with `auth: {session}` alone (the spec's way to continue one), so that stages already
   * done stay done and a token's use stays in this session. Every family answers that with its 401
   * and `completed` (Synapse; Conduit and Tuwunel's `FallbackAcknowledgement`; continuwuity's
   * early return; Dendrite's empty `auth.type`). The flow is chosen again: the token or email may
   * have changed. A server that forgot the session gets a new one (`sessionGone`).
   */
  restart(body: Omit<RegisterBody, 'auth'>, inputs: RegistrationInputs): Promise<RegistrationStep> {
    this.body = body;
    this.inputs = inputs;
    this.flow = undefined;
    return this.send(this.session === undefined ? undefined : {}, 0);
  }

  /** Completes the current stage with what the person did (`type` plus the stage's fields). */
  submit(auth: Omit<AuthData, 'session'>): Promise<RegistrationStep> {
    return this.send(auth, 0);
  }

  /** Asks the server again with the session alone (after a failure that was not the stage's). */
  resume(): Promise<RegistrationStep> {
    return this.send({}, 0);
  }

  /**
   * After the server's own page for the current stage: asks with the session alone, and reports
   * the stage as unfinished when the server has not recorded it (instead of showing it again as if
   * nothing happened).
   */
  checkOutOfBand(): Promise<RegistrationStep> {
    return this.send({}, 0, this.current);
  }

  private async send(
    auth: Omit<AuthData, 'session'> | undefined,
    round: number,
    expected?: string,
  ): Promise<RegistrationStep> {
    const submitted = typeof auth?.type === 'string' ? auth.type : undefined;
    let result: Awaited<ReturnType<typeof postRegister>>;
    try {
      result = await postRegister(
        this.server,
        auth === undefined
          ? this.body
          : { ...this.body, auth: { ...auth, ...(this.session !== undefined ? { session: this.session } : {}) } },
        { signal: this.signal },
      );
    } catch (error) {
      // Whichever request completed the flow (the form, a stage, a check after the server's own
      // page, a retry): the account exists now.
      const approval = awaitingApproval(error);
      if (approval) {
        const { username } = this.body;
        return { kind: 'awaiting-approval', notice: approval.notice, ...(username !== undefined ? { username } : {}) };
      }
      if (auth !== undefined && this.session !== undefined && sessionGone(error) && round < MAX_AUTOMATIC_ROUNDS) {
        this.session = undefined;
        this.latest = undefined;
        return this.send(undefined, round + 1);
      }
      if (submitted === STAGE.recaptcha && this.latest && captchaRefused(error)) {
        return this.stageStep(STAGE.recaptcha, this.latest, {
          errcode: error.errcode,
          ...(error.serverMessage !== undefined ? { error: error.serverMessage } : {}),
          status: error.status,
        });
      }
      throw error;
    }
    if (result.kind === 'registered') return result;
    const uia = result.uia;
    this.latest = uia;
    this.session = uia.session ?? this.session;
    const flows = uia.flows.map((flow) => flow.stages);
    // Chosen once per form; again if this answer (a new session, say) no longer offers it.
    if (!this.flow || !flows.some((flow) => sameStages(flow, this.flow ?? []))) {
      const choice = chooseFlow(flows, { hasEmail: this.inputs.hasEmail, hasToken: Boolean(this.inputs.token) });
      if (!choice.ok) throw new FlowProblemError(choice.problem);
      this.flow = choice.flow;
    }
    const done = new Set(uia.completed);
    // A stage that was sent and is still not done failed, whatever the errcode says; the words
    // come from that stage. An errcode on an answer to `auth: {session}` is about nothing we sent
    // (continuwuity repeats the last stage error; Tuwunel 1.6.0–1.6.2 adds "SSO authentication
    // not completed", tuwunel#459) and is not shown.
    if (submitted !== undefined && !done.has(submitted)) {
      return this.stageStep(submitted, uia, {
        ...(uia.errcode !== undefined ? { errcode: uia.errcode } : {}),
        ...(uia.error !== undefined ? { error: uia.error } : {}),
      });
    }
    if (expected !== undefined && !done.has(expected)) return this.stageStep(expected, uia, { unfinished: true });
    const [stage] = remainingStages(uia, this.flow);
    // Every stage of our flow is done and still no account: ask again with the session alone,
    // which is how a server that finished a stage out of band is told to go on.
    if (stage === undefined) {
      if (round >= MAX_AUTOMATIC_ROUNDS || auth === undefined || Object.keys(auth).length === 0)
        throw new FlowProblemError('no-flow');
      return this.send({}, round + 1);
    }
    const automatic = this.automaticAuth(stage);
    if (automatic && round < MAX_AUTOMATIC_ROUNDS) return this.send(automatic, round + 1);
    return this.stageStep(stage, uia);
  }

  private stageStep(stage: string, uia: UiaResponse, failure?: StageFailure): RegistrationStep {
    this.current = stage;
    const visible = visibleStages(this.flow ?? []);
    return {
      kind: 'stage',
      stage,
      uia,
      position: visible.indexOf(stage) + 2,
      total: visible.length + 1,
      ...(failure ? { failure } : {}),
    };
  }

  private automaticAuth(stage: string): Omit<AuthData, 'session'> | undefined {
    if (stage === STAGE.dummy) return { type: STAGE.dummy };
    if (stage === STAGE.registrationToken && this.inputs.token)
      return { type: STAGE.registrationToken, token: this.inputs.token };
    return undefined;
  }

  get sessionId(): string | undefined {
    return this.session;
  }
}

function sameStages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((stage, index) => stage === b[index]);
}
