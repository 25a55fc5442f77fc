import type { MockController } from './model/controller';
import { isScenarioName, type ScenarioName } from './model/scenarios';
import type { HomeserverState } from './model/state';

export type { HomeserverState };

const STORAGE_KEY = 'matrix-signup.mock-homeserver';
const FORMAT = 2;

interface Saved {
  format: number;
  scenario: ScenarioName;
  state: HomeserverState;
}

/**
 * The browser mock's memory across reloads. Access tokens and devices are left out on purpose:
 * nothing that works as a credential goes into storage, even the mock's.
 */
export function saveMock(controller: MockController): void {
  const state: HomeserverState = { ...controller.homeserver.state, accessTokens: {}, devices: [] };
  const saved: Saved = { format: FORMAT, scenario: controller.scenario, state };
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
    return saved as Saved;
  } catch {
    return undefined;
  }
}
