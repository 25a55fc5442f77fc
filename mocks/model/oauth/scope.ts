/** The Client-Server API scope tokens of spec v1.18, and MSC2967's unstable ones that MAS still accepts. */
const STABLE = 'urn:matrix:client:';
const UNSTABLE = 'urn:matrix:org.matrix.msc2967.client:';
/** Other scope tokens MAS's default policy grants. */
const OTHER_ALLOWED = new Set(['openid', 'email']);
/** MAS's policy: at least 10 characters, the unreserved ones and those RFC 6749 allows in a scope. */
const DEVICE_ID = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]{10,}$/;

/**
 * The scope of an authorization request as MAS's authorization grant policy checks it: the full
 * API, at most one device, no unknown token, and stable and unstable tokens not mixed. Without a
 * device token the mock allocates a device, where MAS would open a session without one.
 */
export function grantScope(
  requested: string,
  newDeviceId: () => string,
): { scope: string; deviceId: string } | { error: string } {
  const tokens = [...new Set(requested.split(' ').filter((token) => token !== ''))];
  const namespaces = new Set<string>();
  const devices: string[] = [];
  let api = false;
  for (const token of tokens) {
    const namespace = [STABLE, UNSTABLE].find((prefix) => token.startsWith(prefix));
    if (namespace === undefined) {
      if (!OTHER_ALLOWED.has(token)) return { error: `The scope ${token} is not allowed` };
      continue;
    }
    namespaces.add(namespace);
    const rest = token.slice(namespace.length);
    if (rest === 'api:*') {
      api = true;
    } else if (rest.startsWith('device:')) {
      const deviceId = rest.slice('device:'.length);
      if (!DEVICE_ID.test(deviceId)) {
        return { error: `The device ID ${deviceId} must be at least 10 letters, digits or -._~!$&'()*+,;=:@/` };
      }
      devices.push(deviceId);
    } else {
      return { error: `The scope ${token} is not allowed` };
    }
  }
  if (!api) return { error: `The scope must include ${STABLE}api:*` };
  if (devices.length > 1) return { error: 'Only one device scope is allowed at a time' };
  if (namespaces.size > 1) return { error: 'The scope cannot mix unstable and stable tokens' };
  const [deviceId] = devices;
  if (deviceId !== undefined) return { scope: tokens.join(' '), deviceId };
  const allocated = newDeviceId();
  return { scope: [...tokens, `${[...namespaces][0] ?? STABLE}device:${allocated}`].join(' '), deviceId: allocated };
}
