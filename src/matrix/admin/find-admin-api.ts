/* eslint-disable @typescript-eslint/no-unused-vars -- STUB until h-adminclient lands */
// STUB until h-adminclient lands: the signature the invite desk codes against; the lead replaces this file.
import type { DiscoveredServer } from '../discovery';
import type { OAuthServer } from '../oauth/metadata';
import { AdminProblem } from './desk-api';

/** Which admin API a homeserver's tokens are made with, and where it is. */
export type AdminApi =
  | { world: 'synapse'; homeserver: string }
  | { world: 'mas'; homeserver: string; issuer: string; adminBase: string; oauth: OAuthServer };

export function findAdminApi(server: DiscoveredServer): Promise<AdminApi> {
  return Promise.reject(new AdminProblem('server'));
}
