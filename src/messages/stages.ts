/**
 * Part of the messages module (src/messages/): every string a person reads lives in this folder,
 * one file per area so that text loads with the code that shows it. Plain strings, or functions
 * for the few that take values; ready for translation.
 *
 * The steps after the form, and the success screen.
 */
export const stageMessages = {
  terms: {
    heading: 'Accept the server’s policies',
    intro: 'Read and accept each of these to create your account:',
    accept: (name: string) => `I accept the ${name}`,
    opensNewTab: '(opens in a new tab)',
    noSafeLink:
      'The server gave no web address for this one, so it cannot be opened here. Ask the server’s admins for it before you accept.',
    continue: 'Accept and continue',
    notAll: 'Accept every policy to continue.',
  },
  captcha: {
    heading: 'Show you are not a robot',
    intro: 'This server wants to make sure a person is signing up.',
    mockLabel: 'I am not a robot',
    mockNote: 'Practice check (mock server)',
    solved: 'Done. Continuing…',
    loadFailed: 'The check could not load (it may be blocked). Use the server’s own page instead.',
    useFallback: 'Open the server’s page for this step',
  },
  emailStage: {
    heading: 'Check your email',
    sending: (email: string) => `Sending an email to ${email}…`,
    sent: (email: string) =>
      `We sent a link to ${email}. Open it to confirm your address; this page goes on by itself.`,
    waiting: 'Waiting for you to open the link…',
    resend: 'Send the email again',
    resendIn: (seconds: number) => `Send again in ${seconds} s`,
    resent: 'Sent again.',
    change: 'Use a different email address',
    codeLabel: 'Or type the code from the email',
    codeSubmit: 'Confirm code',
    codeWrong: 'This code is not right. Check the email and try again.',
  },
  fallback: {
    heading: 'One more step',
    intro: (stage: string) =>
      `This server needs a step this page cannot show (${stage}). It opens on the server’s own page.`,
    open: 'Open the server’s page',
    done: 'I have finished that step',
    blocked: 'The window did not open. Allow pop-ups for this page, then try again.',
  },
  success: {
    heading: 'Your account is ready',
    yourId: 'Your Matrix ID',
    copy: 'Copy',
    copied: 'Copied',
    server: (server: string) => `Hosted on ${server}`,
    next: 'What next',
    signIn: 'Sign in to any Matrix app with your Matrix ID and password.',
    openIn: (name: string) => `Open ${name}`,
  },
} as const;
