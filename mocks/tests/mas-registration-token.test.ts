import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';
import { adminApi, signInForToken } from './mas-helpers';
import { callbackParams, exchange, openSignUpPage, post } from './oauth-helpers';

const create = (mock: Mock, action: string, fields: Record<string, string> = {}) =>
  post(mock, action, { username: 'ana', password: 'a password 1', action: 'create', ...fields });

const fieldError = (html: string, field: string) => new RegExp(`<p id="${field}-error">([^<]*)</p>`).exec(html)?.[1];

/** The seeded token of that text, as the model holds it. */
const tokenNamed = (mock: Mock, text: string) =>
  Object.values(mock.state.oauth.registrationTokens).find((token) => token.token === text);

describe("MAS's registration-token step on the mock's sign-up page", () => {
  it('asks for a token after the form, and makes the account only with a valid one, counting one use', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const { clientId, action } = await openSignUpPage(mock);
    const step = await create(mock, action);
    expect(step.status).toBe(200);
    expect(step.text).toContain('<h1 tabindex="-1">Registration token</h1>');
    expect(step.text).toContain('<label for="token">Registration token</label>');
    expect(step.text).toContain('value="token">Continue</button>');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();

    const empty = await post(mock, action, { action: 'token', token: '  ' });
    expect(fieldError(empty.text, 'token')).toBe('Enter the registration token.');
    for (const refused of ['nope', 'expired', 'revoked']) {
      const reply = await post(mock, action, { action: 'token', token: refused });
      expect(reply.status).toBe(400);
      expect(fieldError(reply.text, 'token')).toBe(
        'This registration token is not valid: it may be mistyped, expired, used up or revoked.',
      );
      expect(reply.text).toContain('aria-invalid="true"');
    }
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();

    mock.env.advance(5000);
    const done = await post(mock, action, { action: 'token', token: ' letmein ' });
    expect(done.status).toBe(303);
    expect(mock.homeserver.findAccount('ana')).toBeDefined();
    expect(tokenNamed(mock, 'letmein')).toMatchObject({ timesUsed: 1, lastUsedAt: Date.UTC(2026, 0, 1) + 5000 });
    expect((await exchange(mock, clientId, callbackParams(done).get('code') ?? '')).status).toBe(200);
  });

  it('refuses a token once its uses are spent', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const first = await openSignUpPage(mock);
    await create(mock, first.action);
    expect((await post(mock, first.action, { action: 'token', token: 'single-use' })).status).toBe(303);
    const second = await openSignUpPage(mock);
    await create(mock, second.action, { username: 'bea' });
    const refused = await post(mock, second.action, { action: 'token', token: 'single-use' });
    expect(fieldError(refused.text, 'token')).toMatch(/^This registration token is not valid/);
    expect(tokenNamed(mock, 'single-use')?.timesUsed).toBe(1);
  });

  it('checks the tokens the admin API makes, and forgets the ones it revokes', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const call = adminApi(mock, (await signInForToken(mock)).accessToken);
    const made = await call('POST', '', { token: 'from-the-desk', usage_limit: 2 });
    const { action } = await openSignUpPage(mock);
    await create(mock, action);
    expect((await post(mock, action, { action: 'token', token: 'from-the-desk' })).status).toBe(303);
    const listed = await call('GET', `/${made.body.data.id}`);
    expect(listed.body.data.attributes).toMatchObject({
      times_used: 1,
      last_used_at: '2026-01-01T00:00:00Z',
      valid: true,
    });

    await call('POST', `/${made.body.data.id}/revoke`);
    const next = await openSignUpPage(mock);
    await create(mock, next.action, { username: 'bea' });
    const refused = await post(mock, next.action, { action: 'token', token: 'from-the-desk' });
    expect(refused.status).toBe(400);
    expect(mock.homeserver.findAccount('bea')).toBeUndefined();
  });

  it('comes before the email code, as in MAS; the code then finishes, and a token revoked meanwhile is refused', async () => {
    const mock = await startMock({ scenario: 'oidc-invite', overrides: { email: 'required' } });
    const { action } = await openSignUpPage(mock);
    const step = await create(mock, action, { email: 'ana@example.org' });
    expect(step.text).toContain('<label for="token">Registration token</label>');
    const code = await post(mock, action, { action: 'token', token: 'letmein' });
    expect(code.text).toContain('<label for="code">Code</label>');
    const [mail] = (await mock.call('GET', '/_mock/inbox')).body.messages;
    const letmein = tokenNamed(mock, 'letmein');
    if (letmein) letmein.revokedAt = mock.env.now();
    const late = await post(mock, action, { action: 'verify', code: mail?.code ?? '' });
    expect(late.status).toBe(500);
    expect(late.text).toContain('Registration token used is no longer valid');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    expect(letmein?.timesUsed).toBe(0);

    if (letmein) letmein.revokedAt = null;
    const done = await post(mock, action, { action: 'verify', code: mail?.code ?? '' });
    expect(done.status).toBe(303);
    expect(letmein?.timesUsed).toBe(1);
  });

  it('cannot be skipped by posting the email code without a token', async () => {
    const mock = await startMock({ scenario: 'oidc-invite', overrides: { email: 'required' } });
    const { action } = await openSignUpPage(mock);
    await create(mock, action, { email: 'ana@example.org' });
    const [mail] = (await mock.call('GET', '/_mock/inbox')).body.messages;
    const skipped = await post(mock, action, { action: 'verify', code: mail?.code ?? '' });
    expect(skipped.text).toContain('<label for="token">Registration token</label>');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    expect((await post(mock, action, { action: 'token', token: 'letmein' })).status).toBe(303);
  });

  it('is not asked where the config does not require it', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    expect((await create(mock, action)).status).toBe(303);
  });

  it('speaks the request’s language', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const { action } = await openSignUpPage(mock, { ui_locales: 'de' });
    const step = await create(mock, action);
    expect(step.text).toContain('<label for="token">Registrierungstoken</label>');
  });
});
