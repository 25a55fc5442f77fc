import type { Exchange } from './transcript';

export interface Answer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

/** One way the mock's answer differs from Synapse's; `what` names the place, for the tolerated list. */
export interface Difference {
  what: string;
  recorded: unknown;
  actual: unknown;
}

/**
 * Values Synapse makes up at random, compared by the grammar it draws them from: both answers must
 * match it (the recorded tokens are redacted to `syt_REDACTED`, which matches its prefix).
 */
const RANDOM: Record<string, RegExp> = {
  session: /^[A-Za-z]{24}$/,
  /** `guest_REDACTED`: a guest's macaroon, which the email recording redacts. */
  access_token: /^(syt_|guest_)/,
  refresh_token: /^syr_/,
  nonce: /^[0-9a-f]{128}$/,
  /** A requestToken's session: 16 letters (`random_string`). */
  sid: /^[A-Za-z]{16}$/,
  /** When the client did not choose one. */
  device_id: /^[A-Z]{10}$/,
  /** When the admin did not choose one: 16 characters of the opaque-identifier alphabet. */
  token: /^[A-Za-z0-9._~-]{16}$/,
};
/**
 * Free text a client must not depend on (`error`), and times on the server's clock, which the
 * transcript records as wall-clock readings the replay's clock cannot reproduce (timeline.ts):
 * compared by type only.
 */
const FREE_TEXT = new Set(['error', 'validated_at', 'added_at', 'creation_ts']);

const COMPARED_HEADERS = [
  'content-type',
  'retry-after',
  'allow',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
];

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every difference a client could notice between Synapse's recorded answer and the mock's. */
export interface CompareContext {
  /** The request's JSON body: values a client chose (a `device_id`) are compared exactly. */
  requested: Record<string, unknown>;
  /** The mock's value for a random one of Synapse's already carried (a session continued). */
  known: (recorded: string) => string | undefined;
}

export function compareAnswer(exchange: Exchange, answer: Answer, context: CompareContext): Difference[] {
  const differences: Difference[] = [];
  if (answer.status !== exchange.status) {
    differences.push({ what: 'status', recorded: exchange.status, actual: answer.status });
  }
  const recordedHeaders = Object.fromEntries(
    Object.entries(exchange.response_headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  for (const name of COMPARED_HEADERS) {
    if (recordedHeaders[name] !== answer.headers[name]) {
      differences.push({ what: `header ${name}`, recorded: recordedHeaders[name], actual: answer.headers[name] });
    }
  }
  const isJson = (recordedHeaders['content-type'] ?? '').startsWith('application/json');
  if (!isJson) {
    // HTML pages and empty answers: what a client sees is the status and the type, compared above.
    if (exchange.response_body === '' && answer.body !== '') {
      differences.push({ what: 'body', recorded: '', actual: answer.body.slice(0, 80) });
    }
    return differences;
  }
  const recorded = parseJson(exchange.response_body);
  const actual = parseJson(answer.body);
  if (!recorded.ok) throw new Error(`${exchange.case}: the recorded JSON does not parse`);
  if (!actual.ok) return [...differences, { what: 'body', recorded: recorded.value, actual: answer.body.slice(0, 80) }];
  compareJson(recorded.value, actual.value, '', differences, context);
  return differences;
}

function compareJson(
  recorded: unknown,
  actual: unknown,
  path: string,
  differences: Difference[],
  context: CompareContext,
): void {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (kindOf(recorded) !== kindOf(actual)) {
    differences.push({ what: `body ${path}`, recorded, actual });
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    if (recorded.length !== actual.length) {
      differences.push({ what: `body ${path}`, recorded, actual });
      return;
    }
    recorded.forEach((item, index) => compareJson(item, actual[index], `${path}[${index}]`, differences, context));
    return;
  }
  if (typeof recorded === 'object' && recorded !== null) {
    const actualObject = actual as Record<string, unknown>;
    const recordedObject = recorded as Record<string, unknown>;
    const keys = new Set([...Object.keys(recordedObject), ...Object.keys(actualObject)]);
    for (const name of keys) {
      const childPath = path === '' ? name : `${path}.${name}`;
      if (!(name in actualObject) || !(name in recordedObject)) {
        differences.push({ what: `body ${childPath}`, recorded: recordedObject[name], actual: actualObject[name] });
      } else compareJson(recordedObject[name], actualObject[name], childPath, differences, context);
    }
    return;
  }
  if (FREE_TEXT.has(key)) return;
  const grammar = RANDOM[key];
  const known = typeof recorded === 'string' ? context.known(recorded) : undefined;
  if (known !== undefined) {
    if (actual !== known) differences.push({ what: `body ${path}`, recorded: known, actual });
    return;
  }
  if (grammar && context.requested[key] !== recorded && recorded !== actual) {
    if (![recorded, actual].every((value) => typeof value === 'string' && grammar.test(value))) {
      differences.push({ what: `body ${path}`, recorded, actual });
    }
    return;
  }
  if (recorded !== actual) differences.push({ what: `body ${path}`, recorded, actual });
}
