import type { Homeserver } from './homeserver';
import { postRegister, type RegisterBody, type RegisterSuccess } from './register';
import { remainingStages, STAGE, type AuthData, type UiaResponse } from './uia';

/** No advertised flow consists only of stages this client can complete. */
export class UnsupportedFlowError extends Error {
  override readonly name = 'UnsupportedFlowError';
  constructor(readonly flows: readonly (readonly string[])[]) {
    super('no supported registration flow');
  }
}

/** A UIA stage the server keeps rejecting (`errcode` merged into the 401 body). */
export class StageFailedError extends Error {
  override readonly name = 'StageFailedError';
  constructor(
    readonly stage: string,
    readonly errcode: string | undefined,
    readonly serverMessage: string | undefined,
  ) {
    super(`stage ${stage} failed: ${errcode ?? 'no errcode'}`);
  }
}

/** Produces the `auth` object for one stage; may wait for the person (terms, captcha, email). */
export type StageSolver = (stage: string, uia: UiaResponse) => Promise<Omit<AuthData, 'session'>>;

export const solveDummyStage: StageSolver = (stage) => {
  if (stage !== STAGE.dummy) return Promise.reject(new Error(`no solver for ${stage}`));
  return Promise.resolve({ type: STAGE.dummy });
};

export interface RegisterAccountOptions {
  supportedStages: ReadonlySet<string>;
  solveStage: StageSolver;
  signal?: AbortSignal;
}

// A server that answers 401 forever must not make us loop forever (Element Web #23084).
const MAX_ROUNDS = 12;

/**
 * Registers an account through User-Interactive Auth: the first request carries no `auth`
 * (spec §4.2 rule 1), then one stage per request, echoing the session.
 */
export async function registerAccount(
  server: Homeserver,
  body: Omit<RegisterBody, 'auth'>,
  options: RegisterAccountOptions,
): Promise<RegisterSuccess> {
  let result = await postRegister(server, body, { signal: options.signal });
  let flow: string[] | undefined;
  let lastStage: string | undefined;

  for (let round = 0; result.kind === 'needs-auth'; round++) {
    const uia = result.uia;
    flow ??= chooseFlow(uia, options.supportedStages);
    if (uia.errcode !== undefined && lastStage !== undefined) {
      throw new StageFailedError(lastStage, uia.errcode, uia.error);
    }
    const [stage] = remainingStages(uia, flow);
    if (stage === undefined || round >= MAX_ROUNDS) {
      throw new StageFailedError(lastStage ?? 'none', uia.errcode, uia.error);
    }
    const auth = await options.solveStage(stage, uia);
    lastStage = stage;
    result = await postRegister(
      server,
      { ...body, auth: { ...auth, ...(uia.session === undefined ? {} : { session: uia.session }) } },
      { signal: options.signal },
    );
  }
  return result.account;
}

/** The shortest advertised flow made only of stages we can complete. */
export function chooseFlow(uia: UiaResponse, supported: ReadonlySet<string>): string[] {
  const usable = uia.flows.map((flow) => flow.stages).filter((stages) => stages.every((stage) => supported.has(stage)));
  if (usable.length === 0) throw new UnsupportedFlowError(uia.flows.map((flow) => flow.stages));
  return usable.reduce((shortest, stages) => (stages.length < shortest.length ? stages : shortest));
}
