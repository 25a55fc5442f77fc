import { describe, expect, it } from 'vitest';
import { decodeError, decodeStageFailure, MAX_SERVER_MESSAGE } from './decode-error';
import { DiscoveryError } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import { FlowProblemError } from './uia-driver';

const apiError = (status: number, errcode: string, extra: Record<string, unknown> = {}, retryAfterMs?: number) =>
  new MatrixApiError(status, errcode, 'server words', retryAfterMs, { errcode, error: 'server words', ...extra });

describe('decodeError', () => {
  it.each([
    [400, 'M_USER_IN_USE', 'username'],
    [400, 'M_INVALID_USERNAME', 'username'],
    [400, 'M_EXCLUSIVE', 'username'],
    [400, 'M_WEAK_PASSWORD', 'password'],
    [400, 'M_PASSWORD_TOO_SHORT', 'password'],
    [400, 'M_PASSWORD_NO_DIGIT', 'password'],
    [400, 'M_PASSWORD_NO_SYMBOL', 'password'],
    [400, 'M_PASSWORD_NO_UPPERCASE', 'password'],
    [400, 'M_PASSWORD_NO_LOWERCASE', 'password'],
    [400, 'M_THREEPID_IN_USE', 'email'],
    [403, 'M_THREEPID_DENIED', 'email'],
    [400, 'M_SERVER_NOT_TRUSTED', 'email'],
    [403, 'M_FORBIDDEN', 'form'],
    [400, 'M_BAD_JSON', 'form'],
    [400, 'M_NOT_JSON', 'form'],
    [404, 'M_UNRECOGNIZED', 'form'],
    [400, 'M_INVALID_PARAM', 'form'],
    [401, 'M_UNKNOWN_TOKEN', 'form'],
    [403, 'M_RESOURCE_LIMIT_EXCEEDED', 'form'],
  ])('%i %s concerns the %s field', (status, errcode, field) => {
    expect(decodeError(apiError(status, errcode))).toMatchObject({
      code: errcode,
      field,
      status,
      serverMessage: 'server words',
    });
  });

  it('cuts the server’s own words at 500 characters, from an answer or a stage', () => {
    const long = 'x'.repeat(900_000);
    const fromAnswer = decodeError(new MatrixApiError(403, 'M_FORBIDDEN', long, undefined, { errcode: 'M_FORBIDDEN' }));
    expect(fromAnswer.serverMessage).toBe(`${'x'.repeat(MAX_SERVER_MESSAGE)}…`);
    const fromStage = decodeStageFailure('m.login.terms', { errcode: 'M_UNAUTHORIZED', error: long });
    expect(fromStage.serverMessage).toHaveLength(MAX_SERVER_MESSAGE + 1);
  });

  it('an errcode or stage named like an Object property is just unknown', () => {
    expect(decodeError(apiError(400, 'constructor')).field).toBe('form');
    expect(decodeStageFailure('__proto__', { errcode: 'toString' }).field).toBe('form');
  });

  it('goes by the status for M_UNKNOWN, as the spec says', () => {
    expect(decodeError(apiError(403, 'M_UNKNOWN')).code).toBe('M_UNKNOWN@403');
    expect(decodeError(apiError(400, 'M_UNKNOWN')).code).toBe('M_UNKNOWN@400');
  });

  it('puts a missing password on the password field', () => {
    const error = new MatrixApiError(400, 'M_MISSING_PARAM', 'Missing params: password', undefined, {});
    expect(decodeError(error).field).toBe('password');
  });

  it('reads any 429 as a rate limit with its wait, even with another errcode', () => {
    expect(decodeError(apiError(429, 'M_LIMIT_EXCEEDED', {}, 5000))).toMatchObject({
      code: 'M_LIMIT_EXCEEDED',
      retryAfterMs: 5000,
      retryable: true,
    });
    expect(decodeError(apiError(429, 'M_UNKNOWN'))).toMatchObject({ code: 'M_LIMIT_EXCEEDED', retryAfterMs: 0 });
  });

  it("keeps the resource limit's admin contact and type", () => {
    const error = apiError(403, 'M_RESOURCE_LIMIT_EXCEEDED', {
      admin_contact: 'mailto:a@example.org',
      limit_type: 'monthly_active_user',
    });
    expect(decodeError(error)).toMatchObject({
      adminContact: 'mailto:a@example.org',
      limitType: 'monthly_active_user',
    });
  });

  it.each(['offline', 'network', 'cors', 'timeout', 'server', 'not-json'] as const)(
    'transport %s is retryable',
    (failure) => {
      expect(decodeError(new TransportError(failure))).toEqual({
        code: `transport:${failure}`,
        field: 'form',
        retryable: true,
      });
    },
  );

  it('mixed content is not retryable: it cannot work from this page', () => {
    expect(decodeError(new TransportError('mixed-content')).retryable).toBe(false);
  });

  it('a discovery that failed for a reason the browser can tell (CORS, offline) says that reason', () => {
    const cors = new DiscoveryError({ state: 'FAIL_ERROR', reason: 'unreachable', cause: new TransportError('cors') });
    expect(decodeError(cors).code).toBe('transport:cors');
  });

  it('flow and discovery problems', () => {
    expect(decodeError(new FlowProblemError('email-required'))).toMatchObject({
      code: 'flow:email-required',
      field: 'email',
    });
    expect(decodeError(new DiscoveryError({ state: 'FAIL_ERROR', reason: 'unreachable' }))).toMatchObject({
      code: 'discovery:unreachable',
      retryable: true,
    });
  });
});

