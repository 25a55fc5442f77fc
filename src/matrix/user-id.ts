/** Localpart characters since Matrix 1.8 (MSC4009 added `+`). */
export const LOCALPART_PATTERN = /^[a-z0-9._=\-/+]+$/;
export const MAX_USER_ID_BYTES = 255;

export function fullUserId(localpart: string, serverName: string): string {
  return `@${localpart}:${serverName}`;
}

export function userIdBytes(localpart: string, serverName: string): number {
  return new TextEncoder().encode(fullUserId(localpart, serverName)).byteLength;
}

/** What a server would make of a typed name (Synapse lower-cases); `changed` says whether that differs. */
export function normaliseLocalpart(typed: string): { localpart: string; changed: boolean } {
  const localpart = typed.trim().replace(/^@/, '').toLowerCase();
  return { localpart, changed: localpart !== typed };
}

/** Server name grammar (appendices): hostname or IP literal, optional port. */
export function isServerName(value: string): boolean {
  return /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,255})(:\d{1,5})?$/.test(value);
}

export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/**
 * A whole user ID typed or pasted as the name (`@ana:example.org`, or `ana:example.org`): its
 * localpart as a server would make it, and the server name after the first colon. Undefined when
 * there is no colon, or when what follows it is no server name.
 */
export function splitPastedUserId(typed: string): { localpart: string; domain: string } | undefined {
  const match = /^@?([^:]*):(.+)$/.exec(typed.trim());
  if (!match) return undefined;
  const [, name = '', domain = ''] = match;
  if (!isServerName(domain)) return undefined;
  return { localpart: name.toLowerCase(), domain: domain.toLowerCase() };
}
