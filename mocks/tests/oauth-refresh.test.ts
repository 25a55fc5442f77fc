import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';
import { exchange, post, registerClient, SCOPE, signUpForCode } from './oauth-helpers';

/*
 * Spec v1.18 "Refresh token grant": the server MUST let a client retry a refresh whose answer was
 * lost. The mock does what MAS's `refresh_token_grant` (token.rs) does: the refresh token just
 * consumed works again while the access token it gave is unused.
 */

const whoami = (mock: Mock, token: string) =>
  mock.call('GET', '/_matrix/client/v3/account/whoami', { headers: { authorization: `Bearer ${token}` } });

/** A session's first pair; with `openid`, userinfo takes its access tokens (and the server makes a signing key). */
async function session(mock: Mock, openid = false) {
  const { clientId, code } = await signUpForCode(mock, 'ana', { scope: openid ? `openid ${SCOPE}` : SCOPE });
  const tokens = await exchange(mock, clientId, code);
  expect(tokens.status).toBe(200);
  const refresh = (refreshToken: string, client = clientId) =>
    post(mock, '/oauth2/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client });
  return { clientId, first: tokens.body, refresh };
}

describe('a refresh retried with the previous refresh token', () => {
  it('gets a new pair while the lost one is unused; the lost pair is revoked', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock);
    const lost = await refresh(first.refresh_token);
    expect(lost.status).toBe(200);

    const retried = await refresh(first.refresh_token);
    expect(retried.status).toBe(200);
    expect(retried.body.access_token).not.toBe(lost.body.access_token);
    expect(retried.body.refresh_token).not.toBe(lost.body.refresh_token);
    expect((await whoami(mock, retried.body.access_token)).body.device_id).toBe('DEVICE0123');
    expect((await whoami(mock, lost.body.access_token)).status).toBe(401);
    expect((await whoami(mock, first.access_token)).status).toBe(401);
    const lostRefresh = await refresh(lost.body.refresh_token);
    expect([lostRefresh.status, lostRefresh.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('may be retried again and again while each answer is lost', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock);
    for (let attempt = 0; attempt < 3; attempt++) expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it('is a replay once the new access token was used (here at userinfo), and refused; the session goes on', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock, true);
    const next = await refresh(first.refresh_token);
    const used = await mock.call('GET', '/oauth2/userinfo', {
      headers: { authorization: `Bearer ${next.body.access_token}` },
    });
    expect(used.status).toBe(200);
    const replay = await refresh(first.refresh_token);
    expect([replay.status, replay.body.error]).toEqual([400, 'invalid_grant']);
    // MAS leaves the session alone on a replay: the current pair still works.
    expect((await whoami(mock, next.body.access_token)).status).toBe(200);
    expect((await refresh(next.body.refresh_token)).status).toBe(200);
  });

  it('is a replay once the new access token was used on the homeserver (whoami)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock);
    const next = await refresh(first.refresh_token);
    expect((await whoami(mock, next.body.access_token)).status).toBe(200);
    expect((await refresh(first.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('is refused once its successor was refreshed in turn; only the last consumed token may be retried', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock);
    const second = await refresh(first.refresh_token);
    const third = await refresh(second.body.refresh_token);
    expect(third.status).toBe(200);
    expect((await refresh(first.refresh_token)).body.error).toBe('invalid_grant');
    expect((await refresh(second.body.refresh_token)).status).toBe(200);
  });

  it('is refused after revocation, and for another client', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { first, refresh } = await session(mock);
    const next = await refresh(first.refresh_token);
    const other = await registerClient(mock);
    expect((await refresh(first.refresh_token, other.body.client_id)).body.error).toBe('invalid_grant');
    expect((await post(mock, '/oauth2/revoke', { token: next.body.access_token })).status).toBe(200);
    expect((await refresh(first.refresh_token)).body.error).toBe('invalid_grant');
  });
});
