/**
 * Every string a person reads, in one place, ready for translation: plain strings, or functions for
 * the few that take values.
 */
export const messages = {
  appTitle: 'Create a Matrix account',
  serverLine: (server: string) => `Your account will be hosted on ${server}.`,
  username: {
    label: 'Username',
    required: 'Choose a username.',
    inUse: 'Someone already has this username. Try another one.',
  },
  password: {
    label: 'Password',
    required: 'Choose a password.',
  },
  bindEmail: {
    label: 'Let people find me by my email address',
  },
  submit: 'Create account',
  submitting: 'Creating your account…',
  errors: {
    generic: 'Something went wrong while creating your account. Try again.',
    network: 'Could not reach the homeserver. Check your connection and try again.',
    timeout: 'The homeserver took too long to answer. Try again.',
    server: 'The homeserver had a problem. Try again in a moment.',
    notJson: 'The homeserver sent an answer this app cannot read.',
    unsupportedFlow: 'This homeserver asks for sign-up steps this app does not support yet.',
    details: 'Details',
  },
  config: {
    failed: 'This sign-up page is not set up correctly. Please tell whoever runs it.',
  },
  success: {
    heading: 'Your account is ready',
    yourId: 'Your Matrix ID',
  },
} as const;
