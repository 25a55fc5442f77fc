import type { MockHomeserver } from './homeserver.js';
import type { ModelRequest } from './request.js';
import { escapeHtml, type ModelResponse } from './response.js';

/** The bare page every HTML answer of the server is (no style: it is the server's, not the app's). */
export function page(title: string, content: string, lang = 'en', dir: 'ltr' | 'rtl' = 'ltr'): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
}

/** Synapse's answer for any path outside its APIs: `/` redirects to the static page, the rest is 404. */
export function outsideTheApi(path: string): ModelResponse {
  if (path === '/') {
    return {
      status: 302,
      html: page('Redirecting', '<p><a href="/_matrix/static">Continue</a></p>'),
      headers: { Location: '/_matrix/static' },
      cors: false,
    };
  }
  return {
    status: 404,
    html: page('No Such Resource', '<p>Sorry. No luck finding that resource.</p>'),
    cors: false,
  };
}

/** `/_matrix/static`: Synapse's "it works" page. */
export function staticPage(homeserver: MockHomeserver): ModelResponse {
  return {
    status: 200,
    html: page(
      'It works! The mock homeserver is running',
      `<p>${escapeHtml(homeserver.config.serverName)} answers the Matrix client-server API here.</p>`,
    ),
    cors: false,
  };
}

/**
 * `GET /_matrix/consent[?v=VERSION][&lang=LANG]`: the policy a terms stage links to (without a
 * version, the first, as Synapse shows its current one), in the language asked for when it has it.
 */
export function consentPage(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const version = request.query.get('v');
  const policies = Object.values(homeserver.config.policies);
  const policy = version === null ? policies[0] : policies.find((candidate) => candidate.version === version);
  if (!policy) return { ...outsideTheApi(request.path), cors: false };
  const wanted = request.query.get('lang') ?? 'en';
  const [lang, entry] = Object.entries(policy.translations).find(([code]) => code === wanted) ??
    Object.entries(policy.translations)[0] ?? ['en', { name: 'Policy', url: '' }];
  return {
    status: 200,
    html: page(
      entry.name,
      `<p>Version ${escapeHtml(policy.version)} of this policy of ${escapeHtml(homeserver.config.serverName)}, a mock homeserver: there is nothing to agree to here but the idea.</p>`,
      lang,
    ),
    cors: false,
  };
}

/**
 * `GET {issuer}account`: the scenarios' `accountUrl`, where MAS has its account page (`/account/`).
 * The mock manages no account there; the page says so, rather than a 404 behind "Go to …" links.
 */
export function accountPage(homeserver: MockHomeserver): ModelResponse {
  const server = escapeHtml(homeserver.config.serverName);
  return {
    status: 200,
    html: page(
      `Your account on ${homeserver.config.serverName}`,
      `<p>This is the mock's stand-in for the account page of ${server}'s sign-in service (MAS's <code>/account/</code>), where people manage their sessions, email addresses and password. The mock manages none of that: sign in with a Matrix app instead.</p>`,
    ),
    cors: false,
  };
}
