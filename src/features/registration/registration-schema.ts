import * as z from 'zod/mini';
import type { Need } from '../../matrix/flow';
import type { PasswordPolicy } from '../../matrix/requirements';
import { LOCALPART_PATTERN, MAX_USER_ID_BYTES, userIdBytes } from '../../matrix/user-id';
import type { MessageId } from '../../i18n/catalogs';
import { passwordRules } from './password-rules';

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
    );
}
