import { expect, test } from './fixtures';
import { en } from './support/english';
import { json, startHostileServer } from './support/hostile-server';

// A Synapse named `localhost` but reached at 127.0.0.1:<port> makes `@ana:localhost`: the preview
// must say so, not `@ana:127.0.0.1:<port>`; and where the server will not say its name, no guess.
test('the ID preview shows the name the server gives itself when an address was typed', async ({ signup, page }) => {
  const server = await startHostileServer();
  try {
    server.on('/_matrix/key/v2/server', json(200, { server_name: 'localhost', verify_keys: {} }));
    await signup.open(`?hs=${encodeURIComponent(server.url)}`);
    await signup.username.fill('ana');
    await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @ana:localhost');
  } finally {
    await server.close();
  }
});

test('the ID preview shows the name the server gives itself when its host was typed as a name', async ({
  signup,
  page,
}) => {
  // `127.0.0.1:<port>` without https://: no well-known there, so the server's own word decides.
  const server = await startHostileServer();
  try {
    server.on('/_matrix/key/v2/server', json(200, { server_name: 'localhost', verify_keys: {} }));
    await signup.open(`?hs=${encodeURIComponent(server.name)}`);
    await signup.username.fill('ana');
    await signup.ready();
    await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @ana:localhost');
  } finally {
    await server.close();
  }
});

test('the ID preview does not guess when the server will not say its name', async ({ signup, page }) => {
  const server = await startHostileServer();
  try {
    await signup.open(`?hs=${encodeURIComponent(server.url)}`);
    await signup.username.fill('ana');
    await signup.ready();
    await expect(page.locator('#username-preview')).toHaveText(en('username.previewUnknown', { userIdStart: '@ana' }));
    await expect(page.locator('#username-preview')).not.toContainText('127.0.0.1');
  } finally {
    await server.close();
  }
});
