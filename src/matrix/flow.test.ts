import { describe, expect, it } from 'vitest';
import { chooseFlow, formNeeds, need, orderStages, visibleStages } from './flow';

const everything = [
  ['m.login.recaptcha', 'm.login.terms', 'm.login.dummy'],
  ['m.login.recaptcha', 'm.login.terms', 'm.login.email.identity'],
];

describe('chooseFlow', () => {
  it('keeps an email the person gave: only flows with the email stage', () => {
    expect(chooseFlow(everything, { hasEmail: true, hasToken: false })).toEqual({ ok: true, flow: everything[1] });
  });

  it('without an email, only flows without it', () => {
    expect(chooseFlow(everything, { hasEmail: false, hasToken: false })).toEqual({ ok: true, flow: everything[0] });
  });

  it('says when an email is required, or cannot be used', () => {
    expect(chooseFlow([['m.login.email.identity']], { hasEmail: false, hasToken: false })).toEqual({
      ok: false,
      problem: 'email-required',
    });
    expect(chooseFlow([['m.login.dummy']], { hasEmail: true, hasToken: false })).toEqual({
      ok: false,
      problem: 'email-unsupported',
    });
    expect(chooseFlow([], { hasEmail: false, hasToken: false })).toEqual({ ok: false, problem: 'no-flow' });
  });

  it('prefers flows it can do itself over shorter ones that need the fallback page', () => {
    const flows = [['org.example.sso'], ['m.login.recaptcha', 'm.login.dummy']];
    expect(chooseFlow(flows, { hasEmail: false, hasToken: false })).toEqual({ ok: true, flow: flows[1] });
    expect(chooseFlow([['org.example.sso']], { hasEmail: false, hasToken: false })).toEqual({
      ok: true,
      flow: ['org.example.sso'],
    });
  });

  it('prefers the shortest of equals', () => {
    expect(
      chooseFlow([['m.login.terms', 'm.login.dummy'], ['m.login.dummy']], { hasEmail: false, hasToken: false }),
    ).toEqual({
      ok: true,
      flow: ['m.login.dummy'],
    });
  });
});

describe('chooseFlow by the token too (continuwuity, spec/homeservers.md §2.7)', () => {
  const T = 'm.login.registration_token';
  const E = 'm.login.email.identity';
  const C = 'm.login.recaptcha';
  const continuwuity = [
    ['m.login.terms', T],
    ['m.login.terms', C, E],
  ];
  const has = (token: boolean, email: boolean) => ({ hasToken: token, hasEmail: email });

  it('a token takes the token flow; none takes the other', () => {
    expect(chooseFlow(continuwuity, has(true, false))).toEqual({ ok: true, flow: continuwuity[0] });
    expect(chooseFlow(continuwuity, has(false, true))).toEqual({ ok: true, flow: continuwuity[1] });
    expect(chooseFlow([[T], [C]], has(false, false))).toEqual({ ok: true, flow: [C] });
  });

  it('says what to add or remove when nothing fits', () => {
    expect(chooseFlow(continuwuity, has(false, false))).toEqual({ ok: false, problem: 'token-or-email' });
    expect(chooseFlow(continuwuity, has(true, true))).toEqual({ ok: false, problem: 'token-with-email' });
    expect(chooseFlow([[T]], has(false, false))).toEqual({ ok: false, problem: 'token-required' });
    expect(chooseFlow([[T, E]], has(true, false))).toEqual({ ok: false, problem: 'email-required' });
    expect(chooseFlow([[T, E]], has(false, true))).toEqual({ ok: false, problem: 'token-required' });
    expect(chooseFlow([[T, E], [C]], has(false, true))).toEqual({ ok: false, problem: 'email-needs-token' });
    expect(chooseFlow([[C]], has(true, false))).toEqual({ ok: false, problem: 'token-unsupported' });
    expect(chooseFlow([[T], [C]], has(true, true))).toEqual({ ok: false, problem: 'email-unsupported' });
    expect(chooseFlow([[E], [C]], has(true, true))).toEqual({ ok: false, problem: 'token-unsupported' });
  });

  it('marks token and email as one-of-two where every flow needs one of them', () => {
    expect(formNeeds(continuwuity)).toEqual({ token: 'either', email: 'either' });
    expect(formNeeds([[T], [C]])).toEqual({ token: 'optional', email: 'none' });
    expect(
      formNeeds([
        [T, E],
        [C, E],
      ]),
    ).toEqual({ token: 'optional', email: 'required' });
    expect(
      formNeeds([
        [T, 'm.login.dummy'],
        [T, E],
      ]),
    ).toEqual({ token: 'required', email: 'optional' });
  });

  it('sends the token last, after every other stage (Tuwunel, continuwuity spend it at its stage)', () => {
    expect(orderStages([T, E, 'm.login.terms'])).toEqual([E, 'm.login.terms', T]);
    expect(visibleStages([T, E, 'm.login.terms'])).toEqual([E, 'm.login.terms']);
  });
});

describe('need and visibleStages', () => {
  it('tells required, optional and absent stages apart', () => {
    expect(need(everything, 'm.login.recaptcha')).toBe('required');
    expect(need(everything, 'm.login.email.identity')).toBe('optional');
    expect(need(everything, 'm.login.registration_token')).toBe('none');
  });

  it('hides dummy and the token stage from the steps', () => {
    expect(visibleStages(['m.login.registration_token', 'm.login.terms', 'm.login.dummy'])).toEqual(['m.login.terms']);
  });
});
