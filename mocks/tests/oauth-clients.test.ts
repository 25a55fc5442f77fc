import { describe, expect, it } from 'vitest';
import { startMock } from './harness';
import { APP, REDIRECT_URI, registerClient, type OAuthReply } from './oauth-helpers';

describe('dynamic client registration (RFC 7591, spec v1.18 client metadata)', () => {
  it('registers a web client: 201, a client_id, and the metadata it kept', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const reply = await registerClient(mock, {
      logo_uri: `${APP}/logo.svg`,
      tos_uri: `${APP}/terms`,
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange'],
      'client_name#fr': 'Page d’inscription',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.client_id).toMatch(/^[0-9A-Z]{26}$/);
    expect(reply.body).toMatchObject({
      client_name: 'Sign-up page',
      client_uri: `${APP}/`,
      logo_uri: `${APP}/logo.svg`,
      tos_uri: `${APP}/terms`,
      redirect_uris: [REDIRECT_URI],
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      // What the server does not support is not registered.
      grant_types: ['authorization_code', 'refresh_token'],
    });
    expect(reply.body).not.toHaveProperty('client_name#fr');
    expect(mock.state.oauth.clients[reply.body.client_id]?.redirectUris).toEqual([REDIRECT_URI]);
  });

  it('accepts https on the client’s host, on a subdomain and on another port', async () => {
    const mock = await startMock({ scenario: 'oidc-strict' });
    const reply = await registerClient(mock, {
      client_uri: 'https://example.org/',
      redirect_uris: ['https://example.org/signup', 'https://app.example.org/', 'https://example.org:8443/?x=1'],
      policy_uri: 'https://legal.example.org/privacy',
    });
    expect(reply.status).toBe(201);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing client_uri', { client_uri: undefined }, 'invalid_client_metadata'],
    ['an http client_uri off loopback', { client_uri: 'http://example.org/' }, 'invalid_client_metadata'],
    ['a client_uri with a password', { client_uri: 'https://me:secret@example.org/' }, 'invalid_client_metadata'],
    ['a confidential client', { token_endpoint_auth_method: 'client_secret_basic' }, 'invalid_client_metadata'],
    [
      'no token_endpoint_auth_method (RFC 7591’s default is a secret)',
      { token_endpoint_auth_method: undefined },
      'invalid_client_metadata',
    ],
    ['a native client', { application_type: 'native' }, 'invalid_client_metadata'],
    ['no authorization_code grant', { grant_types: ['refresh_token'] }, 'invalid_client_metadata'],
    ['no code response type', { response_types: ['token'] }, 'invalid_client_metadata'],
    ['a logo on another host', { logo_uri: 'https://cdn.example.net/logo.png' }, 'invalid_client_metadata'],
    ['a policy on http off loopback', { policy_uri: 'http://example.org/p' }, 'invalid_client_metadata'],
    ['no redirect URI', { redirect_uris: [] }, 'invalid_redirect_uri'],
    ['a redirect on another host', { redirect_uris: ['http://localhost:4174/'] }, 'invalid_redirect_uri'],
    ['a redirect with a fragment', { redirect_uris: [`${APP}/#done`] }, 'invalid_redirect_uri'],
    ['an http redirect off loopback', { redirect_uris: ['http://127.0.0.2/'] }, 'invalid_redirect_uri'],
  ])('refuses %s with 400 %s', async (_, metadata, error) => {
    const mock = await startMock({ scenario: 'oidc' });
    const reply = await registerClient(mock, metadata);
    expect([reply.status, reply.body.error]).toEqual([400, error]);
    expect(typeof reply.body.error_description).toBe('string');
    expect(Object.keys(mock.state.oauth.clients)).toEqual([]);
  });

  it('refuses a body that is not a JSON object', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const reply = (await mock.call('POST', '/oauth2/register', { raw: '[1]' })) as OAuthReply;
    expect([reply.status, reply.body.error]).toEqual([400, 'invalid_client_metadata']);
  });

  it('oidc-strict refuses a loopback http client, which oidc (allow_insecure_uris) takes', async () => {
    const strict = await startMock({ scenario: 'oidc-strict' });
    const refused = await registerClient(strict);
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_client_metadata']);
    expect(refused.body.error_description).toMatch(/client_uri must be an https URL/);
    const insecure = await startMock({ scenario: 'oidc' });
    expect((await registerClient(insecure)).status).toBe(201);
    const redirectOnly = await registerClient(strict, {
      client_uri: 'https://localhost/',
      redirect_uris: ['http://localhost:4174/'],
    });
    expect(redirectOnly.body.error).toBe('invalid_redirect_uri');
  });
});
