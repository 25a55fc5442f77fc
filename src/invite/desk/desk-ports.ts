import { completeMasAdminSignIn, startMasAdminSignIn } from '../../matrix/admin/mas-desk';
import { findAdminApi } from '../../matrix/admin/find-admin-api';
import { signInToSynapse } from '../../matrix/admin/synapse-desk';
import { discoverHomeserver } from '../../matrix/discovery';

/**
 * What the desk asks of the protocol client and the browser, in one object: the page passes the
 * real functions, tests a fake (src/invite/desk/fake-token-desk.ts) without mocking modules.
 */
export interface DeskPorts {
  discover: typeof discoverHomeserver;
  findAdminApi: typeof findAdminApi;
  signInToSynapse: typeof signInToSynapse;
  startMasAdminSignIn: typeof startMasAdminSignIn;
  completeMasAdminSignIn: typeof completeMasAdminSignIn;
  /** Leaves this page for MAS's sign-in (the desk's state, and its token, stay behind). */
  leaveFor: (url: string) => void;
}

export const browserPorts: DeskPorts = {
  discover: discoverHomeserver,
  findAdminApi,
  signInToSynapse,
  startMasAdminSignIn,
  completeMasAdminSignIn,
  leaveFor: (url) => window.location.assign(url),
};

export type { AdminApi } from '../../matrix/admin/find-admin-api';
