import { registrationTokenValidity, usernameAvailable } from './availability.js';
import { canonicalEmail, requestEmailToken, sendValidationEmail } from './email.js';
import { authFallback } from './fallback.js';
import type { MockHomeserver } from './homeserver.js';
import { register } from './register.js';
import { registerDelegated } from './register-delegated.js';
import { dendriteUsernameProblem, registerDendrite } from './register-dendrite.js';
import { registerRuma } from './register-ruma.js';
import { parseJsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import { rumaUsernameProblem } from './ruma-username.js';
import { userIdOf } from './user-id.js';
import { refuse } from './family-uia.js';
import { own } from './records.js';

/** Not routed: the router's fallback of every family (Synapse's, and Conduit's `src/main.rs:550-553`). */
export function unrecognized(): ModelResponse {
  return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
}

/** `POST /register` (v3, r0), by the family's pipeline. */
export function registerForFamily(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const { family } = homeserver;
  switch (family.lineage) {
    case 'synapse':
      return register(homeserver, request, 'current');
    case 'delegated':
      return Promise.resolve(registerDelegated(homeserver, request));
    case 'dendrite':
      return registerDendrite(homeserver, request);
    case 'ruma':
      return registerRuma(homeserver, request);
  }
}

/** `GET /register/available` as each family answers it (homeservers.md §2.3, §2.5–§2.8). */
export function availableForFamily(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { family } = homeserver;
  if (!family.serves.available) return unrecognized();
  if (family.lineage === 'synapse') return usernameAvailable(homeserver, request);
  const limited = homeserver.clientRequestLimit(request);
  if (limited) return limited;
  const username = request.query.get('username');
  if (username === null) return matrixError(400, 'M_MISSING_PARAM', "Missing string query parameter 'username'");
  if (family.lineage === 'dendrite') {
    // RegisterAvailable: lower-cased, the grammar, any application service's namespace, then taken.
    const localpart = username.toLowerCase();
    const problem = dendriteUsernameProblem(homeserver, localpart);
    if (problem) return matrixError(problem.status, problem.errcode, problem.error);
    const userId = userIdOf(localpart, homeserver.config.serverName);
    if (homeserver.config.appservices.some((service) => new RegExp(`^${service.userRegex}$`).test(userId))) {
      return matrixError(400, 'M_USER_IN_USE', 'Desired user ID is reserved by an application service.');
    }
    if (homeserver.findAccount(localpart))
      return matrixError(400, 'M_USER_IN_USE', 'Desired User ID is already taken.');
    return ok({ available: true });
  }
  const problem = rumaUsernameProblem(homeserver, username, 'available');
  return problem ? refuse(homeserver, problem) : ok({ available: true });
}

/** The registration-token validity check, on the families that serve it. */
export function validityForFamily(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { family, config } = homeserver;
  const { validity } = family.serves;
  if (validity === false) return unrecognized();
  if (family.lineage === 'synapse') return registrationTokenValidity(homeserver, request);
  // Tuwunel: 403 when the server has no token at all (token_validity.rs:17-27).
  if (validity === 'no-tokens-403' && !config.requireToken) {
    return matrixError(403, 'M_FORBIDDEN', 'Server does not allow token registration');
  }
  const token = request.query.get('token');
  if (token === null) return matrixError(400, 'M_MISSING_PARAM', "Missing string query parameter 'token'");
  if (family.tokenSpending === 'never') return ok({ valid: token === config.registrationTokens[0]?.token });
  return ok({ valid: homeserver.tokenIsValid(token) });
}

/** `POST /register/email/requestToken`: Synapse's, the Rust servers' (a link only), Dendrite's identity-server relay. */
export function requestTokenForFamily(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { family, config, state } = homeserver;
  const { requestToken } = family.serves;
  if (requestToken === false) return unrecognized();
  if (family.lineage === 'synapse') return requestEmailToken(homeserver, request);
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const email = typeof body.email === 'string' ? canonicalEmail(body.email) : undefined;
  if (requestToken === 'identity-server') {
    // Dendrite: an address in use first, then the identity server the body names, which the mock
    // never trusts (clientapi/routing/threepid.go:50-75; gomatrixserverlib spec.NotTrusted).
    if (email !== undefined && own(state.threepids, email) !== undefined) {
      return matrixError(400, 'M_THREEPID_IN_USE', 'this third-party identifier is already in use');
    }
    const idServer = typeof body.id_server === 'string' ? body.id_server : '';
    return matrixError(400, 'M_SERVER_NOT_TRUSTED', `Untrusted server '${idServer}'`);
  }
  const texts = family.requestTokenTexts;
  if (!texts) throw new Error(`${family.name} has no requestToken texts`);
  if (config.email === 'off') return matrixError(403, 'M_THREEPID_DENIED', texts.notConfigured);
  if (email === undefined) return matrixError(400, 'M_INVALID_PARAM', texts.invalid);
  if (own(state.threepids, email) !== undefined) return matrixError(400, 'M_THREEPID_IN_USE', texts.inUse);
  const secret = typeof body.client_secret === 'string' ? body.client_secret : '';
  const attempt = typeof body.send_attempt === 'number' ? body.send_attempt : 1;
  return ok({ sid: sendValidationEmail(homeserver, email, secret, attempt, { style: 'link' }).sid });
}

/** `GET /password_policy`: Synapse's (MSC2000); the others route none. */
export function passwordPolicyForFamily(homeserver: MockHomeserver): ModelResponse {
  return homeserver.family.serves.passwordPolicy ? homeserver.passwordPolicy() : unrecognized();
}

/** The UIA fallback pages a family serves: Synapse's four, Dendrite's captcha page, none elsewhere. */
export function fallbackForFamily(homeserver: MockHomeserver, request: ModelRequest, stage: string): ModelResponse {
  return homeserver.family.serves.fallback.includes(stage) || homeserver.family.lineage === 'synapse'
    ? authFallback(homeserver, request, stage)
    : unrecognized();
}
