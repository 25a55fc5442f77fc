import { absoluteUrl, MOCK_CAPTCHA_RESPONSE } from './config.js';
import type { MockHomeserver } from './homeserver.js';
import type { ModelRequest } from './request.js';
import { page } from './pages.js';
import { escapeHtml, html, matrixError, type ModelResponse } from './response.js';
import { checkStage } from './uia.js';

const FALLBACK_STAGES = new Set(['m.login.recaptcha', 'm.login.terms', 'm.login.registration_token', 'm.login.dummy']);

/**
 * The UIA fallback page (spec §4.2 rule 10): a plain HTML form for one stage; when the stage is
 * done the page tells its opener `"authDone"` and the client re-sends `auth: {session}`.
 */
export function authFallback(homeserver: MockHomeserver, request: ModelRequest, stage: string): ModelResponse {
  if (!FALLBACK_STAGES.has(stage)) return matrixError(404, 'M_UNRECOGNIZED', 'Unknown auth stage type');
  const form = request.method === 'POST' ? new URLSearchParams(new TextDecoder().decode(request.body)) : request.query;
  const sessionId = form.get('session');
  if (sessionId === null) return matrixError(400, 'M_MISSING_PARAM', 'Missing session');
  const session = homeserver.getSession(sessionId);
  if (!session) return html(page('Unknown session', '<p>This sign-up session has expired. Start again.</p>'), 400);

  let problem: string | undefined;
  if (request.method === 'POST') {
    const auth: Record<string, unknown> = { type: stage, session: sessionId };
    if (stage === 'm.login.recaptcha') auth.response = form.get('g-recaptcha-response') ?? '';
    if (stage === 'm.login.registration_token') auth.token = form.get('token') ?? '';
    const outcome = checkStage(homeserver, session, auth);
    if (outcome.ok) {
      if (!session.completed.includes(stage)) session.completed.push(stage);
      session.results[stage] = outcome.result;
      return html(donePage());
    }
    problem = 'errcode' in outcome ? outcome.error : 'This step is not available.';
  }
  return html(page('One more step', stageForm(homeserver, stage, sessionId, problem)));
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
