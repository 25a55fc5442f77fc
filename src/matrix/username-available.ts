import * as z from 'zod/mini';
import { TransportError } from './errors';
import { endpoint, type Homeserver } from './homeserver';
import { requestJson } from './http';

/** `GET /register/available` 200 (always `available: true`; taken names are 400 errors). */
export const availableSchema = z.looseObject({ available: z.boolean() });

/** Resolves when the name is free; throws `MatrixApiError` (taken, invalid, reserved, 429) otherwise. */
export async function checkUsernameAvailable(
  server: Homeserver,
  username: string,
  signal?: AbortSignal,
): Promise<true> {
  const response = await requestJson(endpoint(server, '/register/available', { username }), {
    signal,
    timeoutMs: 10_000,
  });
  if (!availableSchema.safeParse(response.body).success) throw new TransportError('not-json', response.status);
  return true;
}
