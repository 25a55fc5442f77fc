/** What an invite link carries (the sign-up page reads `?hs&token&username&email`). */
export interface Invite {
  server: string;
  token: string;
  username: string;
  email: string;
}

/** The sign-up page's address with the invite in its query; undefined until server and token are there. */
export function inviteLink(signupPage: string, invite: Invite): string | undefined {
  const server = invite.server.trim();
  const token = invite.token.trim();
  if (server === '' || token === '') return undefined;
  const url = new URL(signupPage);
  url.search = '';
  url.hash = '';
  url.searchParams.set('hs', server);
  url.searchParams.set('token', token);
  if (invite.username.trim() !== '') url.searchParams.set('username', invite.username.trim());
  if (invite.email.trim() !== '') url.searchParams.set('email', invite.email.trim());
  return url.href;
}
