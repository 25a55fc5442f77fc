import * as z from 'zod/mini';
import { TransportError } from './errors';
import type { Homeserver } from './homeserver';
import { requestJson } from './http';

/** `GET /_matrix/client/v1/register/m.login.registration_token/validity` 200 (spec v1.2). */
export const tokenValiditySchema = z.looseObject({ valid: z.boolean() });

/** Whether the token is valid now. Always on the v1 prefix, whatever the server's other prefix. */
export async function checkRegistrationToken(
  server: Homeserver,
  token: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const url = `${server.baseUrl}/_matrix/client/v1/register/m.login.registration_token/validity?${new URLSearchParams({ token }).toString()}`;
  const response = await requestJson(url, { signal, timeoutMs: 10_000 });
  const parsed = tokenValiditySchema.safeParse(response.body);
  if (!parsed.success) throw new TransportError('not-json', response.status);
  return parsed.data.valid;
}
