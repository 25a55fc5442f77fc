// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockHomeserver } from '../../test/mock-homeserver';
import { renderSignup } from '../../test/render-signup';

const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear(); // the form this tab kept
});

const BIND_LABEL = 'Let people who know this email address find me';
const NOT_PUBLISHED = /It is not published for people to find you by/;

/**
 * A server at `prefix` whose `/register` asks for an optional email and, given the form, makes the
 * account at once: the test is about what the form offers and sends, not the email stage.
 */
function optionalEmailServer(prefix: string) {
  const forms: Record<string, unknown>[] = [];
  mock.server.use(
    http.post(`*${prefix}/register`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      if (typeof body.username !== 'string')
        return HttpResponse.json(
          { session: 's', flows: [{ stages: ['m.login.dummy'] }, { stages: ['m.login.email.identity'] }], params: {} },
          { status: 401 },
        );
      forms.push(body);
      return HttpResponse.json({ user_id: `@${body.username}:localhost:8008` });
    }),
  );
  return { forms };
}

async function fillForm(username: string) {
  const user = userEvent.setup();
  await renderSignup();
  const email = await screen.findByLabelText(/^Email/);
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password', { exact: true }), 'a password 1');
  await user.type(screen.getByLabelText('Confirm password'), 'a password 1');
  await user.type(email, `${username}@example.org`);
  return user;
}

describe('“Let people who know this email address find me” (bind_email)', () => {
  it('is neither offered nor sent where the server ignores it, and the success screen says what the email is for', async () => {
    const server = optionalEmailServer('/_matrix/client/v3');
    const user = await fillForm('eva');
    expect(screen.queryByLabelText(BIND_LABEL)).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(server.forms).toHaveLength(1);
    expect(server.forms[0]).not.toHaveProperty('bind_email');
    expect(screen.getByText(NOT_PUBLISHED)).toBeVisible();
  });

  it('is offered and sent under the seed’s v2_alpha, which keeps it', async () => {
    await mock.reset('seed');
    const server = optionalEmailServer('/_matrix/client/api/v2_alpha');
    const user = await fillForm('finn');
    await user.click(await screen.findByLabelText(BIND_LABEL));
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Your account is ready' });
    expect(server.forms).toHaveLength(1);
    expect(server.forms[0]).toMatchObject({ bind_email: true, username: 'finn' });
    expect(screen.queryByText(NOT_PUBLISHED)).toBeNull();
  });
});
