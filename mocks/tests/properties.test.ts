import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUBMIT_TOKEN_PATH } from '../model/email';
import { scenarios, type ScenarioName } from '../model/scenarios';
import type { HomeserverState } from '../model/state';
import { LAST_SID, requests, SESSION_REF, type RandomRequest } from './arbitraries';
import { startMock, type Mock, type Reply } from './harness';

/**
 * Property-based tests: random and malformed requests, in random order, against every scenario
 * that answers in JSON. Whatever arrives, the answer is a spec-shaped JSON success or error, nothing
 * throws, and the state keeps its invariants. The seed is fixed so CI is deterministic; explore
 * more with `FC_SEED=<n> FC_RUNS=<n> npx vitest run mocks/tests/properties.test.ts`.
 */
const SEED = Number(process.env.FC_SEED ?? 20261127);
const RUNS = Number(process.env.FC_RUNS ?? 60);

/** `M_…`, or a namespaced code such as Synapse's `IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED`. */
/** `M_…`, namespaced `COM.EXAMPLE.M_…`, or an MSC's unstable code (`ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL`). */
const ERRCODE = /^(([A-Z][A-Z0-9]*\.)*M_[A-Z0-9_]+|([A-Z][A-Z0-9]*\.)+MSC[0-9]+_[A-Z0-9_]+)$/;

/** What the spec allows an answer to look like, whatever was asked. */
function expectSpecShaped(reply: Reply, sent: RandomRequest): void {
  const where = `${sent.method} ${sent.path}${sent.query} → ${String(reply.status)} ${reply.text.slice(0, 300)}`;
  expect([200, 204, 400, 401, 403, 404, 405, 413, 429], where).toContain(reply.status);
  if (reply.status === 204) {
    expect(sent.method, where).toBe('OPTIONS');
    return;
  }
  // A preflight is an empty 200 on the families that answer it so (a scenario switch may pick one).
  if (sent.method === 'OPTIONS' && reply.status === 200 && reply.text === '') return;
  if (sent.method === 'HEAD') return;
  const type = reply.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) {
    // Only the fallback pages, the email link's landing page and, on Synapse, Twisted's own
    // resources under `/.well-known` (a 405) are HTML.
    expect(
      sent.path.includes('/fallback/web') || sent.path === SUBMIT_TOKEN_PATH || sent.path.startsWith('/.well-known/'),
      where,
    ).toBe(true);
    return;
  }
  expect(type, where).toBe('application/json');
  const json: unknown = JSON.parse(reply.text);
  expect(typeof json === 'object' && json !== null && !Array.isArray(json), where).toBe(true);
  const { body } = reply;
  if (reply.status === 200) {
    expect('errcode' in body, where).toBe(false);
    if ('user_id' in body) expect(body.user_id, where).toMatch(/^@[^:]+:localhost:8008$/);
    return;
  }
  if (reply.status === 401 && 'flows' in body) {
    expect(Array.isArray(body.flows), where).toBe(true);
    for (const flow of body.flows)
      expect(
        flow.stages.every((stage) => typeof stage === 'string'),
        where,
      ).toBe(true);
    expect(typeof body.session, where).toBe('string');
    if ('errcode' in body) expect(body.errcode, where).toMatch(ERRCODE);
    return;
  }
  expect(body.errcode, where).toMatch(ERRCODE);
  expect(typeof body.error, where).toBe('string');
  if (reply.status === 429) {
    expect(body.errcode, where).toBe('M_LIMIT_EXCEEDED');
    expect(body.retry_after_ms, where).toBeGreaterThan(0);
    expect(Number(reply.headers.get('retry-after')), where).toBeGreaterThan(0);
  }
}

/** `Object.prototype` as the process started: no request may add to it (security review M1). */
const PROTOTYPE_AT_START = Object.getOwnPropertyNames(Object.prototype);

