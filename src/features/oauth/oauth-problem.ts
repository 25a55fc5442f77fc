import type { MessageId } from '../../i18n/catalogs';
import { TransportError } from '../../matrix/errors';
import { OAuthError } from '../../matrix/oauth/errors';

export interface OAuthProblem {
  id: MessageId;
  values: Record<string, string>;
  /** The server's own words, for "Details", as text. */
  details?: string;
  /** Whether the same button may work again (a network failure), or the person must start over. */
  retry: boolean;
}

/** Codes with their own sentence; any other OAuth error is named by its code. */
const WORDED = new Set([
  'access_denied',
  'invalid_client_metadata',
  'invalid_redirect_uri',
  'invalid_grant',
  'state_mismatch',
  'issuer_mismatch',
  'no_round_trip',
  'bad_answer',
]);

/** Any failure of the OAuth sign-up, in words: what happened and, for the admins' part, what they must allow. */
export function describeOAuthProblem(error: unknown, context: { host: string; page: URL }): OAuthProblem {
  const values = {
    host: context.host,
    origin: context.page.origin,
    redirect: `${context.page.origin}${context.page.pathname}`,
  };
  if (error instanceof OAuthError) {
    const worded = WORDED.has(error.code);
    return {
      id: (worded ? `oauth.error.${error.code}` : 'oauth.error.other') as MessageId,
      values: { ...values, code: error.code },
      ...(error.description ? { details: error.description } : {}),
      retry: false,
    };
  }
  if (error instanceof TransportError && error.failure !== 'not-json' && error.failure !== 'unexpected-status') {
    return { id: 'oauth.error.network', values, details: error.message, retry: true };
  }
  return { id: 'oauth.error.bad_answer', values, retry: false };
}
