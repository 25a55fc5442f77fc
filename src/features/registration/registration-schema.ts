import * as z from 'zod/mini';
import type { Need } from '../../matrix/flow';
import type { PasswordPolicy } from '../../matrix/requirements';
import { LOCALPART_PATTERN, MAX_USER_ID_BYTES, userIdBytes } from '../../matrix/user-id';
import { messages } from '../../messages/form';
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

/** The form's rules, from what this server needs (email, token) and its published password policy. */
export function registrationSchema(context: SchemaContext) {
  const rules = passwordRules(context.policy);
  return z
    .object({
      username: z.string().check(
        z.refine((value) => value.trim() !== '', messages.username.required),
        z.refine((value) => value === '' || LOCALPART_PATTERN.test(value), messages.username.badCharacters),
        z.refine((value) => userIdBytes(value, context.serverName) <= MAX_USER_ID_BYTES, messages.username.tooLong),
      ),
      password: z.string().check(
        z.refine((value) => value !== '', messages.password.required),
        z.refine((value) => value === '' || rules.every((rule) => rule.met(value)), messages.password.policyUnmet),
      ),
      confirm: z.string(),
      email: z.string().check(
        z.refine((value) => context.email !== 'required' || value.trim() !== '', messages.email.missing),
        z.refine((value) => value.trim() === '' || EMAIL.test(value.trim()), messages.email.invalid),
      ),
      bindEmail: z.boolean(),
      token: z
        .string()
        .check(z.refine((value) => context.token !== 'required' || value.trim() !== '', messages.token.missing)),
    })
    .check(
      z.refine((values) => values.confirm !== '' || values.password === '', {
        error: messages.password.confirmRequired,
        path: ['confirm'],
        when: () => true,
      }),
      z.refine((values) => values.confirm === '' || values.confirm === values.password, {
        error: messages.password.mismatch,
        path: ['confirm'],
        when: () => true,
      }),
    );
}