/** What must hold of the state after any answer. */
function expectInvariants(state: HomeserverState): void {
  expect(Object.getOwnPropertyNames(Object.prototype), 'Object.prototype is untouched').toEqual(PROTOTYPE_AT_START);
  const lowerNames = new Set<string>();
  const userIds = new Set<string>();
  for (const [key, account] of Object.entries(state.accounts)) {
    const lower = account.localpart.toLowerCase();
    expect(key, 'accounts are keyed by the lower-cased name').toBe(lower);
    expect(lowerNames.has(lower), `two accounts named ${lower}`).toBe(false);
    lowerNames.add(lower);
    userIds.add(account.userId);
  }
  for (const token of Object.values(state.accessTokens)) {
    expect(userIds.has(token.userId), `a token for ${token.userId}, who does not exist`).toBe(true);
  }
  for (const device of state.devices) {
    expect(userIds.has(device.userId), `a device for ${device.userId}, who does not exist`).toBe(true);
  }
  for (const owner of Object.values(state.threepids)) {
    expect(userIds.has(owner), `an email bound to ${owner}, who does not exist`).toBe(true);
  }
  for (const buckets of Object.values(state.rateLimits)) {
    for (const bucket of Object.values(buckets)) {
      expect(bucket.count, 'a rate-limit count').toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(bucket.count), 'a rate-limit count').toBe(true);
    }
  }
  for (const use of state.registrationTokens) {
    expect(use.pending, `pending uses of ${use.token}`).toBeGreaterThanOrEqual(0);
    expect(use.completed, `completed uses of ${use.token}`).toBeGreaterThanOrEqual(0);
  }
  const singleUse = state.registrationTokens.find((use) => use.token === 'single-use');
  if (singleUse) expect(singleUse.completed, 'the single-use token admitted').toBeLessThanOrEqual(1);
}

/** Sends one request; `session` is the UIA session it continued, if it named one. */
async function send(
  mock: Mock,
  sent: RandomRequest,
  memory: { sessions: Map<string, string>; sid: string },
): Promise<{ reply: Reply; session?: string }> {
  let session: string | undefined;
  const fill = (text: string) =>
    text
      .replace(SESSION_REF, (_, label: string) => (session = memory.sessions.get(label) ?? 'none'))
      .replaceAll(LAST_SID, memory.sid);
  const hasBody = sent.method !== 'GET' && sent.method !== 'HEAD';
  const raw = typeof sent.body === 'string' ? fill(sent.body) : sent.body;
  const reply = await mock.call(sent.method, `${sent.path}${fill(sent.query)}`, {
    headers: sent.headers,
    raw: hasBody ? raw : undefined,
  });
  if (typeof reply.body.session === 'string') {
    memory.sessions.set('LAST', reply.body.session);
    if (sent.remember !== undefined) memory.sessions.set(sent.remember, reply.body.session);
  }
  if (typeof reply.body.sid === 'string') memory.sid = reply.body.sid;
  return { reply, session };
}

/** Every scenario but `slow` (1.5 s per answer) and `broken` (non-JSON faults on purpose). */
const SCENARIOS = (Object.keys(scenarios) as ScenarioName[]).filter((name) => name !== 'slow' && name !== 'broken');

/** Where the well-formed sign-up steps can make accounts (the others need email links or refuse). */
const MAKES_ACCOUNTS = new Set<ScenarioName>([
  'open',
  'token',
  'terms',
  'captcha',
  'everything',
  'rate-limited',
  'guest',
]);

describe('the mock under random and malformed requests', () => {
  SCENARIOS.forEach((scenario, index) => {
    it(`answers every request in spec shape and keeps its invariants (${scenario})`, async () => {
      const { config, flows } = (await startMock({ scenario })).homeserver;
      const seedContract = !config.prefixes.includes('v3');
      let sent = 0;
      let accountsMade = 0;
      await fc.assert(
        fc.asyncProperty(requests(flows[0] ?? [], seedContract), async (sequence) => {
          const mock = await startMock({ scenario });
          const before = Object.keys(mock.state.accounts).length;
          const memory = { sessions: new Map<string, string>(), sid: 'none' };
          const registeredBy = new Map<string, string>();
          for (const next of sequence) {
            mock.env.advance(next.waitMs);
            const { reply, session } = await send(mock, next, memory);
            sent += 1;
            expectSpecShaped(reply, next);
            expectInvariants(mock.state);
            // A session may answer again for the account it made; no other session may make it twice.
            if (reply.status === 200 && typeof reply.body.user_id === 'string' && session !== undefined) {
              const first = registeredBy.get(reply.body.user_id) ?? session;
              expect(first, `${reply.body.user_id} registered by two sessions`).toBe(session);
              registeredBy.set(reply.body.user_id, session);
            }
          }
          accountsMade += Object.keys(mock.state.accounts).length - before;
        }),
        { seed: SEED + index, numRuns: RUNS },
      );
      // Guards the generators: a property that never reaches account creation proves little.
      expect(sent).toBeGreaterThan(RUNS * 10);
      if (MAKES_ACCOUNTS.has(scenario)) expect(accountsMade).toBeGreaterThan(0);
      // Bounded by RUNS, not by time: on a loaded machine the first scenario (with warm-up) nears 5 s.
    }, 30_000);
  });
});
