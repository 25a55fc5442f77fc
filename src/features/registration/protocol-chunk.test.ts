import { describe, expect, it } from 'vitest';
import { MatrixApiError } from '../../matrix/errors';
import { FlowProblemError } from '../../matrix/uia-driver';
import { stageFailureToPageError, toPageError } from './protocol-chunk';

// What the page says for each family's failures: worded by what went wrong (spec/homeservers.md §2.2).

describe('a failed stage is worded by the stage, whatever the errcode', () => {
  it.each([
    ['S', 'm.login.registration_token', 'M_UNAUTHORIZED', 'stageError.token', 'token'],
    ['C, Q, T', 'm.login.registration_token', 'M_FORBIDDEN', 'stageError.token', 'token'],
    ['S', 'm.login.recaptcha', 'M_UNAUTHORIZED', 'stageError.captcha', 'captcha'],
    ['Q ≤0.5.11', 'm.login.recaptcha', 'M_FORBIDDEN', 'stageError.captcha', 'captcha'],
    ['Q 26.6+', 'm.login.recaptcha', 'M_CAPTCHA_INVALID', 'stageError.captcha', 'captcha'],
    ['D', 'm.login.recaptcha', 'M_BAD_JSON', 'stageError.captcha', 'captcha'],
    ['T4', 'm.login.email.identity', 'M_FORBIDDEN', 'stageError.email', 'email'],
    ['Q7', 'm.login.email.identity', 'M_THREEPID_AUTH_FAILED', 'stageError.email', 'email'],
  ])('%s: %s failing with %s says %s', (_, stage, errcode, message, field) => {
    const error = stageFailureToPageError(stage, { errcode, error: 'server words' });
    expect(error).toMatchObject({ code: errcode, field, messages: [{ id: message }] });
    expect(error.details).toBe(`${errcode} · HTTP 401 · server words`);
  });

  it('a step not finished on the server’s own page says so; the captcha says what is missing', () => {
    expect(stageFailureToPageError('m.login.recaptcha', { unfinished: true })).toMatchObject({
      field: 'captcha',
      messages: [{ id: 'captcha.notReceived' }],
    });
    expect(stageFailureToPageError('org.example.sso', { unfinished: true })).toMatchObject({
      field: 'form',
      messages: [{ id: 'error.stage:unfinished' }],
    });
  });

  it('Dendrite’s 400 for a missing captcha response keeps its status in the details', () => {
    expect(stageFailureToPageError('m.login.recaptcha', { errcode: 'M_BAD_JSON', status: 400 }).details).toBe(
      'M_BAD_JSON · HTTP 400',
    );
  });
});

describe('errors that are not about a stage', () => {
  it('T, Q: 403 "Username is forbidden" is said at the username', () => {
    const error = new MatrixApiError(403, 'M_FORBIDDEN', 'Username is forbidden', undefined, {});
    expect(toPageError(error)).toMatchObject({
      field: 'username',
      messages: [{ id: 'error.M_FORBIDDEN@username' }],
      details: 'M_FORBIDDEN · HTTP 403 · Username is forbidden',
    });
  });

  it.each([
    ['token-required', 'token'],
    ['token-unsupported', 'token'],
    ['token-or-email', 'token'],
    ['token-with-email', 'email'],
    ['email-needs-token', 'email'],
  ] as const)('flow problem %s has its words, at the %s field', (problem, field) => {
    expect(toPageError(new FlowProblemError(problem))).toMatchObject({
      field,
      messages: [{ id: `error.flow:${problem}` }],
    });
  });
});
