import { absoluteUrl } from './config.js';
import { captchaAccepted } from './uia.js';
import type { Refusal } from './families.js';
import type { MockHomeserver } from './homeserver.js';
import type { JsonObject } from './request.js';
import { matrixError, type ModelResponse } from './response.js';
import { emailValidationOf, type UiaSession } from './state.js';
import { stageParams } from './uia.js';

/** A family's refusal as an answer; `{server}` in its text is the server's name. */
export function refuse(homeserver: MockHomeserver, refusal: Refusal): ModelResponse {
  return matrixError(refusal.status, refusal.errcode, refusal.error.replace('{server}', homeserver.config.serverName));
}

/**
 * `m.login.terms` params as continuwuity ≥0.5.7 builds them, with `"version": "latest"`: inside
 * each policy, in every configured language, up to 0.5.11 (v0.5.7 register.rs:466-476); beside
 * the policies, in the one configured language, from 26.6 (v26.6.0 register.rs:223).
 */
function continuwuityTerms(homeserver: MockHomeserver): Record<string, unknown> {
  const { config } = homeserver;
  const latest = homeserver.family.terms === 'version-beside';
  const policies: Record<string, unknown> = {};
  for (const [id, policy] of Object.entries(config.policies)) {
    const languages = Object.entries(policy.translations);
    const chosen = latest ? [languages.find(([code]) => code === 'en') ?? languages[0]] : languages;
    const documents = Object.fromEntries(
      chosen
        .filter((entry) => entry !== undefined)
        .map(([lang, entry]) => [lang, { name: entry.name, url: absoluteUrl(config, entry.url) }]),
    );
    policies[id] = latest ? documents : { version: 'latest', ...documents };
  }
  if (latest) policies.version = 'latest';
  return { policies };
}

/**
 * The params a family puts in its 401: Synapse's shapes, but continuwuity's terms, which it sends
 * whenever terms are configured, even when no flow is left for them to join (register.rs:465-503).
 */
function familyParams(homeserver: MockHomeserver): Record<string, unknown> {
  const params = stageParams(homeserver);
  if (homeserver.family.terms !== 'synapse' && homeserver.config.requireTerms) {
    params['m.login.terms'] = continuwuityTerms(homeserver);
  }
  return params;
}

/**
 * The 401 body as each family shapes it (homeservers.md §2.1): `params` an object, `null` or left
 * out while empty; `completed` left out while empty (ruma) or always there (Dendrite); the failed
 * stage's `errcode`/`error` merged in.
 */
export function familyUiaBody(
  homeserver: MockHomeserver,
  session: UiaSession,
  failure?: { errcode: string; error: string },
): Record<string, unknown> {
  const { family } = homeserver;
  const params = familyParams(homeserver);
  const filled = Object.keys(params).length > 0;
  const completed = [...session.completed];
  return {
    flows: homeserver.flows.map((stages) => ({ stages })),
    ...(family.params === 'object' || filled ? { params } : family.params === 'null' ? { params: null } : {}),
    session: session.id,
    ...(family.completed === 'always' || completed.length > 0 ? { completed } : {}),
    ...(failure ? { errcode: failure.errcode, error: failure.error } : {}),
  };
}

export type FamilyStageOutcome = { ok: true; result: unknown } | { ok: false; refusal: Refusal };

/**
 * One stage as the Rust servers check it: a wrong token, an email not yet confirmed and a refused
 * captcha each with the family's own errcode (homeservers.md §2.2); a token spent at its stage
 * where the family does that (continuwuity, Tuwunel ≥1.4), never where it is one static string
 * (Conduit, Tuwunel ≤1.3: the config's first token, compared trimmed).
 */
export function checkFamilyStage(homeserver: MockHomeserver, type: string, auth: JsonObject): FamilyStageOutcome {
  const { family, config, state } = homeserver;
  const refused = (refusal: Refusal | undefined): FamilyStageOutcome => ({
    ok: false,
    refusal: refusal ?? { status: 401, errcode: 'M_FORBIDDEN', error: 'Authentication failed.' },
  });
  switch (type) {
    case 'm.login.dummy':
    case 'm.login.terms':
      return { ok: true, result: true };
    case 'm.login.recaptcha':
      return typeof auth.response === 'string' && captchaAccepted(homeserver, auth.response)
        ? { ok: true, result: true }
        : refused(family.captchaRefused);
    case 'm.login.email.identity': {
      const creds = auth.threepid_creds ?? auth.threepidCreds;
      const { sid, client_secret: secret } = (typeof creds === 'object' && creds !== null ? creds : {}) as JsonObject;
      const validation = emailValidationOf(state, sid);
      if (!validation || validation.clientSecret !== secret || validation.validatedAt === undefined) {
        return refused(family.emailPending);
      }
      return { ok: true, result: { medium: 'email', address: validation.email } };
    }
    case 'm.login.registration_token': {
      const token = typeof auth.token === 'string' ? auth.token.trim() : undefined;
      if (token === undefined) return refused(family.wrongToken);
      if (family.tokenSpending === 'never') {
        return token === config.registrationTokens[0]?.token ? { ok: true, result: token } : refused(family.wrongToken);
      }
      const known = homeserver.registrationToken(token);
      if (!known || !homeserver.tokenIsUsable(known)) return refused(family.wrongToken);
      known.completed += 1;
      return { ok: true, result: token };
    }
    default:
      return refused(undefined);
  }
}
