import { describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { fakeEnvironment, seededRandom } from '../model/environment';
import type { ScenarioName } from '../model/scenarios';
import { listenOnLoopback } from './harness';

/**
 * A bounded HTTP fuzz of every route (security review 2026-12, issue 22): a fixed seed, a few
 * thousand requests with hostile IDs, keys, tokens, bodies and targets. Any 5xx, socket failure or
 * change to `Object.prototype` fails it, and the mock must still reset afterwards.
 */
const SEED = 20261206;
const REQUESTS_PER_SCENARIO = 700;
const SCENARIOS: ScenarioName[] = ['token', 'email', 'everything', 'oidc', 'guest'];

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
const STRINGS = [
  ...HOSTILE,
  '',
  'a'.repeat(300),
  '\u0000',
  '\ud800',
  '\u202eevil',
  '<script>x</script>',
  'javascript:x',
  '../..',
  'letmein',
  'single-use',
  'mock-captcha-solved',
  'ana@example.org',
  '@alice:localhost:8008',
];
const KEYS = [
  ...HOSTILE,
  'username',
  'password',
  'auth',
  'session',
  'type',
  'token',
  'sid',
  'client_secret',
  'email',
  'send_attempt',
  'next_link',
  'inhibit_login',
  'device_id',
  'initial_device_display_name',
  'refresh_token',
  'identifier',
  'user',
  'medium',
  'address',
  'threepid_creds',
  'response',
  'nonce',
  'mac',
  'admin',
  'uses_allowed',
  'expiry_time',
  'length',
  'approved',
  'name',
  'homeserver',
  'endpoint',
  'errcode',
  'status',
  'redirect_uris',
  'client_name',
  'client_uri',
  'grant_type',
  'code',
  'code_verifier',
  'client_id',
  'action',
];
const STAGES = [
  'm.login.dummy',
  'm.login.registration_token',
  'm.login.recaptcha',
  'm.login.terms',
  'm.login.email.identity',
  'm.login.password',
  ...HOSTILE,
];
const PATHS = [
  '/.well-known/matrix/client',
  '/_matrix/client/versions',
  '/_matrix/client/v1/auth_metadata',
  '/_matrix/client/v1/register/m.login.registration_token/validity?token={id}',
  '/_matrix/client/{prefix}/register',
  '/_matrix/client/{prefix}/register?kind={id}',
  '/_matrix/client/{prefix}/register/available?username={id}',
  '/_matrix/client/{prefix}/register/email/requestToken',
  '/_matrix/client/{prefix}/register/msisdn/requestToken',
  '/_matrix/client/{prefix}/login',
  '/_matrix/client/{prefix}/account/whoami',
  '/_matrix/client/{prefix}/account/3pid',
  '/_matrix/client/{prefix}/capabilities',
  '/_matrix/client/{prefix}/password_policy',
  '/_matrix/client/{prefix}/auth/{stage}/fallback/web?session={id}',
  '/_matrix/client/unstable/registration/email/submit_token?sid={id}&client_secret={id}&token={id}',
  '/_matrix/consent?v={id}',
  '/_synapse/admin/v1/register',
  '/_synapse/admin/v1/registration_tokens',
  '/_synapse/admin/v1/registration_tokens/new',
  '/_synapse/admin/v1/registration_tokens/{id}',
  '/_synapse/admin/v2/users/{id}',
  '/oauth2/register',
  '/oauth2/authorize?client_id={id}&request={id}',
  '/oauth2/authorize/{id}',
  '/oauth2/token',
  '/oauth2/revoke',
  '/oauth2/userinfo',
  '/oauth2/keys.json',
  '/oauth2/api/admin/v1/user-registration-tokens?page[after]={id}&filter[valid]={id}&count={id}',
  '/oauth2/api/admin/v1/user-registration-tokens/{id}',
  '/oauth2/api/admin/v1/user-registration-tokens/{id}/revoke',
  '/_mock/inbox',
  '/_mock/accounts',
  '/_mock/next-error',
  '//x/_mock/inbox',
  '/{id}',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'];

/** Percent-encoding that also takes a lone surrogate (as raw bytes of its UTF-8-like form). */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function fuzzer(next: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const value = (depth: number): unknown => {
    const roll = next();
    if (roll < 0.45 || depth > 2) return pick(STRINGS);
    if (roll < 0.55) return pick([0, -1, 1.5, 1e308, 99999, true, false, null]);
    if (roll < 0.65) return [value(depth + 1), value(depth + 1)];
    if (roll < 0.8) return { type: pick(STAGES), session: value(depth + 1), token: pick(STRINGS) };
    return object(depth + 1);
  };
  const object = (depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const count = 1 + Math.floor(next() * 5);
    for (let i = 0; i < count; i++)
      Object.defineProperty(result, pick(KEYS), {
        value: value(depth),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return result;
  };
  const body = (): { body?: string; type?: string } => {
    const roll = next();
    if (roll < 0.55) return { body: JSON.stringify(object(0)), type: 'application/json' };
    if (roll < 0.7) {
      const form = new URLSearchParams();
      for (let i = 0; i < 3; i++) form.append(pick(KEYS), pick(STRINGS));
      return { body: form.toString(), type: 'application/x-www-form-urlencoded' };
    }
    if (roll < 0.85)
      return {
        body: pick(['{', 'null', '[]', '"x"', '1', '\ufeff{}', '{"a":']),
        type: pick(['application/json', 'text/plain']),
      };
    return {};
  };
  const path = () =>
    pick(PATHS)
      .replace('{prefix}', pick(['v3', 'r0', 'unstable']))
      .replace('{stage}', pick(STAGES))
      .replaceAll('{id}', () => encodeLoosely(pick(STRINGS)));
  return { pick, body, path };
}

describe('a bounded fuzz over HTTP', () => {
  it.each(SCENARIOS)(
    '%s: no 5xx, no socket failure, no polluted prototype, and the mock still resets',
    async (scenario) => {
      const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
      const controller = await MockController.create({ scenario, env: fakeEnvironment() });
      const server = await listenOnLoopback(controller);
      const { pick, body, path } = fuzzer(seededRandom(SEED + SCENARIOS.indexOf(scenario)));
      const failures: string[] = [];
      try {
        for (let i = 0; i < REQUESTS_PER_SCENARIO; i++) {
          const method = pick(METHODS);
          const target = path();
          const { body: payload, type } = method === 'GET' || method === 'OPTIONS' ? {} : body();
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (i % 3 === 0) headers.authorization = `Bearer ${encodeLoosely(pick(STRINGS))}`;
          if (i % 5 === 0) headers['x-forwarded-for'] = pick(HOSTILE);
          try {
            const response = await fetch(`${server.base}${target}`, {
              method,
              headers,
              body: payload,
              redirect: 'manual',
            });
            await response.arrayBuffer();
            if (response.status >= 500)
              failures.push(`${method} ${target} ${payload ?? ''} → ${String(response.status)}`);
          } catch (error) {
            failures.push(`${method} ${target} → ${String(error)}`);
          }
        }
        const reset = await fetch(`${server.base}/_mock/reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        expect(reset.status).toBe(200);
      } finally {
        await server.close();
      }
      expect(failures.slice(0, 20)).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(Object.keys(Object.prototype)).toEqual([]);
    },
  );
});
