/** The Client-Server API scope tokens of spec v1.18, and MSC2967's unstable ones that MAS still accepts. */
const STABLE = 'urn:matrix:client:';
const UNSTABLE = 'urn:matrix:org.matrix.msc2967.client:';
/** Other scope tokens MAS's default policy grants. */
const OTHER_ALLOWED = new Set(['openid', 'email']);
/**
 * MAS's admin API scope. Its policy grants it in an interactive grant only to a user who may request
 * admin (policies/authorization_grant/authorization_grant.rego:21-31, 57-60), which is known only once
 * the person has signed in: `signup-form.ts` checks that before it hands out a code.
 */
export const ADMIN_SCOPE = 'urn:mas:admin';
/** MAS's policy: at least 10 characters, the unreserved ones and those RFC 6749 allows in a scope. */
const DEVICE_ID = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]{10,}$/;

/**
 * The scope of an authorization request as MAS's authorization grant policy checks it: at most one
 * device, a device only with the full API (authorization_grant.rego:139-143), no unknown token, and
 * stable and unstable tokens not mixed. With the API but without a device token the mock allocates
 * a device, where MAS would open a session without one; without the API (the admin API alone, say)
 * there is no device, as on MAS.
 */
export function grantScope(
  requested: string,
  newDeviceId: () => string,
): { scope: string; deviceId?: string } | { error: string } {
  const tokens = [...new Set(requested.split(' ').filter((token) => token !== ''))];
  const namespaces = new Set<string>();
  const devices: string[] = [];
  let api = false;
  for (const token of tokens) {
    const namespace = [STABLE, UNSTABLE].find((prefix) => token.startsWith(prefix));
    if (namespace === undefined) {
      if (!OTHER_ALLOWED.has(token) && token !== ADMIN_SCOPE) return { error: `The scope ${token} is not allowed` };
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
  if (!api && devices.length > 0) {
    return { error: 'Device scopes are only allowed when the client-server API scope is requested' };
  }
  if (devices.length > 1) return { error: 'Only one device scope is allowed at a time' };
  if (namespaces.size > 1) return { error: 'The scope cannot mix unstable and stable tokens' };
  const [deviceId] = devices;
  if (deviceId !== undefined) return { scope: tokens.join(' '), deviceId };
  if (!api) return { scope: tokens.join(' ') };
  const allocated = newDeviceId();
  return { scope: [...tokens, `${[...namespaces][0] ?? STABLE}device:${allocated}`].join(' '), deviceId: allocated };
}
