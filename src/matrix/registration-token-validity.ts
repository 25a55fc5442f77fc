import * as z from 'zod/mini';
import { MatrixApiError, TransportError } from './errors';
import type { Homeserver } from './homeserver';
import { requestJson } from './http';

/** `GET /_matrix/client/v1/register/m.login.registration_token/validity` 200 (spec v1.2). */
export const tokenValiditySchema = z.looseObject({ valid: z.boolean() });

/** `checked-on-submit`: the server has no validity check to ask; it judges the token at its stage. */
export type TokenVerdict = 'valid' | 'invalid' | 'checked-on-submit';

/**
 * Whether the token is valid now. Always on the v1 prefix, whatever the server's other prefix.
 * A 404 or 405 (Conduit and Dendrite do not route it: 404 `M_UNRECOGNIZED`) or a 403 (Tuwunel
 * when it has no token at all, `register/token_validity.rs:17-27`) mean there is nothing to ask.
 */
export async function checkRegistrationToken(
  server: Homeserver,
  token: string,
  signal?: AbortSignal,
): Promise<TokenVerdict> {
  const url = `${server.baseUrl}/_matrix/client/v1/register/m.login.registration_token/validity?${new URLSearchParams({ token }).toString()}`;
  let response: Awaited<ReturnType<typeof requestJson>>;
  try {
    response = await requestJson(url, { signal, timeoutMs: 10_000 });
  } catch (error) {
    const status = error instanceof MatrixApiError || error instanceof TransportError ? error.status : undefined;
    if (status === 403 || status === 404 || status === 405) return 'checked-on-submit';
    throw error;
  }
  const parsed = tokenValiditySchema.safeParse(response.body);
  if (!parsed.success) throw new TransportError('not-json', response.status);
  return parsed.data.valid ? 'valid' : 'invalid';
}
