import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';
import { authorizeQuery, callbackParams, exchange, openSignUpPage, post, registerClient } from './oauth-helpers';

const create = (mock: Mock, action: string, fields: Record<string, string>) =>
  post(mock, action, { username: 'ana', password: 'a password 1', action: 'create', ...fields });

/** The message shown under a field, by the id the page gives it. */
const fieldError = (html: string, field: string) =>
  new RegExp(`<p id="${field}-error">([^<]*)</p>`).exec(html)?.[1]?.replace(/&#39;/g, "'");

describe('the OAuth server’s sign-up page', () => {
  it('names the server and the client, and asks for a username and a password', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { page } = await openSignUpPage(mock);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Create your account on localhost:8008</title>');
    // A create page says why the person is here (audit item 18), not "wants to use your account".
    expect(page.text).toContain(
      '<bdi>Sign-up page</bdi> (<bdi dir="ltr">127.0.0.1:4174</bdi>) sent you here to create an account.',
    );
    expect(page.text).toContain('<label for="username">Username</label>');
    expect(page.text).toContain('<label for="password">Password</label>');
    // MAS asks for the password twice (templates/pages/register/password.html).
    expect(page.text).toContain('<label for="password_confirm">Confirm password</label>');
    expect(page.text).toContain(
      '<bdi dir="ltr" id="username-preview" data-server-name="localhost:8008">@…:localhost:8008</bdi>',
    );
    expect(page.text).toContain('>Create account</button>');
    expect(page.text).toContain('value="cancel" formnovalidate>Cancel</button>');
    expect(page.text).not.toContain('name="email"');
    expect(page.text).not.toContain('name="terms"');
  });

  it('speaks the language of ui_locales, else of Accept-Language, else English, on every step', async () => {
    const mock = await startMock({ scenario: 'oidc', overrides: { email: 'required' } });
    const french = await openSignUpPage(mock, { ui_locales: 'fr-CA de' });
    expect(french.page.text).toContain('<html lang="fr" dir="ltr">');
    expect(french.page.text).toContain('<title>Créez votre compte sur localhost:8008</title>');
    expect(french.page.text).toContain('<label for="password_confirm">Confirmer le mot de passe</label>');
    // The next steps keep the language the request chose.
    const wrong = await create(mock, french.action, { password_confirm: 'another one 1', email: 'ana@example.org' });
    expect(fieldError(wrong.text, 'password_confirm')).toBe('Les mots de passe ne correspondent pas.');
    const code = await create(mock, french.action, { password_confirm: 'a password 1', email: 'ana@example.org' });
    expect(code.text).toContain('<title>Consultez vos e-mails</title>');

    const client = await registerClient(mock);
    const byHeader = await mock.call('GET', `/oauth2/authorize?${authorizeQuery(client.body.client_id)}`, {
      headers: { 'accept-language': 'xx, ar;q=0.9, de;q=0.5' },
    });
    expect(byHeader.text).toContain('<html lang="ar" dir="rtl">');
    expect(byHeader.text).toContain('<label for="username">اسم المستخدم</label>');
    const none = await openSignUpPage(mock, { ui_locales: 'tlh' });
    expect(none.page.text).toContain('<html lang="en" dir="ltr">');
  });

  it('refuses a confirmation that differs from the password, as MAS does', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    const reply = await create(mock, action, { password_confirm: 'a password 2' });
    expect(reply.status).toBe(400);
    expect(fieldError(reply.text, 'password_confirm')).toBe('The passwords do not match.');
    expect(reply.text).toContain(
      'id="password_confirm" name="password_confirm" type="password" autocomplete="new-password" required aria-describedby="password_confirm-error" aria-invalid="true" autofocus',
    );
    expect((await create(mock, action, { password_confirm: 'a password 1' })).status).toBe(303);
  });

  it('escapes what the client registered', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const client = await registerClient(mock, { client_name: '<img src=x onerror=alert(1)>' });
    const page = await mock.call('GET', `/oauth2/authorize?${authorizeQuery(client.body.client_id)}`);
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('prefills the username from login_hint, as mxid of this server or bare', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const mxid = await openSignUpPage(mock, { login_hint: 'mxid:@zoe:localhost:8008' });
    expect(mxid.page.text).toContain('name="username" type="text" value="zoe"');
    const bare = await openSignUpPage(mock, { login_hint: 'yan' });
    expect(bare.page.text).toContain('value="yan"');
    const elsewhere = await openSignUpPage(mock, { login_hint: 'mxid:@zoe:example.org' });
    expect(elsewhere.page.text).toContain('name="username" type="text" value=""');
  });

  it.each([
    ['a taken name', 'alice', 'This username is already taken.'],
    ['a name taken in other capitals', 'Alice', 'This username is already taken.'],
    ['bad characters', 'ana smith', "User ID can only contain characters a-z, 0-9, or '=_-./+'"],
    ['an application service’s namespace', 'bridge-x', 'This username is reserved.'],
    ['a number, reserved for guests', '123', 'Numeric user IDs are reserved for guest users.'],
    ['no name', '', 'Choose a username.'],
  ])('refuses %s by the model’s rules, and keeps what was typed', async (_, username, message) => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    const reply = await create(mock, action, { username });
    expect(reply.status).toBe(400);
    expect(fieldError(reply.text, 'username')).toBe(message);
    expect(reply.text).toContain('aria-invalid="true" autofocus');
    expect(Object.keys(mock.state.accounts)).toEqual(['alice', 'bob', 'admin']);
  });

  it('lower-cases the username, as /register does', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    expect((await create(mock, action, { username: 'Ana' })).status).toBe(303);
    expect(mock.homeserver.findAccount('ana')?.userId).toBe('@ana:localhost:8008');
  });

  it('applies the server’s password policy', async () => {
    const mock = await startMock({
      scenario: 'oidc',
      overrides: {
        passwordPolicy: {
          enabled: true,
          minLength: 10,
          requireDigit: true,
          requireSymbol: false,
          requireUppercase: false,
          requireLowercase: false,
          errcodes: 'synapse',
        },
      },
    });
    const { action } = await openSignUpPage(mock);
    const short = await create(mock, action, { password: 'short1' });
    expect(fieldError(short.text, 'password')).toBe('The password must be at least 10 characters long');
    expect((await create(mock, action, { password: '' })).status).toBe(400);
    expect((await create(mock, action, { password: 'long enough 1' })).status).toBe(303);
  });

  it('requires the terms where the server has them', async () => {
    const mock = await startMock({ scenario: 'oidc', overrides: { requireTerms: true } });
    const { page, action } = await openSignUpPage(mock);
    expect(page.text).toContain('<label for="terms">I accept these policies</label>');
    expect(page.text).toContain('href="http://localhost:8008/_matrix/consent?v=1.0"');
    const refused = await create(mock, action, {});
    expect(fieldError(refused.text, 'terms')).toBe('Accept the policies to continue.');
    expect((await create(mock, action, { terms: 'accepted' })).status).toBe(303);
  });

  it('with email required: mails a code to the mock inbox, and makes the account once it is typed', async () => {
    const mock = await startMock({ scenario: 'oidc', overrides: { email: 'required' } });
    const { page, action, clientId } = await openSignUpPage(mock);
    expect(page.text).toContain('<label for="email">Email address</label>');
    expect(fieldError((await create(mock, action, {})).text, 'email')).toBe('Enter your email address.');
    const denied = await create(mock, action, { email: 'ana@blocked.example' });
    expect(fieldError(denied.text, 'email')).toBe('This server does not accept addresses at this domain.');

    const step = await create(mock, action, { email: 'Ana@Example.org' });
    expect(step.status).toBe(200);
    expect(step.text).toContain('<h1 tabindex="-1">Check your email</h1>');
    expect(step.text).toContain('<label for="code">Code</label>');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    const [mail] = (await mock.call('GET', '/_mock/inbox')).body.messages;
    expect(mail?.to).toBe('ana@example.org');

    const wrong = await post(mock, action, { action: 'verify', code: '000000x' });
    expect(fieldError(wrong.text, 'code')).toBe('This code is not right. Check the latest email.');
    const done = await post(mock, action, { action: 'verify', code: mail?.code ?? '' });
    expect(done.status).toBe(303);
    const account = mock.homeserver.findAccount('ana');
    expect(account?.emails).toEqual(['ana@example.org']);
    expect(mock.state.threepids['ana@example.org']).toBe('@ana:localhost:8008');
    const tokens = await exchange(mock, clientId, callbackParams(done).get('code') ?? '');
    expect(tokens.status).toBe(200);
  });

  it('takes the emailed link in place of the code, and sends a new code when asked', async () => {
    const mock = await startMock({ scenario: 'oidc', overrides: { email: 'required' } });
    const { action } = await openSignUpPage(mock);
    await create(mock, action, { email: 'ana@example.org' });
    const resent = await post(mock, action, { action: 'resend' });
    expect(resent.text).toContain('A new code is on its way to ana@example.org.');
    const inbox = (await mock.call('GET', '/_mock/inbox')).body.messages;
    expect(inbox).toHaveLength(2);
    const link = new URL(inbox[0]?.link ?? '');
    expect((await mock.call('GET', `${link.pathname}${link.search}`)).status).toBe(200);
    expect((await post(mock, action, { action: 'verify', code: '' })).status).toBe(303);
  });

  it('refuses an email address already in use', async () => {
    const mock = await startMock({ scenario: 'oidc', overrides: { email: 'optional' } });
    mock.state.threepids['ana@example.org'] = '@alice:localhost:8008';
    const { page, action } = await openSignUpPage(mock);
    expect(page.text).toContain('Email address (optional)');
    const reply = await create(mock, action, { email: 'ana@example.org' });
    expect(fieldError(reply.text, 'email')).toBe('This email address is already in use.');
    // Optional: without one, no code step.
    expect((await create(mock, action, { email: '' })).status).toBe(303);
  });

  it('says a page is expired once its request is gone', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    mock.env.advance(60 * 60_000 + 1);
    const reply = await create(mock, action, {});
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('This page has expired');
  });
});

