import { describe, expect, it } from 'vitest';
import { chooseFlow, need, visibleStages } from './flow';

const everything = [
  ['m.login.recaptcha', 'm.login.terms', 'm.login.dummy'],
  ['m.login.recaptcha', 'm.login.terms', 'm.login.email.identity'],
];

describe('chooseFlow', () => {
  it('keeps an email the person gave: only flows with the email stage', () => {
    expect(chooseFlow(everything, { hasEmail: true })).toEqual({ ok: true, flow: everything[1] });
  });

  it('without an email, only flows without it', () => {
    expect(chooseFlow(everything, { hasEmail: false })).toEqual({ ok: true, flow: everything[0] });
  });

  it('says when an email is required, or cannot be used', () => {
    expect(chooseFlow([['m.login.email.identity']], { hasEmail: false })).toEqual({
      ok: false,
      problem: 'email-required',
    });
    expect(chooseFlow([['m.login.dummy']], { hasEmail: true })).toEqual({ ok: false, problem: 'email-unsupported' });
    expect(chooseFlow([], { hasEmail: false })).toEqual({ ok: false, problem: 'no-flow' });
  });

  it('prefers flows it can do itself over shorter ones that need the fallback page', () => {
    const flows = [['org.example.sso'], ['m.login.recaptcha', 'm.login.dummy']];
    expect(chooseFlow(flows, { hasEmail: false })).toEqual({ ok: true, flow: flows[1] });
    expect(chooseFlow([['org.example.sso']], { hasEmail: false })).toEqual({ ok: true, flow: ['org.example.sso'] });
  });

  it('prefers the shortest of equals', () => {
    expect(chooseFlow([['m.login.terms', 'm.login.dummy'], ['m.login.dummy']], { hasEmail: false })).toEqual({
      ok: true,
      flow: ['m.login.dummy'],
    });
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
