/** Every errcode of register-semantics.md §3 a sign-up client can meet, with its usual status. */
export const KNOWN_ERRORS: { errcode: string; status: number; extra?: Record<string, unknown> }[] = [
  { errcode: 'M_USER_IN_USE', status: 400 },
  { errcode: 'M_INVALID_USERNAME', status: 400 },
  { errcode: 'M_EXCLUSIVE', status: 400 },
  { errcode: 'M_FORBIDDEN', status: 403 },
  { errcode: 'M_LIMIT_EXCEEDED', status: 429, extra: { retry_after_ms: 10_000 } },
  { errcode: 'M_WEAK_PASSWORD', status: 400 },
  { errcode: 'M_PASSWORD_TOO_SHORT', status: 400 },
  { errcode: 'M_PASSWORD_NO_DIGIT', status: 400 },
  { errcode: 'M_PASSWORD_NO_SYMBOL', status: 400 },
  { errcode: 'M_PASSWORD_NO_UPPERCASE', status: 400 },
  { errcode: 'M_PASSWORD_NO_LOWERCASE', status: 400 },
  { errcode: 'M_MISSING_PARAM', status: 400 },
  { errcode: 'M_INVALID_PARAM', status: 400 },
  { errcode: 'M_BAD_JSON', status: 400 },
  { errcode: 'M_NOT_JSON', status: 400 },
  { errcode: 'M_UNRECOGNIZED', status: 404 },
  { errcode: 'M_UNKNOWN', status: 400 },
  { errcode: 'M_UNKNOWN', status: 403 },
  { errcode: 'M_UNKNOWN', status: 500 },
  { errcode: 'M_THREEPID_IN_USE', status: 400 },
  { errcode: 'M_THREEPID_DENIED', status: 403 },
  { errcode: 'M_SERVER_NOT_TRUSTED', status: 400 },
  {
    errcode: 'M_RESOURCE_LIMIT_EXCEEDED',
    status: 403,
    extra: { admin_contact: 'mailto:admin@example.org', limit_type: 'monthly_active_user' },
  },
  { errcode: 'M_GUEST_ACCESS_FORBIDDEN', status: 403 },
  { errcode: 'M_UNKNOWN_TOKEN', status: 401, extra: { soft_logout: false } },
  { errcode: 'M_MISSING_TOKEN', status: 401 },
  { errcode: 'M_APPSERVICE_LOGIN_UNSUPPORTED', status: 400 },
  { errcode: 'M_TOO_LARGE', status: 413 },
  { errcode: 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL', status: 403 },
];

/** The endpoint names `/_mock/next-error` and the panel accept. */
export const FORCEABLE_ENDPOINTS = [
  'register',
  'available',
  'requestToken',
  'validity',
  'versions',
  'wellKnown',
] as const;

/**
 * The OAuth 2.0 server's endpoints `/_mock/next-error` accepts too; they answer forced errors in
 * OAuth's shape (RFC 6749 §5.2): `{error: <errcode>, error_description}`. The panel lists them
 * where the scenario plays an OAuth server.
 */
export const OAUTH_FORCEABLE_ENDPOINTS = ['oauthRegister', 'oauthToken', 'oauthRevoke'] as const;

/**
 * The errors each OAuth endpoint can answer, with their status: RFC 7591 §3.2.2 (client
 * registration), RFC 6749 §5.2 (token), RFC 7009 §2.2.1 (revocation); `server_error` as MAS answers
 * a failure of its own. For the panel's list, as `KNOWN_ERRORS` is for the Matrix endpoints.
 */
export const OAUTH_KNOWN_ERRORS: Record<
  (typeof OAUTH_FORCEABLE_ENDPOINTS)[number],
  { errcode: string; status: number }[]
> = {
  oauthRegister: [
    { errcode: 'invalid_redirect_uri', status: 400 },
    { errcode: 'invalid_client_metadata', status: 400 },
    { errcode: 'server_error', status: 500 },
  ],
  oauthToken: [
    { errcode: 'invalid_grant', status: 400 },
    { errcode: 'invalid_request', status: 400 },
    { errcode: 'invalid_client', status: 401 },
    { errcode: 'unauthorized_client', status: 400 },
    { errcode: 'server_error', status: 500 },
  ],
  oauthRevoke: [
    { errcode: 'unsupported_token_type', status: 400 },
    { errcode: 'invalid_client', status: 401 },
    { errcode: 'server_error', status: 500 },
  ],
};
