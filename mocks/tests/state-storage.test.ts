// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { fakeEnvironment } from '../model/environment';
import { loadSavedMock, saveMock } from '../state-storage';

describe('browser mock persistence', () => {
  beforeEach(() => localStorage.clear());

  it('restores accounts, sessions and scenario after a reload, and stores no access token', async () => {
    const controller = await MockController.create({ scenario: 'token', env: fakeEnvironment() });
    controller.homeserver.addAccount({ localpart: 'ana', guest: false });
    const login = controller.homeserver.issueLogin('@ana:localhost:8008');
    saveMock(controller);

    const raw = localStorage.getItem('matrix-mock-homeserver.state') ?? '';
    expect(raw).not.toContain(login.access_token as string);
    const saved = loadSavedMock();
    expect(saved?.scenario).toBe('token');
    const restored = MockController.restore(saved!.state, { scenario: saved!.scenario }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(restored.homeserver.findAccount('ana')?.userId).toBe('@ana:localhost:8008');
    expect(restored.homeserver.flows).toEqual([['m.login.registration_token', 'm.login.dummy']]);
  });

  it('loads keyed records back without a prototype: a stored __proto__ key stays an own key (review M1)', async () => {
    const controller = await MockController.create({ scenario: 'open', env: fakeEnvironment() });
    saveMock(controller);
    const raw = localStorage.getItem('matrix-mock-homeserver.state') ?? '';
    // What a stored state with such a key looks like once JSON.parse has read it.
    localStorage.setItem(
      'matrix-mock-homeserver.state',
      raw.replace('"threepids":{}', '"threepids":{"__proto__":"@x:localhost:8008"}'),
    );
    const state = loadSavedMock()?.state;
    expect(state && Object.getPrototypeOf(state.threepids)).toBeNull();
    expect(state && Object.getPrototypeOf(state.oauth.requests)).toBeNull();
    expect(state && Object.keys(state.threepids)).toEqual(['__proto__']);
  });

  it('keeps MAS registration tokens and their uses across a reload, without a record prototype', async () => {
    const controller = await MockController.create({ scenario: 'oidc-invite', env: fakeEnvironment() });
    const letmein = Object.values(controller.homeserver.state.oauth.registrationTokens)[0];
    if (letmein) letmein.timesUsed = 3;
    saveMock(controller);
    const saved = loadSavedMock();
    expect(saved && Object.getPrototypeOf(saved.state.oauth.registrationTokens)).toBeNull();
    const restored = MockController.restore(saved!.state, { scenario: saved!.scenario }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(restored.masRegistrationTokens().map(({ token, times_used }) => [token, times_used])).toEqual([
      ['letmein', 3],
      ['single-use', 0],
      ['expired', 0],
      ['revoked', 0],
    ]);
  });

  it('ignores saved state it does not understand', () => {
    localStorage.setItem('matrix-mock-homeserver.state', '{"format": 99}');
    expect(loadSavedMock()).toBeUndefined();
    localStorage.setItem('matrix-mock-homeserver.state', 'not json');
    expect(loadSavedMock()).toBeUndefined();
  });
});
