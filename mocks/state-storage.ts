import type { ForcedAnswer, MockController } from './model/controller.js';
import { isFamilyName, type FamilyName } from './model/families.js';
import { isScenarioName, type ScenarioName } from './model/scenarios.js';
import { restoreState, type HomeserverState } from './model/state.js';

export type { HomeserverState };

const STORAGE_KEY = 'matrix-mock-homeserver.state';
/** 4: email validations keep every token sent (3: with the OAuth server's state and the queued errors). */
const FORMAT = 4;

interface Saved {
  format: number;
  scenario: ScenarioName;
  /** The homeserver family chosen (`?homeserver=`, the panel); absent: the scenario's own. */
  homeserver?: FamilyName;
  state: HomeserverState;
  /**
   * Errors queued by `/_mock/next-error`: a test may queue one for the token endpoint on the app's
   * page, which the app then calls after a round trip through the OAuth shell page.
   */
  forced: [string, ForcedAnswer][];
}

/**
 * The browser mock's memory across reloads and navigations, MAS's registration tokens with the rest
 * of the OAuth server's state (state saved before them loads with none). Access tokens, OAuth
 * sessions (their refresh tokens, an admin's among them) and devices are left out on purpose: nothing that works as a credential goes
 * into storage, even the mock's. An unused authorization code must stay, since the person carries
 * it from the shell page (`enhanceOAuthPage`) back to the app, whose own mock exchanges it; alone
 * it is no credential (the exchange needs the PKCE verifier, which only the app holds), and it is
 * dropped from storage once used. The one exception is the mock OAuth server's own signing key:
 * id_tokens it signed before a reload must still verify after it (decision 011); it signs nothing
 * but the mock's id_tokens, for clients on this page's origin. What does stay is the mock's own
 * secrets, as a server keeps them (security review I7): UIA sessions (a completed one can still
 * mint a token within its lifetime, as Synapse's can), email validation tokens, and salted SHA-256
 * password hashes of the mock's demo accounts. None opens anything but this browser's own mock.
 */
export function saveMock(controller: MockController): void {
  const { oauth } = controller.homeserver.state;
  const unusedCodes = Object.fromEntries(Object.entries(oauth.codes).filter(([, grant]) => grant.usedAt === undefined));
  const state: HomeserverState = {
    ...controller.homeserver.state,
    accessTokens: {},
    devices: [],
    oauth: { ...oauth, codes: unusedCodes, sessions: {} },
  };
  const chosen = controller.chosenHomeserver;
  const saved: Saved = {
    format: FORMAT,
    scenario: controller.scenario,
    ...(chosen ? { homeserver: chosen } : {}),
    state,
    forced: [...controller.forced],
  };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or blocked (private mode): the mock keeps working in memory.
  }
}

export function loadSavedMock(): Saved | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw === null) return undefined;
    const saved = JSON.parse(raw) as Partial<Saved>;
    if (saved.format !== FORMAT || saved.state === undefined || !isScenarioName(String(saved.scenario)))
      return undefined;
    const homeserver =
      typeof saved.homeserver === 'string' && isFamilyName(saved.homeserver) ? saved.homeserver : undefined;
    return {
      ...saved,
      homeserver,
      // Null-prototype records again: a saved key `__proto__` must stay a key (security review M1).
      state: restoreState(saved.state),
      forced: Array.isArray(saved.forced) ? saved.forced : [],
    } as Saved;
  } catch {
    return undefined;
  }
}
