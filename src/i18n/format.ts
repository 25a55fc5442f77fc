/**
 * The subset of ICU MessageFormat the catalogs use, in about 1 KB (docs/decisions/008): `{name}`,
 * `{n, number}`, `{n, plural, =0 {…} one {# item} other {# items}}` and `{x, select, a {…} other
 * {…}}`, nested, with ICU's apostrophe quoting (`'{'` is a literal brace, `''` an apostrophe).
 * Plural categories and numbers come from the browser's `Intl`. Nothing is compiled to code, so
 * the page's CSP (no eval) holds.
 */
export type Values = Record<string, string | number>;

type Node =
  | string
  | { arg: string; type?: 'number' | 'plural' | 'select'; options?: Record<string, Node[]>; offset?: number }
  | { pound: true };

const cache = new Map<string, Node[]>();

export class MessageSyntaxError extends Error {
  override readonly name = 'MessageSyntaxError';
}

/** Parses a message (cached); throws `MessageSyntaxError` for one that is not well formed. */
export function parseMessage(message: string): Node[] {
  let parsed = cache.get(message);
  if (!parsed) {
    const state = { text: message, at: 0 };
    parsed = parseNodes(state, false);
    if (state.at < message.length) throw new MessageSyntaxError(`unexpected "}" at ${String(state.at)}`);
    cache.set(message, parsed);
  }
  return parsed;
}

function parseNodes(state: { text: string; at: number }, inPlural: boolean): Node[] {
  const nodes: Node[] = [];
  let text = '';
  const { text: source } = state;
  while (state.at < source.length) {
    const char = source[state.at] as string;
    if (char === '}') break;
    if (char === '{') {
      if (text) nodes.push(text);
      text = '';
      nodes.push(parseArgument(state, inPlural));
      continue;
    }
    if (char === '#' && inPlural) {
      if (text) nodes.push(text);
      text = '';
      nodes.push({ pound: true });
      state.at++;
      continue;
    }
    if (char === "'") {
      const next = source[state.at + 1];
      if (next === "'") {
        text += "'";
        state.at += 2;
        continue;
      }
      if (next === '{' || next === '}' || (next === '#' && inPlural)) {
        const end = source.indexOf("'", state.at + 1);
        if (end === -1) throw new MessageSyntaxError('unterminated quote');
        text += source.slice(state.at + 1, end);
        state.at = end + 1;
        continue;
      }
    }
    text += char;
    state.at++;
  }
  if (text) nodes.push(text);
  return nodes;
}

function parseArgument(state: { text: string; at: number }, inPlural: boolean): Node {
  const { text } = state;
  const close = /^\{\s*([A-Za-z0-9_]+)\s*(?:,\s*(number|plural|select)\s*)?(,|\})/.exec(text.slice(state.at));
  if (!close) throw new MessageSyntaxError(`bad argument at ${String(state.at)}`);
  state.at += close[0].length;
  const [, arg = '', type, end] = close;
  if (end === '}') return type === 'number' || type === undefined ? { arg, type: type as 'number' } : fail(state);
  if (type !== 'plural' && type !== 'select') return fail(state);
  const options: Record<string, Node[]> = {};
  let offset: number | undefined;
  for (;;) {
    const key = /^\s*(offset:\s*(\d+)|=\d+|[A-Za-z0-9_-]+)\s*(\{)?/.exec(text.slice(state.at));
    if (!key) break;
    state.at += key[0].length;
    if (key[2] !== undefined) {
      offset = Number(key[2]);
      continue;
    }
    if (key[3] === undefined) return fail(state);
    // `#` stays the plural's count inside a select nested in it.
    options[key[1] ?? ''] = parseNodes(state, type === 'plural' || inPlural);
    if (text[state.at] !== '}') return fail(state);
    state.at++;
  }
  const rest = /^\s*\}/.exec(text.slice(state.at));
  if (!rest || !('other' in options)) return fail(state);
  state.at += rest[0].length;
  return { arg, type, options, ...(offset === undefined ? {} : { offset }) };
}

function fail(state: { at: number }): never {
  throw new MessageSyntaxError(`bad plural or select at ${String(state.at)}`);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function formatNumber(locale: string, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

function pluralCategory(locale: string, value: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(value);
}

/** Formats `message` with `values` for `locale`; a missing value shows as its name in braces. */
export function formatMessage(locale: string, message: string, values: Values = {}): string {
  return render(locale, parseMessage(message), values, undefined);
}

const RIGHT_TO_LEFT = /^(ar|he|fa|ur)\b/;

/**
 * A value as text. In a right-to-left sentence a string (a server name, an email, a user ID) is set
 * apart with Unicode's first strong isolate, so that its dots and colons keep their order among the
 * Arabic around it. Only where it is shown: a select still matches the value itself.
 */
function shown(locale: string, value: string | number): string {
  return typeof value === 'string' && RIGHT_TO_LEFT.test(locale) ? `\u2068${value}\u2069` : String(value);
}

/**
 * Items joined as the language joins a list ("A, B or C", "A、B、またはC", "A أو B") with the
 * browser's `Intl.ListFormat`, not with a comma or a space written into the code. In a right-to-left
 * language each item is isolated, as a value is, so that a Latin item keeps its place among the
 * Arabic words between them.
 */
export function formatList(locale: string, items: string[], type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(locale, { type }).format(items.map((item) => shown(locale, item)));
}

function render(locale: string, nodes: Node[], values: Values, pound: number | undefined): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += node;
    else if ('pound' in node) out += pound === undefined ? '#' : formatNumber(locale, pound);
    else {
      const value = values[node.arg];
      if (value === undefined) out += `{${node.arg}}`;
      else if (node.type === 'plural' || node.type === 'select') {
        const options = node.options ?? {};
        let chosen: Node[] | undefined;
        let shown: number | undefined;
        if (node.type === 'plural') {
          const count = Number(value);
          shown = count - (node.offset ?? 0);
          chosen = options[`=${String(count)}`] ?? options[pluralCategory(locale, shown)];
        } else chosen = options[String(value)];
        out += render(locale, chosen ?? options.other ?? [], values, shown ?? pound);
      } else out += node.type === 'number' ? formatNumber(locale, Number(value)) : shown(locale, value);
    }
  }
  return out;
}

/**
 * The arguments a message uses, each with its kind (`n, plural`; a select with its keys: `x, select
 * a|other`), for the check that every catalog uses the same ones in the same way: a translation that
 * turns a plural into a plain `{n}`, or drops a select's key, differs from its source.
 */
export function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (typeof node === 'string' || 'pound' in node) continue;
      const keys =
        node.type === 'select'
          ? ` ${Object.keys(node.options ?? {})
              .sort()
              .join('|')}`
          : '';
      names.add(node.type ? `${node.arg}, ${node.type}${keys}` : node.arg);
      for (const option of Object.values(node.options ?? {})) walk(option);
    }
  };
  walk(parseMessage(message));
  return [...names].sort();
}

/** For each plural in a message, the cases it offers (`one`, `other`, `=0`…), for the catalog check. */
export function pluralCasesOf(message: string): string[][] {
  const found: string[][] = [];
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if (typeof node === 'string' || 'pound' in node) continue;
      if (node.type === 'plural') found.push(Object.keys(node.options ?? {}));
      for (const option of Object.values(node.options ?? {})) walk(option);
    }
  };
  walk(parseMessage(message));
  return found;
}
