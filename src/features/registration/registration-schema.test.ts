import { describe, expect, it } from 'vitest';
import { registrationSchema, type SchemaContext } from './registration-schema';
import { shownValues } from './shown-values';

// The form's own rules for the token and the email, from the server's flows (spec/homeservers.md §2.7).

const CONTINUWUITY: SchemaContext = {
  serverName: 'example.org',
  token: 'either',
  email: 'either',
  policy: undefined,
  flows: [
    ['m.login.terms', 'm.login.registration_token'],
    ['m.login.terms', 'm.login.recaptcha', 'm.login.email.identity'],
  ],
};

const values = (extra: { token?: string; email?: string }) => ({
  username: 'ana',
  password: 'a long password',
  confirm: 'a long password',
  bindEmail: false,
  token: '',
  email: '',
  ...extra,
});

function issues(context: SchemaContext, extra: { token?: string; email?: string }) {
  const result = registrationSchema(context).safeParse(values(extra));
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('the token and the email on a server with alternative flows (continuwuity)', () => {
  it('a token alone, or an email alone, is enough', () => {
    expect(issues(CONTINUWUITY, { token: 'invite' })).toEqual([]);
    expect(issues(CONTINUWUITY, { email: 'ana@example.org' })).toEqual([]);
  });

  it('neither: asks for one of them, at the token', () => {
    expect(issues(CONTINUWUITY, {})).toEqual([['token', 'token.orEmail']]);
  });

  it('both: says they do not go together, at the email', () => {
    expect(issues(CONTINUWUITY, { token: 'invite', email: 'ana@example.org' })).toEqual([
      ['email', 'email.notWithToken'],
    ]);
  });

  it('an email that only goes with a token (token flow with email, and an open flow)', () => {
    const context: SchemaContext = {
      ...CONTINUWUITY,
      token: 'optional',
      email: 'optional',
      flows: [['m.login.registration_token', 'm.login.email.identity'], ['m.login.recaptcha']],
    };
    expect(issues(context, { email: 'ana@example.org' })).toEqual([['email', 'email.needsToken']]);
    expect(issues(context, {})).toEqual([]);
  });
});

describe('fields the form does not show are not sent', () => {
  it('a token from an invite link, on a server without a token stage, is dropped', () => {
    const open: SchemaContext = {
      serverName: 'x',
      token: 'none',
      email: 'none',
      policy: undefined,
      flows: [['m.login.dummy']],
    };
    expect(shownValues(open, values({ token: 'from-link', email: 'saved@example.org' }))).toMatchObject({
      token: '',
      email: '',
    });
    expect(issues(open, { token: 'from-link', email: 'saved@example.org' })).toEqual([]);
  });
});
