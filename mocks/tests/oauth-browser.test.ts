// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockController } from '../model/controller';
import { enhanceOAuthPage } from '../model/oauth/enhance';
import { loadSavedMock, saveMock } from '../state-storage';
import { driveMock, startMock, type Mock } from './harness';
import {
  authorizeQuery,
  callbackParams,
  exchange,
  post,
  press,
  registerClient,
  SCOPE,
  signedBy,
  typeUsername,
} from './oauth-helpers';

/** A page of the browser mock: the controller saves after every request, as `startBrowserMock` has it do. */
function savingEachRequest(mock: Mock): Mock {
  mock.controller.subscribe(() => saveMock(mock.controller));
  return mock;
}

/** The next page of the same tab: a controller restored from what the last one saved. */
function nextPage(previous: Mock): Mock {
  const saved = loadSavedMock();
  if (!saved) throw new Error('nothing saved');
  const controller = MockController.restore(saved.state, { scenario: saved.scenario, env: previous.env });
  for (const [endpoint, forced] of saved.forced) controller.forced.set(endpoint, forced);
  return savingEachRequest(driveMock(controller, previous.env));
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('the browser mock across the OAuth round trip (app page → shell page → app page)', () => {
  it('keeps the client, the request and the code in storage, and no token, code or password once used', async () => {
    const app = savingEachRequest(await startMock({ scenario: 'oidc' }));
    const client = await registerClient(app);

    const shell = nextPage(app);
    const page = await shell.call('GET', `/oauth2/authorize?${authorizeQuery(client.body.client_id)}`);
    expect(page.status).toBe(200);
    const action = /action="http:\/\/localhost:8008([^"]+)"/.exec(page.text)?.[1] ?? '';
    // A reload of the shell page still knows the request.
    const reloaded = nextPage(shell);
    const created = await post(reloaded, action, { username: 'ana', password: 'a password 1', action: 'create' });
    const code = callbackParams(created).get('code') ?? '';
    expect(code).not.toBe('');

    const back = nextPage(reloaded);
    const tokens = await exchange(back, client.body.client_id, code);
    expect(tokens.status).toBe(200);
    const stored = localStorage.getItem('matrix-mock-homeserver.state') ?? '';
    for (const secret of [code, tokens.body.access_token, tokens.body.refresh_token, 'a password 1']) {
      expect(stored).not.toContain(secret);
    }
    expect(nextPage(back).homeserver.findAccount('ana')?.userId).toBe('@ana:localhost:8008');
  });

  it('keeps the signing key, so that the keys the app read before the round trip verify the id_token after it', async () => {
    const app = savingEachRequest(await startMock({ scenario: 'oidc' }));
    const published = ((await app.call('GET', '/oauth2/keys.json')).body.keys as JsonWebKey[])[0];
    const client = await registerClient(app);

    const shell = nextPage(app);
    const query = authorizeQuery(client.body.client_id, { scope: `openid ${SCOPE}`, nonce: 'n' });
    const page = await shell.call('GET', `/oauth2/authorize?${query}`);
    const action = /action="http:\/\/localhost:8008([^"]+)"/.exec(page.text)?.[1] ?? '';
    const created = await post(shell, action, { username: 'ana', password: 'a password 1', action: 'create' });

    const back = nextPage(shell);
    const tokens = await exchange(back, client.body.client_id, callbackParams(created).get('code') ?? '');
    expect(await signedBy(String(tokens.body.id_token), published as JsonWebKey)).toBe(true);
    expect((await back.call('GET', '/oauth2/keys.json')).body.keys).toEqual([published]);
  });

  it('keeps an error queued on one page for the next, and forgets it once used', async () => {
    const app = savingEachRequest(await startMock({ scenario: 'oidc' }));
    await app.call('POST', '/_mock/next-error', {
      json: { endpoint: 'oauthToken', errcode: 'invalid_grant', status: 400 },
    });
    const next = nextPage(app);
    const reply = await post(next, '/oauth2/token', { grant_type: 'authorization_code', client_id: 'x' });
    expect(reply.body.error).toBe('invalid_grant');
    expect(loadSavedMock()?.forced).toEqual([]);
  });
});

/** `fetch` for the page's script, to the in-process mock, with what it answered. */
function fetchInto(mock: Mock) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const headers = Object.fromEntries(
      Object.entries(init.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    const body = init.body === undefined || init.body === null ? '' : String(init.body as URLSearchParams);
    calls.push({ url: input, headers, body });
    const reply = await mock.call(init.method ?? 'GET', `${url.pathname}${url.search}`, {
      ...(body === '' ? {} : { raw: body }),
      headers: { ...headers, ...(body === '' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    });
    return new Response(reply.text, { status: reply.status, headers: reply.headers });
  });
  return calls;
}

describe('the page’s enhancement, as the shell page calls it', () => {
  it('puts the fetched page in place without its scripts, shows problems, and posts the button pressed', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const calls = fetchInto(mock);
    const client = await registerClient(mock);
    enhanceOAuthPage(`http://localhost:8008/oauth2/authorize?${authorizeQuery(client.body.client_id)}`);
    await vi.waitFor(() => expect(document.title).toBe('Create your account on localhost:8008'));
    expect(calls[0]?.headers['x-mock-oauth-shell']).toBe('1');
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.activeElement?.tagName).toBe('H1');

    typeUsername('Alice');
    await vi.waitFor(() =>
      expect(document.getElementById('username-status')?.textContent).toBe('This username is already taken.'),
    );
    expect(calls.at(-1)?.url).toBe('http://localhost:8008/oauth2/username-available?username=alice');
    // The ID preview follows the typing, lower-cased as the account will be (audit item 18).
    expect(document.getElementById('username-preview')?.textContent).toBe('@alice:localhost:8008');

    document.querySelector<HTMLInputElement>('#password')?.setAttribute('value', 'a password 1');
    document.querySelector<HTMLInputElement>('#password_confirm')?.setAttribute('value', 'a password 1');
    press('Create account');
    await vi.waitFor(() =>
      expect(document.getElementById('username-error')?.textContent).toBe('This username is already taken.'),
    );
    expect(document.activeElement?.id).toBe('username');
    const sent = calls.at(-1);
    expect(sent?.headers['x-mock-oauth-shell']).toBe('1');
    expect(new URLSearchParams(sent?.body).get('action')).toBe('create');
    expect(new URLSearchParams(sent?.body).get('username')).toBe('Alice');
  });
});
