import { afterEach, describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import type { ScenarioName } from '../model/scenarios';
import { listenOnLoopback } from './harness';

/**
 * Many clients at once over real sockets. The model awaits while hashing a password, so requests
 * do interleave; what must never happen is two accounts for one name or two for one-use token.
 */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function startServer(scenario: ScenarioName) {
  const controller = await MockController.create({ scenario });
  const { base, close } = await listenOnLoopback(controller);
  closers.push(close);
  const register = async (body: unknown) => {
    const response = await fetch(`${base}/_matrix/client/v3/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { controller, base, register };
}

const tally = (replies: { status: number; body: Record<string, unknown> }[]) => {
  const counts: Record<string, number> = {};
  for (const { status, body } of replies) {
    const key = `${String(status)} ${typeof body.errcode === 'string' ? body.errcode : ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe('simultaneous registrations through the HTTP server', () => {
  it('gives one name to exactly one of 100 clients; the other 99 get M_USER_IN_USE', async () => {
    const { controller, register } = await startServer('open');
    const spellings = (index: number) => (index % 3 === 0 ? 'Racer' : index % 3 === 1 ? 'racer' : 'RACER');
    // Every client opens its own session before anyone finishes, so all pass the early username check.
    const opened = await Promise.all(
      Array.from({ length: 100 }, (_, index) => register({ username: spellings(index), password: `pw-${index}` })),
    );
    expect(tally(opened)).toEqual({ '401': 100 });
    const finished = await Promise.all(
      opened.map(({ body }) => register({ auth: { type: 'm.login.dummy', session: body.session } })),
    );
    expect(tally(finished)).toEqual({ '200': 1, '400 M_USER_IN_USE': 99 });
    expect(finished.find(({ status }) => status === 200)?.body.user_id).toBe('@racer:localhost:8008');
    expect(controller.accounts().filter((account) => account.user_id === '@racer:localhost:8008')).toHaveLength(1);
  });

  it('gives 100 clients starting at the same instant one account in all', async () => {
    const { controller, register } = await startServer('open');
    // Start and finish interleaved: each client registers as fast as it can.
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const first = await register({ username: 'sprinter', password: `pw-${index}` });
        if (first.status !== 401) return first;
        return register({ auth: { type: 'm.login.dummy', session: first.body.session } });
      }),
    );
    const counts = tally(results);
    expect(counts['200']).toBe(1);
    expect(counts['400 M_USER_IN_USE']).toBe(99);
    expect(controller.accounts().filter((account) => account.user_id === '@sprinter:localhost:8008')).toHaveLength(1);
  });

  it('admits exactly one of 20 clients using a single-use registration token at once', async () => {
    const { base, register } = await startServer('token');
    const opened = await Promise.all(
      Array.from({ length: 20 }, (_, index) => register({ username: `guest-${index}`, password: 'pw' })),
    );
    const tokenStage = await Promise.all(
      opened.map(({ body }) =>
        register({ auth: { type: 'm.login.registration_token', token: 'single-use', session: body.session } }),
      ),
    );
    // One session holds the token (pending); the rest are refused at the stage.
    expect(tally(tokenStage)).toEqual({ '401': 1, '401 M_UNAUTHORIZED': 19 });
    const finished = await Promise.all(
      opened.map(({ body }) => register({ auth: { type: 'm.login.dummy', session: body.session } })),
    );
    expect(tally(finished)).toEqual({ '200': 1, '401': 19 });
    const validity = await fetch(
      `${base}/_matrix/client/v1/register/m.login.registration_token/validity?token=single-use`,
    );
    expect(await validity.json()).toEqual({ valid: false });
  });
});
