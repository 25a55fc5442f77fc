import { expect } from 'vitest';
import type { Mock, Reply } from './harness';
import { authorizeQuery, callbackParams, exchange, formAction, post, registerClient } from './oauth-helpers';

/** MAS's admin API below the mock's issuer. */
export const TOKENS = '/oauth2/api/admin/v1/user-registration-tokens';

export interface MasToken {
  type: string;
  id: string;
  attributes: {
    token: string;
    valid: boolean;
    usage_limit: number | null;
    times_used: number;
    created_at: string;
    last_used_at: string | null;
    expires_at: string | null;
    revoked_at: string | null;
  };
  links: { self: string };
  meta?: { page: { cursor: string } };
}

export interface MasReply extends Reply {
  body: Reply['body'] & {
    data: MasToken & MasToken[];
    links: Record<string, string>;
    meta?: { count: number };
    errors: { title: string }[];
  };
}

/**
 * Signs `username` in on the mock's MAS page with `scope` and exchanges the code: the access token,
 * or the page that refused (the policy's) when no code came back.
 */
export async function signInForToken(
  mock: Mock,
  username = 'admin',
  password = 'admin-password',
  scope = 'urn:mas:admin',
): Promise<{ accessToken: string; page: Reply; scope: string }> {
  const client = await registerClient(mock);
  expect(client.status).toBe(201);
  const clientId = client.body.client_id;
  const opened = await mock.call('GET', `/oauth2/authorize?${authorizeQuery(clientId, { scope, prompt: 'login' })}`);
  const signedIn = await post(mock, formAction(opened.text), { username, password, action: 'sign-in' });
  const code = signedIn.status === 303 ? callbackParams(signedIn).get('code') : null;
  if (code === null) return { accessToken: '', page: signedIn, scope: '' };
  const tokens = await exchange(mock, clientId, code);
  expect(tokens.status).toBe(200);
  return { accessToken: tokens.body.access_token, page: signedIn, scope: tokens.body.scope };
}

/** A caller of the admin API with a bearer token. */
export function adminApi(mock: Mock, accessToken: string) {
  const auth = { authorization: `Bearer ${accessToken}` };
  return (method: string, path = '', json?: unknown, headers: Record<string, string> = {}) =>
    mock.call(method, `${TOKENS}${path}`, {
      ...(json === undefined ? {} : { json }),
      headers: { ...auth, ...headers },
    }) as Promise<MasReply>;
}
