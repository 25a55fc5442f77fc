// (a) A client developer's script: matrix-js-sdk signs up on the mock's CLI (`npx matrix-mock-homeserver`).
import { createClient } from 'matrix-js-sdk';

const baseUrl = process.argv[2] ?? 'http://localhost:8008';
const client = createClient({ baseUrl });
const account = { username: `ana-${Date.now()}`, password: 'correct horse battery staple' };
// The first request gets the session and its flows (401); the dummy stage completes it.
const session = await client.registerRequest(account).catch((error) => error.data.session);
const registered = await client.registerRequest({ ...account, auth: { type: 'm.login.dummy', session } });
const signedIn = await createClient({ baseUrl }).loginRequest({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user: account.username },
  password: account.password,
});

if (registered.user_id !== signedIn.user_id || !registered.user_id.startsWith(`@${account.username}:`))
  throw new Error(`Expected the same new user twice, got ${registered.user_id} and ${signedIn.user_id}`);
console.log(`registered and signed in ${registered.user_id}`);
