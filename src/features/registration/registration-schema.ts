import * as z from 'zod/mini';
import { chooseFlow, type FlowProblem, type Need } from '../../matrix/flow';
import type { PasswordPolicy } from '../../matrix/requirements';
import { LOCALPART_PATTERN, MAX_USER_ID_BYTES, userIdBytes } from '../../matrix/user-id';
import type { MessageId } from '../../i18n/catalogs';
import { passwordRules } from './password-rules';
import { shownValues } from './shown-values';

export interface RegistrationValues {
  username: string;
  password: string;
  confirm: string;
  email: string;
  bindEmail: boolean;
  token: string;
}

export interface SchemaContext {
  serverName: string;
  email: Need;
  token: Need;
  policy: PasswordPolicy | undefined;
  /** The server's flows, once known: the token and email given must fit one of them. */
  flows?: readonly (readonly string[])[];
}

/**
 * Where the form says what a flow problem asks the person to change. Problems about a field the
 * form does not show (`email-unsupported` where no flow takes an email) have no entry: the form
 * never sends that field's value (see `shownValues`).
 */
const FLOW_PROBLEM_AT: Partial<Record<FlowProblem, { path: 'token' | 'email'; message: MessageId }>> = {
  'token-required': { path: 'token', message: 'token.missing' },
  'email-required': { path: 'email', message: 'email.missing' },
  'token-or-email': { path: 'token', message: 'token.orEmail' },
  'token-with-email': { path: 'email', message: 'email.notWithToken' },
  'email-needs-token': { path: 'email', message: 'email.needsToken' },
};

/** What stops the values from fitting a flow, if anything (see `chooseFlow`). */
export function flowProblem(
  context: SchemaContext,
  values: { email: string; token: string },
): (typeof FLOW_PROBLEM_AT)[FlowProblem] {
  if (!context.flows) return undefined;
  const shown = shownValues(context, values);
  const choice = chooseFlow(context.flows, {
    hasEmail: shown.email.trim() !== '',
    hasToken: shown.token.trim() !== '',
  });
  return choice.ok ? undefined : FLOW_PROBLEM_AT[choice.problem];
}

// Deliberately loose (one @, a dot after it): the server decides; this only catches slips.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The form's rules, from what this server needs (email, token) and its published password policy.
 * Each failure says a message ID; the form words it in the page's language when it shows it.
 */
export function registrationSchema(context: SchemaContext) {
  // Typed, so that a misspelt ID fails the type check rather than showing a blank.
  const say = (id: MessageId) => id;
  const rules = passwordRules(context.policy);
  return z
    .object({
      username: z.string().check(
        z.refine((value) => value.trim() !== '', say('username.required')),
        z.refine((value) => value === '' || LOCALPART_PATTERN.test(value), say('username.badCharacters')),
        z.refine((value) => userIdBytes(value, context.serverName) <= MAX_USER_ID_BYTES, say('username.tooLong')),
      ),
      password: z.string().check(
        z.refine((value) => value !== '', say('password.required')),
        z.refine((value) => value === '' || rules.every((rule) => rule.met(value)), say('password.policyUnmet')),
      ),
      confirm: z.string(),
      email: z.string().check(
        z.refine((value) => context.email !== 'required' || value.trim() !== '', say('email.missing')),
        z.refine((value) => value.trim() === '' || EMAIL.test(value.trim()), say('email.invalid')),
      ),
      bindEmail: z.boolean(),
      token: z
        .string()
        .check(z.refine((value) => context.token !== 'required' || value.trim() !== '', say('token.missing'))),
    })
    .check(
      z.refine((values) => values.confirm !== '' || values.password === '', {
        error: say('password.confirmRequired'),
        path: ['confirm'],
        when: () => true,
      }),
      z.refine((values) => values.confirm === '' || values.confirm === values.password, {
        error: say('password.mismatch'),
        path: ['confirm'],
        when: () => true,
      }),
      // The combination of token and email, once each field is right on its own: said at the
      // field to change (continuwuity takes a token or an email, not both).
      z.superRefine((values, context_) => {
        const problem = flowProblem(context, values);
        if (problem)
          context_.issues.push({ code: 'custom', message: problem.message, path: [problem.path], input: values });
      }),
    );
}
