// (b) A project that already uses MSW: the mock's handlers behind `fetch`, with node:test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MockController } from 'matrix-mock-homeserver';
import { createHandlers } from 'matrix-mock-homeserver/msw';
import { setupServer } from 'msw/node';

const controller = await MockController.create({ scenario: 'token' });
const server = setupServer(...createHandlers(controller));
before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());

const register = (body) =>
  fetch('http://localhost:8008/_matrix/client/v3/register', { method: 'POST', body: JSON.stringify(body) });

test('an invite-only server asks for a token, then signs up', async () => {
  const first = await register({ username: 'ana', password: 'pw' });
  assert.equal(first.status, 401);
  const { session, flows } = await first.json();
  assert.deepEqual(flows, [{ stages: ['m.login.registration_token', 'm.login.dummy'] }]);
  const token = await register({ auth: { type: 'm.login.registration_token', token: 'letmein', session } });
  assert.deepEqual((await token.json()).completed, ['m.login.registration_token']);
  const done = await register({ auth: { type: 'm.login.dummy', session } });
  assert.equal((await done.json()).user_id, '@ana:localhost:8008');
});

test('a wrong token is refused with 401 and M_UNAUTHORIZED', async () => {
  const { session } = await (await register({ username: 'bea', password: 'pw' })).json();
  const wrong = await register({ auth: { type: 'm.login.registration_token', token: 'nope', session } });
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).errcode, 'M_UNAUTHORIZED');
});
