/**
 * What one tab keeps between sending someone to the OAuth server and their return: only in
 * sessionStorage (this tab, gone when it closes), only until the return, and never a token.
 */
export interface RoundTrip {
  state: string;
  verifier: string;
  clientId: string;
  redirectUri: string;
  /** The issuer the person was sent to: an answer naming another (RFC 9207 `iss`) is refused. */
  issuer: string;
  /** The issuer's metadata promised `iss` in every answer (`authorization_response_iss_parameter_supported`). */
  issRequired?: boolean;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /** The homeserver: where to ask `whoami`, and how to name it on the success screen. */
  baseUrl: string;
  prefix: string;
  serverName: string;
  /**
   * The page's language when the person left (also sent as `ui_locales`). The redirect URI carries
   * no query (`redirectUriOf`), so without it a `?lang=` choice would be lost on the way back.
   */
  language?: string;
}

const KEY = 'matrix-signup.oauth-round-trip';

export function saveRoundTrip(roundTrip: RoundTrip): void {
  sessionStorage.setItem(KEY, JSON.stringify(roundTrip));
}

/**
 * The language of the round trip this tab started, without taking it: the script before paint
 * (before-paint.ts) must hide the prerendered words in the same language the page then renders in.
 */
export function roundTripLanguage(): string | undefined {
  try {
    const saved = sessionStorage.getItem(KEY);
    const language: unknown = saved === null ? undefined : (JSON.parse(saved) as { language?: unknown }).language;
    return typeof language === 'string' ? language : undefined;
  } catch {
    return undefined;
  }
}

/** The round trip this tab started, removed as it is read: an answer can be used once. */
export function takeRoundTrip(): RoundTrip | undefined {
  const saved = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (saved === null) return undefined;
  try {
    return JSON.parse(saved) as RoundTrip;
  } catch {
    return undefined;
  }
}

/** The authorization answer in the address (RFC 6749 §4.1.2): query or fragment. */
export interface AuthorizationAnswer {
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
  /** RFC 9207: the issuer that answered, when it says. */
  iss?: string;
}

const ANSWER_KEYS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

/** Whether the parameters are an authorization answer: `state`, and a `code` or an `error`. */
const namesAnswer = (params: URLSearchParams) => params.has('state') && (params.has('code') || params.has('error'));

/** The authorization answer in one part of an address (its query or its fragment), if it holds one. */
export function answerIn(params: URLSearchParams): AuthorizationAnswer | undefined {
  if (!namesAnswer(params)) return undefined;
  const value = (key: string) => params.get(key) ?? undefined;
  return {
    state: value('state'),
    code: value('code'),
    error: value('error'),
    errorDescription: value('error_description'),
    iss: value('iss'),
  };
}

/**
 * Whether a query or fragment could name `state`, as text or percent-encoded (which URLSearchParams
 * decodes): if neither does, there is no answer, and nothing to parse.
 */
const mayNameState = (part: string) => part.includes('state') || part.includes('%');

/**
 * Whether the address carries an authorization answer (before-paint.ts asks this before the first
 * paint). Most loads have neither a query nor a fragment naming `state`, and are told so without
 * parsing either.
 */
export function hasAuthorizationAnswer(address: { search: string; hash: string }): boolean {
  if (!mayNameState(address.search) && !mayNameState(address.hash)) return false;
  return namesAnswer(new URLSearchParams(address.hash.slice(1))) || namesAnswer(new URLSearchParams(address.search));
}

/**
 * Whether this load is someone coming back from the OAuth server, read once at start. The answer is
 * taken out of the address at once (`history.replaceState`), so the code is not left in the URL,
 * the history or a bookmark.
 */
export function readAuthorizationAnswer(location: Location, history: History): AuthorizationAnswer | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const answer = answerIn(fragment) ?? answerIn(query);
  if (!answer) return undefined;
  for (const key of ANSWER_KEYS) query.delete(key);
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
  return answer;
}