describe('the live username check', () => {
  it('answers with the sentence the page shows, by the rules of /register/available', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const free = await mock.call('GET', '/oauth2/username-available?username=ana');
    expect([free.status, free.body]).toEqual([200, { available: true, message: 'This username is available.' }]);
    const taken = await mock.call('GET', '/oauth2/username-available?username=alice');
    expect([taken.status, taken.body.available, taken.body.message]).toEqual([
      400,
      false,
      'This username is already taken.',
    ]);
    const bad = await mock.call('GET', '/oauth2/username-available?username=a%20b');
    expect(bad.body.message).toMatch(/can only contain/);
    // The legacy endpoint itself stays closed on an OAuth server.
    expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=ana')).status).toBe(404);
  });

  it('is rate-limited like /register/available', async () => {
    const mock = await startMock({
      scenario: 'oidc',
      overrides: {
        rateLimits: {
          registration: null,
          registrationTokenValidity: null,
          threepidValidation: null,
          availability: { perSecond: 0.1, burst: 1 },
        },
      },
    });
    expect((await mock.call('GET', '/oauth2/username-available?username=ana')).status).toBe(200);
    const limited = await mock.call('GET', '/oauth2/username-available?username=ana');
    expect([limited.status, limited.body.message]).toEqual([429, 'Too many checks. Wait a moment.']);
  });
});

