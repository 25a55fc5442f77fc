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

/** What the person gave on the form that decides the flow. */
export interface FlowInputs {
  hasEmail: boolean;
  hasToken: boolean;
}

/** Why no flow fits what the person gave; each says what to add or remove. */
export type FlowProblem =
  | 'no-flow'
  | 'email-required'
  | 'email-unsupported'
  | 'token-required'
  | 'token-unsupported'
  /** Neither was given, and every flow needs one of them (continuwuity: token, or captcha and email). */
  | 'token-or-email'
  /** Both were given, and no flow takes both (continuwuity's two flows are alternatives). */
  | 'token-with-email'
  /** An email without a token, where only the token flow takes an email and another flow takes neither. */
  | 'email-needs-token';

export type FlowChoice = { ok: true; flow: string[] } | { ok: false; problem: FlowProblem };

/**
 * The flow that fits what the person has: a flow uses the token stage exactly when a token was
 * typed, and the email stage exactly when an email was given (an email given is never dropped, a
 * token typed never ignored). Among those, flows this client can do natively come first, then the
 * shortest. The caller counts only fields the form shows (a token prefilled for a server without a
 * token stage is not "given").
 */
export function chooseFlow(flows: readonly (readonly string[])[], inputs: FlowInputs): FlowChoice {
  if (flows.length === 0) return { ok: false, problem: 'no-flow' };
  const fitting = flows.filter(
    (flow) =>
      flow.includes(STAGE.email) === inputs.hasEmail && flow.includes(STAGE.registrationToken) === inputs.hasToken,
  );
  if (fitting.length === 0) return { ok: false, problem: diagnose(flows, inputs) };
  const score = (flow: readonly string[]) => (flow.every((stage) => NATIVE_STAGES.has(stage)) ? 0 : 1000) + flow.length;
  const best = fitting.reduce((chosen, flow) => (score(flow) < score(chosen) ? flow : chosen));
  return { ok: true, flow: [...best] };
}

/** What is missing or too much, from which combinations of token and email the flows take. */
function diagnose(flows: readonly (readonly string[])[], { hasEmail, hasToken }: FlowInputs): FlowProblem {
  const offered = (token: boolean, email: boolean) =>
    flows.some((flow) => flow.includes(STAGE.registrationToken) === token && flow.includes(STAGE.email) === email);
  if (!hasToken && !hasEmail) {
    if (offered(true, false) && offered(false, true)) return 'token-or-email';
    return offered(false, true) ? 'email-required' : 'token-required';
  }
  if (hasToken && !hasEmail) return offered(true, true) ? 'email-required' : 'token-unsupported';
  if (!hasToken && hasEmail) {
    if (!offered(true, true)) return 'email-unsupported';
    return offered(false, false) ? 'email-needs-token' : 'token-required';
  }
  if (offered(true, false) && offered(false, true)) return 'token-with-email';
  return offered(true, false) ? 'email-unsupported' : 'token-unsupported';
}

/**
 * The order stages are sent in: the server's, except that the token goes last. continuwuity
 * (≥0.5.7 `uiaa/mod.rs:606`, ≤0.5.6 `:222`) and Tuwunel (`try_consume`, `uiaa/mod.rs:147`) spend a
 * single-use token when its stage succeeds, whatever happens after; Synapse holds one use "pending"
 * for the session's 48 h. Sent last, the token is spent only once every other stage is done. The
 * spec and every family accept a flow's stages in any order (homeservers.md §2.3).
 */
export function orderStages(flow: readonly string[]): string[] {
  return [
    ...flow.filter((stage) => stage !== STAGE.registrationToken),
    ...flow.filter((stage) => stage === STAGE.registrationToken),
  ];
}

/** The steps a person sees: the form, then every stage that is not silent. */
export function visibleStages(flow: readonly string[]): string[] {
  return orderStages(flow).filter((stage) => !SILENT_STAGES.has(stage));
}

/**
 * How the form asks for a field: in no flow, in every flow, in some, or `either`: every flow needs
 * the token or the email, neither is in all of them (continuwuity's `[[token], [recaptcha, email]]`),
 * so the person must give one of the two.
 */
export type Need = 'none' | 'optional' | 'required' | 'either';

/** Whether a stage is in every flow, some, or none. */
export function need(flows: readonly (readonly string[])[], stage: string): Exclude<Need, 'either'> {
  const count = flows.filter((flow) => flow.includes(stage)).length;
  if (count === 0) return 'none';
  return count === flows.length ? 'required' : 'optional';
}

/** What the form must ask for: the token and the email fields, each with its mark. */
export function formNeeds(flows: readonly (readonly string[])[]): { token: Need; email: Need } {
  const token = need(flows, STAGE.registrationToken);
  const email = need(flows, STAGE.email);
  const oneOfThem = flows.every((flow) => flow.includes(STAGE.registrationToken) || flow.includes(STAGE.email));
  return token === 'optional' && email === 'optional' && oneOfThem
    ? { token: 'either', email: 'either' }
    : { token, email };
}
