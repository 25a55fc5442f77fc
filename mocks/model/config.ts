export interface HomeserverConfig {
  serverName: string;
  /** UIA flows offered by `POST /register`. */
  flows: string[][];
  /** Accounts that exist from the start, in every scenario. */
  existingUsers: string[];
}

export const defaultConfig: HomeserverConfig = {
  serverName: 'localhost:8008',
  flows: [['m.login.dummy']],
  existingUsers: ['alice', 'bob'],
};
