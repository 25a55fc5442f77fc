// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort, startCli } from './harness';
import { CHALLENGE, press, typeUsername, VERIFIER } from './oauth-helpers';

// Its own file, so its own document: the page's script listens on the document it runs in.
afterEach(() => vi.unstubAllGlobals());

describe('the HTTP server’s page, compiled by tsx as `npm run mock-server` runs it', () => {
  it('runs its inline script: the live check, then the form sent with fetch and followed to the client', async () => {
    const port = await freePort();
    const cli = await startCli(['--port', String(port), '--scenario', 'oidc']);
    try {
      const realFetch = globalThis.fetch;
      // `localhost` may be `::1` to Node, where the CLI listens on 127.0.0.1 only.
      const toLoopback = (url: string) => url.replace('//localhost:', '//127.0.0.1:');
      const answers: unknown[] = [];
      vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
        const response = await realFetch(toLoopback(input), init);
        if ((response.headers.get('content-type') ?? '').includes('json')) answers.push(await response.clone().json());
        return response;
      });
      // The page of this test (jsdom's) is the client: its redirect back is only a fragment change.
      const here = window.location.href;
      const client = (await (
        await realFetch(`${cli.url}/oauth2/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ client_uri: here, redirect_uris: [here], token_endpoint_auth_method: 'none' }),
        })
      ).json()) as { client_id: string };
      const query = new URLSearchParams({
        client_id: client.client_id,
        redirect_uri: here,
        response_type: 'code',
        response_mode: 'fragment',
        scope: 'urn:matrix:client:api:* urn:matrix:client:device:HTTPDEVICE1',
        state: 'http-state',
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
        prompt: 'create',
      });
      const html = await (await realFetch(`${cli.url}/oauth2/authorize?${query.toString()}`)).text();
      const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
      // tsx keeps function names through a helper the page does not have: the script brings its own.
      expect(script).toContain('__name(');
      document.body.innerHTML =
        /<body>([\s\S]*)<\/body>/.exec(html)?.[1]?.replace(/<script>[\s\S]*<\/script>/, '') ?? '';
      // The inline script, run in this document as the browser runs it.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      (new Function(script) as () => void)();

      typeUsername('httpana');
      await vi.waitFor(() =>
        expect(document.getElementById('username-status')?.textContent).toBe('This username is available.'),
      );
      // The ID preview follows the typing (audit item 18), in the HTTP server's inline script too.
      expect(document.getElementById('username-preview')?.textContent).toMatch(/^@httpana:localhost:\d+$/);
      document.querySelector<HTMLInputElement>('#password')?.setAttribute('value', 'a password 1');
      document.querySelector<HTMLInputElement>('#password_confirm')?.setAttribute('value', 'a password 1');
      press('Create account');
      await vi.waitFor(() => expect(window.location.hash).toContain('code='));
      const answer = new URLSearchParams(window.location.hash.slice(1));
      expect(answer.get('state')).toBe('http-state');
      expect(answers).toContainEqual({ location: expect.stringContaining('#code=') as unknown });

      const tokens = await realFetch(`${cli.url}/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: answer.get('code') ?? '',
          redirect_uri: here,
          client_id: client.client_id,
          code_verifier: VERIFIER,
        }),
      });
      expect(tokens.status).toBe(200);
    } finally {
      cli.stop();
      window.location.hash = '';
    }
  });
});
