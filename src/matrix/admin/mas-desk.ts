/* eslint-disable @typescript-eslint/no-unused-vars -- STUB until h-adminclient lands */
// STUB until h-adminclient lands: the signatures the invite desk codes against; the lead replaces this file.
import { AdminProblem, type TokenDesk } from './desk-api';
import type { AdminApi } from './find-admin-api';

/** Where to send the admin to sign in at MAS (authorization code flow with PKCE, `urn:mas:admin`). */
export function startMasAdminSignIn(api: AdminApi, page: URL, clientName: string): Promise<string> {
  return Promise.reject(new AdminProblem('server'));
}

/** The desk after MAS sent the admin back to `page`; undefined when this load is no such return. */
export function completeMasAdminSignIn(api: AdminApi, page: URL): Promise<TokenDesk | undefined> {
  return Promise.reject(new AdminProblem('server'));
}