describe('the sign-in variant (no prompt=create)', () => {
  it('signs an existing account in, and refuses a wrong password', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { page, action, clientId } = await openSignUpPage(mock, { prompt: 'login' });
    expect(page.text).toContain('<h1 tabindex="-1">Sign in to localhost:8008</h1>');
    const wrong = await post(mock, action, { action: 'sign-in', username: 'alice', password: 'nope' });
    expect([wrong.status, wrong.text.includes('Wrong username or password.')]).toEqual([400, true]);
    const right = await post(mock, action, {
      action: 'sign-in',
      username: '@alice:localhost:8008',
      password: 'alice-password',
    });
    expect(right.status).toBe(303);
    const tokens = await exchange(mock, clientId, callbackParams(right).get('code') ?? '');
    expect(
      (
        await mock.call('GET', '/_matrix/client/v3/account/whoami', {
          headers: { authorization: `Bearer ${tokens.body.access_token}` },
        })
      ).body.user_id,
    ).toBe('@alice:localhost:8008');
  });

  it('offers to create an account instead where the server can', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { page, action } = await openSignUpPage(mock, { prompt: 'login' });
    expect(page.text).toContain('Create an account instead');
    const switched = await post(mock, action, { action: 'create-instead' });
    expect(switched.text).toContain('Create your account on localhost:8008');
    expect((await create(mock, action, {})).status).toBe(303);
  });

  it('ignores prompt=create where the server does not create accounts (oidc-no-create)', async () => {
    const mock = await startMock({ scenario: 'oidc-no-create' });
    const { action } = await openSignUpPage(mock);
    const attempt = await create(mock, action, {});
    expect(attempt.text).toContain('Sign in to localhost:8008');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    expect((await post(mock, action, { action: 'create-instead' })).text).toContain('Sign in to');
  });
});
