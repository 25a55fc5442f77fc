import * as z from 'zod/mini';
import { MatrixApiError, TransportError } from './errors';
import { endpoint, type Homeserver } from './homeserver';
import { requestJson } from './http';

/** `GET /register/available` 200 (always `available: true`; taken names are 400 errors). */
export const availableSchema = z.looseObject({ available: z.boolean() });

/** `/register/available` refused the name itself with 403 `M_FORBIDDEN` (see `checkUsernameAvailable`). */
export class ForbiddenUsernameError extends MatrixApiError {
  constructor(from: MatrixApiError) {
    super(from.status, from.errcode, from.serverMessage, from.retryAfterMs, from.body);
  }
}

/**
 * Resolves when the name is free; throws `MatrixApiError` (taken, invalid, reserved, 429) otherwise.
 * A 403 `M_FORBIDDEN` here is a forbidden name (Tuwunel `register/available.rs`, continuwuity
 * ≥26.6 `users/account.rs`: "Username is forbidden"), thrown as `ForbiddenUsernameError`, unless
 * it speaks of registration: Synapse answers 403 "Registration has been disabled" here too.
 */
export async function checkUsernameAvailable(
  server: Homeserver,
  username: string,
  signal?: AbortSignal,
): Promise<true> {
  let response: Awaited<ReturnType<typeof requestJson>>;
  try {
    response = await requestJson(endpoint(server, '/register/available', { username }), {
      signal,
      timeoutMs: 10_000,
    });
  } catch (error) {
    if (
      error instanceof MatrixApiError &&
      error.status === 403 &&
      error.errcode === 'M_FORBIDDEN' &&
      !/regist/i.test(error.serverMessage ?? '')
    )
      throw new ForbiddenUsernameError(error);
    throw error;
  }
  if (!availableSchema.safeParse(response.body).success) throw new TransportError('not-json', response.status);
  return true;
}
