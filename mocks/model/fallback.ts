import { absoluteUrl, MOCK_CAPTCHA_RESPONSE } from './config.js';
import type { MockHomeserver } from './homeserver.js';
import type { ModelRequest } from './request.js';
import { page } from './pages.js';
import { escapeHtml, matrixError, synapsePage, type ModelResponse } from './response.js';
import { checkStage } from './uia.js';

/** The stages Synapse 1.94 serves a fallback page for (rest/client/auth.py; SSO is not modelled). */
const FALLBACK_STAGES = new Set(['m.login.recaptcha', 'm.login.terms', 'm.login.registration_token']);

/**
 * The UIA fallback page (spec §4.2 rule 10): a plain HTML form for one stage; when the stage is
 * done the page tells its opener `"authDone"` and the client re-sends `auth: {session}`. In
 * Synapse's order (rest/client/auth.py at v1.94.0): a session parameter first (400 "No session
 * supplied"), then the stage (404); GET shows the form without looking the session up (recorded:
 * ca.fallback_get_unknown_session), POST checks the stage and records it in the session.
 */
export function authFallback(homeserver: MockHomeserver, request: ModelRequest, stage: string): ModelResponse {
  const form = request.method === 'POST' ? new URLSearchParams(new TextDecoder().decode(request.body)) : request.query;
  const sessionId = form.get('session');
  if (!sessionId) return matrixError(400, 'M_UNKNOWN', 'No session supplied');
  if (!FALLBACK_STAGES.has(stage)) return matrixError(404, 'M_UNKNOWN', 'Unknown auth stage type');
  if (request.method !== 'POST')
    return synapsePage(page('One more step', stageForm(homeserver, stage, sessionId, undefined)));

  const auth: Record<string, unknown> = { type: stage, session: sessionId };
  if (stage === 'm.login.recaptcha') {
    const response = form.get('g-recaptcha-response');
    if (!response) return matrixError(400, 'M_UNKNOWN', 'No captcha response supplied');
    auth.response = response;
  }
  if (stage === 'm.login.registration_token') {
    const token = form.get('token');
    if (token === null) return matrixError(400, 'M_MISSING_PARAM', "Missing string query parameter 'token'");
    auth.token = token;
  }
  // The stage is recorded in the session, which must exist (a guess from
  // `mark_ui_auth_stage_complete`'s StoreError; no recording has it).
  const session = homeserver.getSession(sessionId);
  if (!session) return matrixError(400, 'M_UNKNOWN', `Unknown session ID: ${sessionId}`);
  const outcome = checkStage(homeserver, session, auth);
  if (outcome.ok) {
    if (!session.completed.includes(stage)) session.completed.push(stage);
    session.results[stage] = outcome.result;
    return synapsePage(donePage());
  }
  const problem = 'errcode' in outcome ? outcome.error : 'This step is not available.';
  return synapsePage(page('One more step', stageForm(homeserver, stage, sessionId, problem)));
}

function stageForm(homeserver: MockHomeserver, stage: string, session: string, problem: string | undefined): string {
  const error = problem ? `<p role="alert">${escapeHtml(problem)}</p>` : '';
  let fields = '';
  if (stage === 'm.login.recaptcha') {
    fields = `<label><input type="checkbox" name="g-recaptcha-response" value="${MOCK_CAPTCHA_RESPONSE}" required> I am not a robot</label>`;
  } else if (stage === 'm.login.terms') {
    fields = `${policyList(homeserver)}<label><input type="checkbox" required> I accept these policies</label>`;
  } else if (stage === 'm.login.registration_token') {
    fields = `<label>Registration token <input name="token" required autocomplete="off"></label>`;
  }
  return `${error}<form method="post"><input type="hidden" name="session" value="${escapeHtml(session)}">${fields}<p><button type="submit">Continue</button></p></form>`;
}

/** The server's policies as a list of links, in English where they have it (the fallback and OAuth pages). */
export function policyList(homeserver: MockHomeserver): string {
  const links = Object.values(homeserver.config.policies)
    .map((policy) => policy.translations.en ?? Object.values(policy.translations)[0])
    .filter((entry) => entry !== undefined)
    .map(
      (entry) =>
        `<li><a href="${escapeHtml(absoluteUrl(homeserver.config, entry.url))}" target="_blank" rel="noopener">${escapeHtml(entry.name)}</a></li>`,
    )
    .join('');
  return `<ul>${links}</ul>`;
}

function donePage(): string {
  return page(
    'Done',
    `<p>Thank you. You can close this window.</p><script>if (window.onAuthDone) { window.onAuthDone(); } else if (window.opener && window.opener.postMessage) { window.opener.postMessage("authDone", "*"); }</script>`,
  );
}
