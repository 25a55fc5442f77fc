/* eslint-disable @typescript-eslint/no-unused-vars -- STUB until h-adminclient lands */
// STUB until h-adminclient lands: the signature the invite desk codes against; the lead replaces this file.
import { AdminProblem, type TokenDesk } from './desk-api';
import type { AdminApi } from './find-admin-api';

export function signInToSynapse(
  api: AdminApi,
  credentials: { username: string; password: string } | { accessToken: string },
): Promise<TokenDesk> {
  return Promise.reject(new AdminProblem('server'));
}