describe('decodeStageFailure', () => {
  it('the stage sent decides the field, even when the errcode names another one', () => {
    expect(decodeStageFailure('m.login.recaptcha', { errcode: 'M_THREEPID_AUTH_FAILED' }).field).toBe('captcha');
    expect(decodeStageFailure('m.login.registration_token', { errcode: 'M_CAPTCHA_INVALID' }).field).toBe('token');
    expect(decodeStageFailure('org.example.custom', { errcode: 'M_CAPTCHA_INVALID' }).field).toBe('captcha');
  });

  it.each([
    ['m.login.registration_token', 'M_UNAUTHORIZED', 'token'],
    ['m.login.registration_token', 'M_INVALID_PARAM', 'token'],
    ['m.login.recaptcha', 'M_UNAUTHORIZED', 'captcha'],
    ['m.login.recaptcha', 'M_CAPTCHA_NEEDED', 'captcha'],
    ['m.login.email.identity', 'M_UNAUTHORIZED', 'email'],
    ['m.login.terms', 'M_UNKNOWN', 'terms'],
  ])('%s failing with %s concerns %s', (stage, errcode, field) => {
    expect(decodeStageFailure(stage, { errcode, error: 'no' })).toMatchObject({
      code: errcode,
      field,
      serverMessage: 'no',
    });
  });
});

describe('a name of digits only', () => {
  it.each([
    ['Synapse', 'Numeric user IDs are reserved for guest users.'],
    ['Dendrite', 'Numeric user IDs are reserved'],
  ])('%s: "%s" is worded apart, at the username field', (_family, words) => {
    const error = new MatrixApiError(400, 'M_INVALID_USERNAME', words, undefined, {});
    expect(decodeError(error)).toMatchObject({ code: 'M_INVALID_USERNAME@numeric', field: 'username' });
  });

  it('another M_INVALID_USERNAME stays the grammar problem', () => {
    const error = new MatrixApiError(
      400,
      'M_INVALID_USERNAME',
      'User ID can only contain characters a-z',
      undefined,
      {},
    );
    expect(decodeError(error)).toMatchObject({ code: 'M_INVALID_USERNAME', field: 'username' });
  });
});

describe('a name beginning with _', () => {
  it('Synapse\'s "User ID may not begin with _" is worded apart, at the username field', () => {
    const error = new MatrixApiError(400, 'M_INVALID_USERNAME', 'User ID may not begin with _', undefined, {});
    expect(decodeError(error)).toMatchObject({ code: 'M_INVALID_USERNAME@underscore', field: 'username' });
  });
});
