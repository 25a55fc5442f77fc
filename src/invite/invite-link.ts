import { LOCALPART_PATTERN, normaliseLocalpart } from '../matrix/user-id';

/** What an invite link carries (the sign-up page reads `?hs&token&username&email`). */
export interface Invite {
  server: string;
  token: string;
  username: string;
  email: string;
}

/**
 * Synapse's registration tokens: only `A-Za-z0-9._~-`, 1 to 64 characters; its admin API refuses
 * any other (`synapse/rest/admin/registration_tokens.py`, `NewRegistrationTokenRestServlet`:
 * `allowed_chars`, `0 < len(token) <= 64`). Synapse is the server this page's guide makes tokens
 * with (docs/deploying.md §5). Conduit-family servers also accept a token written into their config
 * file, which may hold any character; such a token is refused here too (decision 022).
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;

/** The username as the sign-up page will take it from the link: without a leading `@`, lower-cased. */
export const linkUsername = (typed: string) => normaliseLocalpart(typed).localpart;

export type InviteProblem = 'token' | 'username';

/**
 * What in a filled-in invite cannot work, by field: a token no Synapse makes, a username outside
 * the Matrix localpart grammar once lower-cased (`src/matrix/user-id.ts`; a space, a `:` of a
 * pasted full ID). Empty fields are not problems: the link waits for them (`inviteLink`).
 */
export function inviteProblems(invite: Invite): InviteProblem[] {
  const problems: InviteProblem[] = [];
  const token = invite.token.trim();
  if (token !== '' && !TOKEN_PATTERN.test(token)) problems.push('token');
  const username = linkUsername(invite.username);
  if (username !== '' && !LOCALPART_PATTERN.test(username)) problems.push('username');
  return problems;
}

/**
 * The sign-up page's address with the invite in its query; undefined until server and token are
 * there, and while anything in it cannot work. Without `withServer` (`allow_custom_servers: false`,
 * where the sign-up page uses only its own server) the link names no server.
 */
export function inviteLink(signupPage: string, invite: Invite, withServer = true): string | undefined {
  const server = invite.server.trim();
  const token = invite.token.trim();
  if ((withServer && server === '') || token === '' || inviteProblems(invite).length > 0) return undefined;
  const url = new URL(signupPage);
  url.search = '';
  url.hash = '';
  if (withServer) url.searchParams.set('hs', server);
  url.searchParams.set('token', token);
  const username = linkUsername(invite.username);
  if (username !== '') url.searchParams.set('username', username);
  if (invite.email.trim() !== '') url.searchParams.set('email', invite.email.trim());
  return url.href;
}
