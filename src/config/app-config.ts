import { LANGUAGES, matchLanguage, type Language } from '../i18n/languages.ts';

/**
 * `public/config.json`, read at run time so that one build serves any deployment (like Element's).
 *
 * ```json
 * { "default_server": "matrix.org", "allow_custom_servers": true, "suggested_servers": ["matrix.org"],
 *   "clients": [{ "name": "Element", "url": "https://app.element.io" }], "inhibit_login": true }
 * ```
 *
 * Checked by hand rather than with zod: this runs before the form can show, and zod would cost
 * 6 KB (gzip) there (docs/decisions/003). Every server answer is still checked with zod. The
 * community's own keys (`brand`, `welcome_text`, `help_url`, `footer_links`, `default_theme`) are
 * checked by `branding.ts`, which loads only when one of them is set.
 */
export interface AppConfig {
  /** A server name (`matrix.org`) or a client-server API URL (`https://matrix-client.matrix.org`). */
  defaultServer: string;
  /** Whether people may pick another server than the default. */
  allowCustomServers: boolean;
  suggestedServers: string[];
  /** Apps to suggest after sign-up; only http(s) links are kept. */
  clients: { name: string; url: string }[];
  /** Ask the server not to log in (no device, no token). This page never needs a login. */
  inhibitLogin: boolean;
  /** The language when neither the link, the person nor the browser names one the page speaks. */
  defaultLanguage?: Language;
  /** The raw community keys, for `branding.ts` (undefined when none is set). */
  branding?: Record<string, unknown>;
  /** What the page ignored in the file (an unknown key), for the console and the build's log. */
  warnings?: string[];
  /**
   * The community's corrections to the page's messages, raw (`{"de": {"token.label": "…"}}`): checked
   * by `i18n/overrides.ts`, which loads only when they are set and refuses each bad one with a warning.
   */
  messages?: unknown;
}

const BRANDING_KEYS = ['brand', 'welcome_text', 'help_url', 'footer_links', 'default_theme'];

/** Every top-level key this release reads; a key added to the contract (docs/deploying.md §3) goes here. */
export const CONFIG_KEYS = [
  'default_server',
  'allow_custom_servers',
  'suggested_servers',
  'clients',
  'inhibit_login',
  'default_language',
  'messages',
  ...BRANDING_KEYS,
];

/** Levenshtein distance, for "did you mean" (a config file is small: no need for anything cleverer). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * A top-level key the page does not know is ignored, not refused: a `config.json` written for a
 * later release (which may add keys, docs/deploying.md §3) must keep working here. But a misspelt
 * key silently does nothing (`allow_custom_server: false` left custom servers on, UX audit 13), so
 * it is named, with the closest known key when one is near (at most a third of its letters off).
 */
export function unknownKeyWarnings(raw: Record<string, unknown>): string[] {
  return Object.keys(raw)
    .filter((key) => !CONFIG_KEYS.includes(key))
    .map((key) => {
      const [closest] = CONFIG_KEYS.map((known) => ({ known, distance: editDistance(key, known) })).sort(
        (a, b) => a.distance - b.distance,
      );
      const near = closest && closest.distance <= Math.max(2, Math.floor(key.length / 3));
      return `config.json: ${JSON.stringify(key)} is not a key this page knows, so it is ignored${near ? ` (did you mean ${JSON.stringify(closest.known)}?)` : ''}.`;
    });
}

/**
 * Parses the text of `config.json`, saying where it is broken: the parser's own words, and the line
 * and column when the parser gives only a position (Node, Safari) rather than both (Chromium).
 */
