import { readFileSync } from 'node:fs';
import { KNOWN_ERRORS } from 'matrix-mock-homeserver';
import { formatMessage } from '../../src/i18n/format';

/** The English catalogs, for captions that say what a state is in the page's own words. */
function english(namespace: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`../../src/locales/en/${namespace}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
}

/** The file name of a forced sign-up error's screen. */
export const errorScreen = (error: { errcode: string; status: number }) =>
  `error-${error.errcode.replace(/\./g, '_')}-${String(error.status)}`;

const FIXED: Record<string, string> = {
  'branded-dark-de': 'A community’s own deployment: its config.json, logo and colours, in German, dark theme',
  'form-error-summary': 'The form sent with a too-short password: the summary of problems, linked to each field',
  'form-filled': 'The form filled in, with the Matrix ID preview and the password strength',
  'form-username-taken': 'A username someone already has, said while typing',
  'mock-panel': 'The designers’ panel, open: scenario, server family, delay, forced errors, inbox, accounts',
  'rtl-arabic': 'Arabic, right to left, with the form partly filled',
  'rtl-success': 'Arabic: the account is ready (the Matrix ID stays left to right)',
  'rtl-oauth-mock-page': 'Arabic: the mock OAuth server’s sign-up page, right to left',
  'rtl-mock-panel': 'Arabic: the designers’ panel, with the accounts’ IDs isolated left to right',
  'dark-scenario-everything': 'Dark theme: captcha, terms, email and a password policy',
  'dark-success': 'Dark theme: the account is ready',
  'dark-oauth-mock-page': 'Dark theme: the mock OAuth server’s sign-up page',
  'step-terms': 'Step: accept the server’s policies',
  'step-captcha': 'Step: the (mock) captcha',
  'step-email': 'Step: check your email, with a link to open',
  success: 'The account is ready: the Matrix ID, a copy button and the apps to use it in',
  'scenario-slow': 'Every answer takes 1.5 s: looking for the server',
  'rate-limited-blocked': 'Rate-limited: a third account too soon, and the wait counted down',
  'error-discovery': 'A server whose discovery file is broken, named as such',
  'invite-desk-sign-in': 'The admins’ invite desk (invite.html): signing in to Synapse’s admin API',
  'invite-desk': 'The invite desk: a registration token with its invite link, QR code and message',
  'oauth-mock-page': 'The mock OAuth server’s own sign-up page (as MAS’s), filled in',
  'oauth-mock-page-de': 'The mock OAuth server’s page in German: the language the person left in (ui_locales)',
  'oauth-invite-token': 'An invite on an OAuth server: the registration token to copy for the server’s own token step',
  'oauth-error-redirect-uri': 'OAuth error: the server refuses this page’s redirect address (invalid_redirect_uri)',
  'oauth-error-grant': 'OAuth error: the last step of the sign-up was refused (invalid_grant)',
  'oauth-cancelled': 'OAuth: the person cancelled at the server (access_denied)',
};

/** A sentence for each screen: what the state is, never only its file name. */
export function captionOf(state: string): string {
  const fixed = FIXED[state];
  if (fixed !== undefined) return fixed;
  if (state.startsWith('scenario-')) {
    const name = state.slice('scenario-'.length);
    const description = english('panel')[`panel.scenario.${name}`];
    if (description !== undefined) return `Scenario “${name}”: ${description}`;
  }
  const error = KNOWN_ERRORS.find((known) => errorScreen(known) === state);
  if (error) {
    const source = english('later')[`error.${error.errcode}`] ?? english('later')['error.unknown'] ?? '';
    const sample = { seconds: 30, minutes: 2, server: 'localhost:8008', host: 'localhost:8008', count: 1 };
    let message = source;
    try {
      message = formatMessage('en', source, sample);
    } catch {
      // A placeholder the sample lacks: the message as written.
    }
    return `The server refuses the sign-up with ${error.errcode} (${String(error.status)}): “${message}”`;
  }
  return state.replace(/-/g, ' ');
}
