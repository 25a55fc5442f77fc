import { checkAvailability } from '../availability.js';
import type { MockHomeserver } from '../homeserver.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { checkUsername, codePointLength, MAX_RAW_LENGTH } from '../user-id.js';

/** A person's words for the model's username errcodes; the grammar's own message says it best. */
function usernameMessage(errcode: unknown, error: unknown): string {
  if (errcode === 'M_USER_IN_USE') return 'This username is already taken.';
  if (errcode === 'M_EXCLUSIVE') return 'This username is reserved.';
  if (errcode === 'M_LIMIT_EXCEEDED') return 'Too many checks. Wait a moment.';
  return typeof error === 'string' ? error : 'This username cannot be used.';
}

/** The sign-up form's username (already lower-cased, as `/register` does), by the model's rules. */
export function usernameProblem(homeserver: MockHomeserver, username: string): string | undefined {
  if (username === '') return 'Choose a username.';
  if (codePointLength(username) > MAX_RAW_LENGTH) return 'This username is too long.';
  const problem = checkUsername(username, { ...homeserver.usernameContext(), inhibitUserInUseError: false });
  return problem ? usernameMessage(problem.errcode, problem.error) : undefined;
}

/**
 * `GET {issuer}username-available?username=`: the live check of the sign-up page, with the checks
 * (and the rate limit) of `/register/available`, answered as the sentence the page shows.
 */
export function usernameAvailability(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const checked = checkAvailability(homeserver, request);
  if (!('body' in checked)) return checked;
  if (checked.status === 200) return { ...checked, body: { available: true, message: 'This username is available.' } };
  return { ...checked, body: { available: false, message: usernameMessage(checked.body.errcode, checked.body.error) } };
}
