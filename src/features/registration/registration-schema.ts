import * as z from 'zod/mini';
import { messages } from '../../messages';

export const registrationSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1, messages.username.required)),
  password: z.string().check(z.minLength(1, messages.password.required)),
  bindEmail: z.boolean(),
});
export type RegistrationValues = z.infer<typeof registrationSchema>;
