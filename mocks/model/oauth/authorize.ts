import type { OAuthConfig } from '../config.js';
import type { MockHomeserver } from '../homeserver.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { CHALLENGE } from './pkce.js';
import { callbackUrl, redirectTo } from './responses.js';
import { grantScope } from './scope.js';
import { pageLanguage } from './page-words.js';
import { errorPage, signInPage, signUpPage } from './signup-page.js';
import { forgetExpired, ID_SHAPES, type AuthorizationRequest } from './state.js';
import { BOUNDS, own, remember } from '../records.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `GET {issuer}authorize` (RFC 6749 §4.1.1, RFC 7636, spec v1.18 "Authorization code grant").
 * An unknown client or an unregistered redirect URI gets an error page and never a redirect
 * (RFC 6749 §4.1.2.1: that would send the person to whoever wrote the link); every later problem
 * goes back to the client, with `state`.
 */
export function authorize(homeserver: MockHomeserver, oauth: OAuthConfig, request: ModelRequest): ModelResponse {
  const { state, env, config } = homeserver;
  forgetExpired(state.oauth, env.now());
  const query = request.query;
  const clientId = query.get('client_id') ?? '';
  const client = ID_SHAPES.client.test(clientId) ? own(state.oauth.clients, clientId) : undefined;
  if (!client) {
    return errorPage(
      'Unknown application',
      'The application that sent you here is not registered on this server (its client_id is unknown). Go back to it and try again.',
    );
  }
  const redirectUri = query.get('redirect_uri');
  if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
    return errorPage(
      'This link does not work',
      'The address to return to (redirect_uri) is not one the application registered, so this server will not send you there.',
    );
  }

  const clientState = query.get('state') ?? undefined;
  const modeParameter = query.get('response_mode');
  const responseMode = modeParameter === 'fragment' ? 'fragment' : 'query';
  const fail = (error: string, description: string) =>
    redirectTo(
      request,
      callbackUrl(redirectUri, responseMode, {
        error,
        error_description: description,
        ...(clientState === undefined ? {} : { state: clientState }),
      }),
    );
  if (modeParameter !== null && modeParameter !== 'query' && modeParameter !== 'fragment') {
    return fail('invalid_request', 'response_mode must be query or fragment');
  }
  const responseType = query.get('response_type');
  if (responseType === null) return fail('invalid_request', 'response_type is missing');
  if (responseType !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
  const challenge = query.get('code_challenge');
  if (challenge === null) return fail('invalid_request', 'code_challenge is required (PKCE)');
  // RFC 7636 §4.3: without a method the challenge is `plain`, which this server does not accept.
  if (query.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  if (!CHALLENGE.test(challenge))
    return fail('invalid_request', 'code_challenge is not 43 to 128 base64url characters');
  const scope = grantScope(query.get('scope') ?? '', () => env.randomString(10, ALNUM));
  if ('error' in scope) return fail('invalid_scope', scope.error);
  const prompts = (query.get('prompt') ?? '').split(' ');
  // The mock remembers nobody between visits, so it can never sign someone in without asking.
  if (prompts.includes('none')) return fail('login_required', 'The person must sign in');

  const nonce = query.get('nonce');
  const pending: AuthorizationRequest = {
    id: env.randomString(24, ALNUM),
    clientId: client.clientId,
    redirectUri,
    responseMode,
    ...(clientState === undefined ? {} : { state: clientState }),
    codeChallenge: challenge,
    scope: scope.scope,
    ...(scope.deviceId === undefined ? {} : { deviceId: scope.deviceId }),
    ...usernameHint(query.get('login_hint'), config.serverName),
    // OIDC Core §3.1.2.1: given back in the id_token; MAS keeps it on the grant as it came.
    ...(nonce === null ? {} : { nonce }),
    // MAS shows its login page unless asked to create and able to; `create` unsupported is ignored.
    mode: oauth.promptCreate && prompts.includes('create') ? 'create' : 'sign-in',
    // OIDC Core §3.1.2.1 `ui_locales`, then the browser's languages (page-words.ts says how MAS differs).
    language: pageLanguage(query.get('ui_locales'), request.headers['accept-language']),
    createdAt: env.now(),
  };
  remember(state.oauth.requests, pending.id, pending, BOUNDS.oauthRequests);
  const context = { homeserver, oauth, pending };
  return pending.mode === 'create' ? signUpPage(context) : signInPage(context);
}

/** `login_hint` as MAS reads it: `mxid:@name:server` of this server, or a bare username. */
function usernameHint(hint: string | null, serverName: string): { usernameHint?: string } {
  if (hint === null || hint === '') return {};
  if (!hint.startsWith('mxid:')) return { usernameHint: hint };
  const match = /^@([^:]+):(.+)$/.exec(hint.slice('mxid:'.length));
  return match?.[2] === serverName && match[1] !== undefined ? { usernameHint: match[1] } : {};
}
