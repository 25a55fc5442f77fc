/**
 * Part of the messages module (src/messages/): every string a person reads lives in this folder,
 * one file per area so that text loads with the code that shows it. Plain strings, or functions
 * for the few that take values; ready for translation.
 *
 * What went wrong, per errcode (register-semantics.md §3), transport failure and discovery state.
 * Each says what happened and what to do; the server's own words are shown apart, as details.
 */
export const errorMessages = {
  errors: {
    M_USER_IN_USE: 'Someone already has this username. Try another one.',
    M_INVALID_USERNAME: 'This server does not accept this username. Use lower-case letters, digits and . _ = - / +',
    M_EXCLUSIVE: 'This username is reserved on this server (for a bridge or a bot). Try another one.',
    M_WEAK_PASSWORD: 'This password is too easy to guess. Make it longer, or add digits and symbols.',
    M_PASSWORD_TOO_SHORT: 'This password is too short for this server.',
    M_PASSWORD_NO_DIGIT: 'This server wants a digit in the password.',
    M_PASSWORD_NO_SYMBOL: 'This server wants a symbol in the password.',
    M_PASSWORD_NO_UPPERCASE: 'This server wants an upper-case letter in the password.',
    M_PASSWORD_NO_LOWERCASE: 'This server wants a lower-case letter in the password.',
    M_PASSWORD_IN_DICTIONARY: 'This password is a common word or phrase. Choose another one.',
    M_FORBIDDEN: 'This server does not allow you to create an account right now.',
    M_LIMIT_EXCEEDED: 'Too many attempts in a short time.',
    M_MISSING_PARAM:
      'The server expected something this page did not send. Try again; if it happens again, tell the server’s admins.',
    M_INVALID_PARAM: 'The server did not accept one of the values sent. Check the form and try again.',
    M_BAD_JSON: 'The server could not read what this page sent. Tell the server’s admins.',
    M_NOT_JSON: 'The server could not read what this page sent. Tell the server’s admins.',
    M_UNRECOGNIZED: 'This server does not support creating accounts from this page.',
    M_THREEPID_IN_USE: 'This email address already belongs to an account on this server.',
    M_THREEPID_DENIED: 'This server does not accept email addresses from this domain.',
    M_THREEPID_AUTH_FAILED: 'This email address could not be confirmed. Ask for a new email.',
    M_THREEPID_NOT_FOUND: 'This email address could not be found.',
    M_SERVER_NOT_TRUSTED: 'The server does not trust the service that checks email addresses. Tell its admins.',
    M_RESOURCE_LIMIT_EXCEEDED: 'This server has reached a limit and cannot take new accounts now.',
    M_GUEST_ACCESS_FORBIDDEN: 'Guests may not do this on this server.',
    M_UNKNOWN_TOKEN: 'The server did not accept this page’s credentials. Reload the page and try again.',
    M_MISSING_TOKEN: 'The server asked for credentials this page does not have. Reload the page and try again.',
    M_UNAUTHORIZED: 'The server did not accept this step. Try it again.',
    M_CAPTCHA_NEEDED: 'Solve the check before you continue.',
    M_CAPTCHA_INVALID: 'The check was not accepted. Try it again.',
    M_APPSERVICE_LOGIN_UNSUPPORTED: 'This server does not allow this kind of account to sign in.',
    M_TOO_LARGE: 'What this page sent was too large for the server.',
    ORG_MATRIX_MSC3866_USER_AWAITING_APPROVAL:
      'Your account was created and now waits for the server’s admins to approve it.',
    'M_UNKNOWN@400': 'The server did not accept the request. The details below say why.',
    'M_UNKNOWN@403': 'The server refused this. The details below say why.',
    'M_UNKNOWN@500': 'The server had a problem. Try again in a moment.',
    'transport:offline': 'You are offline. Connect to the internet and try again.',
    'transport:network':
      'Could not reach the server. Check your connection; if it still fails, the server may be down.',
    'transport:cors':
      'The server answered, but does not allow sign-up from this page (it sends no CORS headers). Tell its admins, or use another app.',
    'transport:mixed-content':
      'This secure page cannot talk to a server without https. Use the server’s https address.',
    'transport:timeout': 'The server took too long to answer. Try again.',
    'transport:server': 'The server had a problem. Try again in a moment.',
    'transport:not-json':
      'The server sent an answer this page cannot read. It may not be a Matrix server, or it has a problem.',
    'transport:unexpected-status': 'The server gave an answer this page did not expect. Try again.',
    'transport:too-large':
      'The server sent an answer far larger than a sign-up needs, so this page stopped reading it. Try again later, or tell the server’s admins.',
    'transport:redirect-loop':
      'The server sent this page round in a circle of redirects, so it never answered. Tell the server’s admins.',
    'flow:email-required': 'This server needs an email address to create an account.',
    'flow:email-unsupported': 'This server cannot use an email address at sign-up. Remove it to continue.',
    'flow:no-flow': 'This server asks for sign-up steps this page cannot do. Try another Matrix app.',
    'discovery:unreachable': 'Could not reach the server. Check the name and your connection.',
    unknown: 'Something went wrong. Try again.',
  } as Record<string, string>,
  discovery: {
    invalidInput: 'Type a server name like example.org, or an address starting with https://.',
    wellKnownStatus: (server: string) =>
      `${server} has a discovery file, but it is broken. Type the server's full address (https://…) instead, or tell its admins.`,
    wellKnownInvalid: (server: string) =>
      `${server}'s discovery file cannot be read. Type the server's full address (https://…) instead, or tell its admins.`,
    invalidBaseUrl: (server: string) => `${server} points to an address that is not a web address. Tell its admins.`,
    notMatrix: (server: string) => `There is no Matrix homeserver at ${server}. Check the name.`,
    insecure: (server: string) =>
      `${server} does not use a secure connection (https). Your password would travel unprotected, so this page will not talk to it.`,
    wellKnownRedirectLoop: (server: string) =>
      `${server}'s discovery file redirects in a circle, so it cannot be read. Type the server's full address (https://…) instead, or tell its admins.`,
    redirectLoop: (server: string) =>
      `${server} sends every request round in a circle of redirects, so it never answers. Tell its admins.`,
    tooLarge: (server: string) =>
      `${server} sent an answer far larger than any Matrix server would, so this page stopped reading it. Check the address.`,
    unreachable: (server: string) => `Could not reach ${server}. Check the name and your connection.`,
  },
  resourceLimit: {
    monthly_active_user: 'This server has reached its monthly limit of active users.',
    hs_disabled: 'This server has been switched off by its admins.',
  } as Record<string, string>,
  stageErrors: {
    token: 'This registration token was not accepted: it may be mistyped, expired or used up.',
    captcha: 'The check was not accepted. Try it again.',
    email: 'Your email address is not confirmed yet.',
    terms: 'Accept every policy to continue.',
  },
} as const;
