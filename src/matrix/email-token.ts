import * as z from 'zod/mini';
import { TransportError } from './errors';
import { parseHttpUrl } from './discovery';
import { endpoint, type Homeserver } from './homeserver';
import { requestJson } from './http';

/** `POST /register/email/requestToken` 200 (spec `request_token_response.yaml`). */
export const requestTokenResponseSchema = z.looseObject({ sid: z.string(), submit_url: z.optional(z.string()) });

export interface EmailValidation {
  sid: string;
  clientSecret: string;
  /** Where a typed code goes, when the server takes codes (spec: only if `submit_url` is given). */
  submitUrl?: string;
}

/** A client secret in the spec's grammar `[0-9a-zA-Z.=_-]`, from the platform's random source. */
export function newClientSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function requestEmailToken(
  server: Homeserver,
  email: string,
  clientSecret: string,
  sendAttempt: number,
  signal?: AbortSignal,
): Promise<EmailValidation> {
  const response = await requestJson(endpoint(server, '/register/email/requestToken'), {
    method: 'POST',
    json: { client_secret: clientSecret, email, send_attempt: sendAttempt },
    signal,
  });
  const parsed = requestTokenResponseSchema.safeParse(response.body);
  if (!parsed.success) throw new TransportError('not-json', response.status);
  const submitUrl = parsed.data.submit_url;
  return {
    sid: parsed.data.sid,
    clientSecret,
    ...(submitUrl !== undefined && parseHttpUrl(submitUrl) ? { submitUrl } : {}),
  };
}

/** Posts the code from the email to `submit_url` (identity-server `submitToken` shape). */
export async function submitEmailCode(
  validation: EmailValidation,
  code: string,
  signal?: AbortSignal,
): Promise<boolean> {
  if (validation.submitUrl === undefined) return false;
  const response = await requestJson(validation.submitUrl, {
    method: 'POST',
    json: { sid: validation.sid, client_secret: validation.clientSecret, token: code.trim() },
    signal,
  });
  return (response.body as { success?: unknown }).success === true;
}

/**
 * What a server answers, inside its 401, while the email link has not been opened yet: Synapse
 * `M_UNAUTHORIZED` "Unable to get validated threepid", Tuwunel ≥1.8 `M_FORBIDDEN` "Email address has
 * not been validated." (`src/service/uiaa/mod.rs`), continuwuity ≥0.5.7 `M_THREEPID_AUTH_FAILED`
 * (`src/service/uiaa/mod.rs`, `check_stage`). All mean "not yet": the page keeps waiting.
 */
const EMAIL_NOT_YET_CODES: ReadonlySet<string> = new Set(['M_UNAUTHORIZED', 'M_FORBIDDEN', 'M_THREEPID_AUTH_FAILED']);

/** Whether a failed email stage means "the link was not opened yet" (an answer without errcode too). */
export function emailNotConfirmedYet(failure: { errcode?: string; unfinished?: boolean }): boolean {
  return failure.unfinished !== true && (failure.errcode === undefined || EMAIL_NOT_YET_CODES.has(failure.errcode));
}
