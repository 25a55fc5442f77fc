import { chooseFlow, visibleStages } from './flow';
import type { Homeserver } from './homeserver';
import { postRegister, type RegisterBody, type RegisterSuccess } from './register';
import { remainingStages, STAGE, type AuthData, type UiaResponse } from './uia';

export type RegistrationStep =
  | { kind: 'registered'; account: RegisterSuccess }
  | {
      kind: 'stage';
      stage: string;
      uia: UiaResponse;
      /** 1-based position among the steps the person sees (the form is step 1). */
      position: number;
      total: number;
      /** The server's verdict on the last attempt at this stage. */
      failure?: { errcode?: string; error?: string };
    };

/** No flow fits what the person gave (see `chooseFlow`). */
export class FlowProblemError extends Error {
  override readonly name = 'FlowProblemError';
  constructor(readonly problem: 'email-required' | 'email-unsupported' | 'no-flow') {
    super(problem);
  }
}

// A server that answers 401 forever must not make us loop forever (Element Web #23084).
const MAX_AUTOMATIC_ROUNDS = 6;

/**
 * One registration through User-Interactive Auth. The first request carries no `auth`; each round
 * re-sends the whole body (servers that do not remember parameters, like the seed's, need it) with
 * one stage's `auth` and the session. Silent stages (dummy, the form's token) are answered here;
 * every other stage comes back to the caller as a step.
 */
export class RegistrationDriver {
  private flow: string[] | undefined;
  private session: string | undefined;

  constructor(
    private readonly server: Homeserver,
    private readonly body: Omit<RegisterBody, 'auth'>,
    private readonly inputs: { token?: string; hasEmail: boolean },
    private readonly signal?: AbortSignal,
  ) {}

  start(): Promise<RegistrationStep> {
    return this.send(undefined, 0);
  }

  /** Completes the current stage with what the person did (`type` plus the stage's fields). */
  submit(auth: Omit<AuthData, 'session'>): Promise<RegistrationStep> {
    return this.send(auth, 0);
  }

  /** After an out-of-band stage (fallback page): ask the server again with the session alone. */
  resume(): Promise<RegistrationStep> {
    return this.send({}, 0);
  }

  private async send(auth: Omit<AuthData, 'session'> | undefined, round: number): Promise<RegistrationStep> {
    const result = await postRegister(
      this.server,
      auth === undefined
        ? this.body
        : { ...this.body, auth: { ...auth, ...(this.session ? { session: this.session } : {}) } },
      { signal: this.signal },
    );
    if (result.kind === 'registered') return result;
    const uia = result.uia;
    this.session = uia.session ?? this.session;
    if (!this.flow) {
      const choice = chooseFlow(
        uia.flows.map((flow) => flow.stages),
        { hasEmail: this.inputs.hasEmail },
      );
      if (!choice.ok) throw new FlowProblemError(choice.problem);
      this.flow = choice.flow;
    }
    const [stage] = remainingStages(uia, this.flow);
    // Every stage of our flow is done and still no account: ask again with the session alone,
    // which is how a server that finished a stage out of band is told to go on.
    if (stage === undefined) {
      if (round >= MAX_AUTOMATIC_ROUNDS || auth === undefined || Object.keys(auth).length === 0)
        throw new FlowProblemError('no-flow');
      return this.send({}, round + 1);
    }
    const failure = uia.errcode !== undefined ? { errcode: uia.errcode, error: uia.error } : undefined;
    const automatic = this.automaticAuth(stage);
    if (automatic && !failure && round < MAX_AUTOMATIC_ROUNDS) return this.send(automatic, round + 1);
    const visible = visibleStages(this.flow);
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
