import { STAGE } from './stages';

/** Stages this client completes itself; any other stage goes through the server's fallback page. */
export const NATIVE_STAGES: ReadonlySet<string> = new Set([
  STAGE.dummy,
  STAGE.registrationToken,
  STAGE.terms,
  STAGE.recaptcha,
  STAGE.email,
]);
/** Stages the person never sees as a step: dummy is silent, the token comes from the form. */
export const SILENT_STAGES: ReadonlySet<string> = new Set([STAGE.dummy, STAGE.registrationToken]);

export type FlowChoice =
  { ok: true; flow: string[] } | { ok: false; problem: 'email-required' | 'email-unsupported' | 'no-flow' };

/**
 * The flow that fits what the person gave: with an email, only flows that use it (an address
 * given is never dropped); without, only flows that do not. Among those, flows this client can do
 * natively come first, then the shortest.
 */
export function chooseFlow(flows: readonly (readonly string[])[], inputs: { hasEmail: boolean }): FlowChoice {
  if (flows.length === 0) return { ok: false, problem: 'no-flow' };
  const fitting = flows.filter((flow) => flow.includes(STAGE.email) === inputs.hasEmail);
  if (fitting.length === 0) return { ok: false, problem: inputs.hasEmail ? 'email-unsupported' : 'email-required' };
  const score = (flow: readonly string[]) => (flow.every((stage) => NATIVE_STAGES.has(stage)) ? 0 : 1000) + flow.length;
  const best = fitting.reduce((chosen, flow) => (score(flow) < score(chosen) ? flow : chosen));
  return { ok: true, flow: [...best] };
}

/** The steps a person sees: the form, then every stage that is not silent. */
export function visibleStages(flow: readonly string[]): string[] {
  return flow.filter((stage) => !SILENT_STAGES.has(stage));
}

export type Need = 'none' | 'optional' | 'required';

/** Whether a stage is in every flow, some, or none: what the form must ask for. */
export function need(flows: readonly (readonly string[])[], stage: string): Need {
  const count = flows.filter((flow) => flow.includes(stage)).length;
  if (count === 0) return 'none';
  return count === flows.length ? 'required' : 'optional';
}
