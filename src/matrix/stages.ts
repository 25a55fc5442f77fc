/** UIA stage names used for registration (spec `#authentication-types`). No schema here: cheap to import. */
export const STAGE = {
  dummy: 'm.login.dummy',
  registrationToken: 'm.login.registration_token',
  terms: 'm.login.terms',
  recaptcha: 'm.login.recaptcha',
  email: 'm.login.email.identity',
} as const;
