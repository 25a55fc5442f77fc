import * as z from 'zod/mini';
import { MatrixApiError, matrixErrorBodySchema, TransportError } from './errors';
import { endpoint, type Homeserver } from './homeserver';
import { requestJson } from './http';
import { uiaResponseSchema, type AuthData, type UiaResponse } from './uia';

/** `POST /register` 200 (spec v1.16 `registration.yaml`). */
export const registerSuccessSchema = z.looseObject({
  user_id: z.string(),
  access_token: z.optional(z.string()),
  device_id: z.optional(z.string()),
  home_server: z.optional(z.string()),
});
export type RegisterSuccess = z.infer<typeof registerSuccessSchema>;

export interface RegisterBody {
  username?: string;
  password?: string;
  /** Removed from the spec in r0.6.0; sent only to servers that still read it (the seed's v2_alpha). */
  bind_email?: boolean;
  inhibit_login?: boolean;
  initial_device_display_name?: string;
  auth?: AuthData;
}

export type RegisterResult =
  { kind: 'registered'; account: RegisterSuccess } | { kind: 'needs-auth'; uia: UiaResponse };

/** One `POST /register` round: the account, or the UIA state to continue from. */
export async function postRegister(
  server: Homeserver,
  body: RegisterBody,
  options: { signal?: AbortSignal } = {},
): Promise<RegisterResult> {
  const response = await requestJson(endpoint(server, '/register'), {
    method: 'POST',
    json: body,
    signal: options.signal,
    acceptStatuses: [401],
  });
  if (response.status === 401) {
    const uia = uiaResponseSchema.safeParse(response.body);
    if (uia.success) return { kind: 'needs-auth', uia: uia.data };
    // A 401 without flows is an ordinary error (M_UNKNOWN_TOKEN, M_MISSING_TOKEN), not UIA.
    const error = matrixErrorBodySchema.safeParse(response.body);
    if (error.success) throw new MatrixApiError(401, error.data.errcode, error.data.error, undefined, error.data);
    throw new TransportError('not-json', 401);
  }
  const account = registerSuccessSchema.safeParse(response.body);
  if (!account.success) throw new TransportError('not-json', response.status);
  return { kind: 'registered', account: account.data };
}
