/**
 * Part of the messages module (src/messages/): the mock panel that designers use in mock mode and
 * the demo build. Never in a production page.
 */
export const mockPanelMessages = {
  toggle: 'Mock server',
  shortcut: 'Alt+Shift+M',
  heading: 'Mock homeserver',
  landmark: 'Mock server controls',
  intro: 'Everything here is pretend: no real server, no real email.',
  scenario: 'Scenario',
  delay: 'Network delay (ms)',
  failHeading: 'Make the next answer fail',
  endpoint: 'Request',
  error: 'Error',
  fail: 'Fail the next answer',
  armed: (endpoint: string, errcode: string) => `The next ${endpoint} answer will be ${errcode}.`,
  inbox: (count: number) => `Inbox (${count})`,
  inboxEmpty: 'No email yet. Sign up with an email address to get one.',
  code: 'Code',
  openLink: 'Open the link',
  linkOpened: 'Link opened: the address is confirmed.',
  accounts: (count: number) => `Accounts (${count})`,
  tokens: (count: number) => `Registration tokens (${count})`,
  tokenUse: (completed: number, allowed: number | null, pending: number) =>
    `used ${completed} of ${allowed === null ? 'unlimited' : allowed}${pending > 0 ? `, ${pending} in a sign-up now` : ''}`,
  tokenRefused: 'no longer accepted',
  adminHint: 'The admin API makes more: sign in as admin / admin-password.',
  reset: 'Reset the mock',
  close: 'Close',
  endpoints: {
    register: 'sign-up',
    available: 'username check',
    requestToken: 'email sending',
    validity: 'token check',
    versions: 'server versions',
    wellKnown: 'server discovery',
  } as Record<string, string>,
} as const;