export function parseConfigText(text: string, file = 'config.json'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    let where = '';
    if (position !== undefined && !/line \d+/.test(message)) {
      const before = text.slice(0, Number(position)).split('\n');
      where = ` (line ${String(before.length)}, column ${String((before.at(-1)?.length ?? 0) + 1)})`;
    }
    throw new ConfigError(`${file} is not valid JSON: ${message}${where}`);
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseAppConfig(raw: unknown): AppConfig {
  const fail = (field: string, why = 'has the wrong type'): never => {
    throw new ConfigError(`config.json: ${field} ${why}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('the file', 'is not a JSON object');
  const value = raw as Record<string, unknown>;
  const optionalBoolean = (key: string, fallback: boolean) =>
    value[key] === undefined ? fallback : typeof value[key] === 'boolean' ? value[key] : fail(key);
  const strings = (key: string) =>
    value[key] === undefined
      ? []
      : Array.isArray(value[key]) && value[key].every((item) => typeof item === 'string')
        ? value[key]
        : fail(key);
  if (typeof value.default_server !== 'string' || value.default_server.trim() === '')
    fail('default_server', 'is missing');
  const clients = value.clients === undefined ? [] : Array.isArray(value.clients) ? value.clients : fail('clients');
  const defaultLanguage =
    value.default_language === undefined
      ? undefined
      : ((typeof value.default_language === 'string' ? matchLanguage(value.default_language) : undefined) ??
        fail('default_language', `is not one of the page's languages (${LANGUAGES.join(', ')})`));
  const branding = BRANDING_KEYS.filter((key) => value[key] !== undefined);
  const warnings = unknownKeyWarnings(value);
  return {
    defaultServer: (value.default_server as string).trim(),
    allowCustomServers: optionalBoolean('allow_custom_servers', true),
    suggestedServers: strings('suggested_servers'),
    clients: clients.flatMap((client: unknown) => {
      const { name, url } = (client ?? {}) as { name?: unknown; url?: unknown };
      return typeof name === 'string' && typeof url === 'string' && /^https?:\/\//i.test(url) ? [{ name, url }] : [];
    }),
    inhibitLogin: optionalBoolean('inhibit_login', true),
    ...(defaultLanguage ? { defaultLanguage } : {}),
    ...(branding.length > 0 ? { branding: Object.fromEntries(branding.map((key) => [key, value[key]])) } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(value.messages !== undefined ? { messages: value.messages } : {}),
  };
}

/** Says on the console what the page ignored in the file: where the admin looks, not to the person. */
export function logConfigWarnings(config: AppConfig): void {
  // eslint-disable-next-line no-console
  for (const warning of config.warnings ?? []) console.warn(warning);
}

export async function fetchAppConfig(url = `${import.meta.env.BASE_URL}config.json`): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new ConfigError(`${url}: HTTP ${response.status}`);
  // Read as text, so that a syntax error is shown with where it is (the page's "Details").
  return parseAppConfig(parseConfigText(await response.text()));
}

/** What the page was opened with: `?hs=`, `?token=`, `?username=`, `?email=`. */
export interface LinkParams {
  server?: string;
  token?: string;
  username?: string;
  email?: string;
}

export function readLinkParams(search: string): LinkParams {
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name)?.trim() || undefined;
  return { server: get('hs'), token: get('token'), username: get('username'), email: get('email') };
}

/** The link's parameters that are a secret (the token) or personal (the email): not kept in the address. */
const PRIVATE_LINK_PARAMS = ['token', 'email'];

/**
 * The link's parameters, read once at start; the token and the email are then taken out of the
 * address (`history.replaceState`), so that they stay in neither the address bar, the history, a
 * bookmark nor a screenshot (security review 2026-12, P4). The form holds them from here on; a
 * reload keeps the email (saved-form.ts) but not the token, which the invite link still carries.
 */
export function takeLinkParams(location: Location, history: History): LinkParams {
  const link = readLinkParams(location.search);
  const query = new URLSearchParams(location.search);
  if (!PRIVATE_LINK_PARAMS.some((name) => query.has(name))) return link;
  for (const name of PRIVATE_LINK_PARAMS) query.delete(name);
  const search = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  return link;
}
