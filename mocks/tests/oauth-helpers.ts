import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Mock, Reply } from './harness';

/** What the app registers: a web page on a loopback origin, as under `vite preview`. */
export const APP = 'http://127.0.0.1:4174';
export const REDIRECT_URI = `${APP}/?scenario=oidc`;
export const VERIFIER = 'a-code-verifier-of-at-least-forty-three-characters-0123456789';
export const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
export const DEVICE = 'DEVICE0123';
export const SCOPE = `urn:matrix:client:api:* urn:matrix:client:device:${DEVICE}`;

export interface OAuthReply extends Reply {
  body: Reply['body'] & {
    error: string;
    error_description: string;
    client_id: string;
    redirect_uris: string[];
    grant_types: string[];
    access_token: string;
    refresh_token: string;
    token_type: string;
    expires_in: number;
    scope: string;
    location: string;
    available: boolean;
    message: string;
  };
}

export const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

export async function registerClient(mock: Mock, metadata: Record<string, unknown> = {}): Promise<OAuthReply> {
  return (await mock.call('POST', '/oauth2/register', {
    json: {
      client_name: 'Sign-up page',
      client_uri: `${APP}/`,
      redirect_uris: [REDIRECT_URI],
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      ...metadata,
    },
  })) as OAuthReply;
}

export function authorizeQuery(clientId: string, params: Record<string, string> = {}): string {
  return new URLSearchParams({
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: SCOPE,
    state: 'the-state',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    prompt: 'create',
    ...params,
  }).toString();
}

/** A registered client and its sign-up page: the page, and the path its form posts to. */
export async function openSignUpPage(mock: Mock, params: Record<string, string> = {}) {
  const client = await registerClient(mock);
  expect(client.status).toBe(201);
  const clientId = client.body.client_id;
  const page = await mock.call('GET', `/oauth2/authorize?${authorizeQuery(clientId, params)}`);
  return { clientId, page, action: formAction(page.text) };
}

/** The path of the page's form, `/oauth2/authorize/{request}`. */
export function formAction(html: string): string {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  return new URL(action.replace(/&amp;/g, '&')).pathname;
}

export const post = (mock: Mock, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  mock.call('POST', path, { ...form(fields), headers: { ...form(fields).headers, ...headers } }) as Promise<OAuthReply>;

/** The answer's `Location` parameters, from its query or its fragment. */
export function callbackParams(reply: Reply): URLSearchParams {
  const url = new URL(reply.headers.get('location') ?? '');
  return new URLSearchParams(url.hash === '' ? url.search : url.hash.slice(1));
}

export const exchange = (mock: Mock, clientId: string, code: string, fields: Record<string, string> = {}) =>
  post(mock, '/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    client_id: clientId,
    code_verifier: VERIFIER,
    ...fields,
  });

/** Client, page, form: a new account and the code it gave. */
export async function signUpForCode(mock: Mock, username = 'ana', params: Record<string, string> = {}) {
  const { clientId, action } = await openSignUpPage(mock, params);
  const created = await post(mock, action, { username, password: 'a password 1', action: 'create' });
  expect(created.status).toBe(303);
  return { clientId, code: callbackParams(created).get('code') ?? '', created };
}

/** Presses a button of the page in the document (jsdom), as a person would. */
export function press(name: string): void {
  const button = Array.from(document.querySelectorAll('button')).find((candidate) => candidate.textContent === name);
  if (!button?.form) throw new Error(`no button ${name}`);
  button.form.requestSubmit(button);
}

/** Types into the sign-up page's username field (jsdom), firing the input event its live check listens to. */
export function typeUsername(value: string): void {
  const username = document.querySelector<HTMLInputElement>('#username');
  if (!username) throw new Error('no username field');
  username.value = value;
  username.dispatchEvent(new Event('input', { bubbles: true }));
}

const base64urlBytes = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

/** A JWT's header and claims, read without checking anything. */
export function decodeJwt(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = jwt.split('.');
  const json = (part: string) => JSON.parse(new TextDecoder().decode(base64urlBytes(part))) as Record<string, unknown>;
  return { header: json(header), claims: json(claims) };
}

/** Whether an RS256 JWT is signed by the private half of `key` (a public JWK, as a JWKS lists it). */
export async function signedBy(jwt: string, key: JsonWebKey): Promise<boolean> {
  const [header = '', claims = '', signature = ''] = jwt.split('.');
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const publicKey = await crypto.subtle.importKey('jwk', key, algorithm, false, ['verify']);
  return crypto.subtle.verify(
    algorithm,
    publicKey,
    base64urlBytes(signature),
    new TextEncoder().encode(`${header}.${claims}`),
  );
}

/** OIDC Core §3.1.3.6 for RS256: the left half of SHA-256, base64url (computed here with Node's crypto). */
export const leftHalfHash = (token: string) =>
  createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');
