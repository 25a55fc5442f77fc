import * as z from 'zod/mini';
import type { DiscoveredServer } from './discovery';
import { parseHttpUrl } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import { formNeeds, need, NATIVE_STAGES, type Need } from './flow';
import { endpoint } from './homeserver';
import { requestJson } from './http';
import { authMetadataSchema, describeOAuthServer, type OAuthServer } from './oauth/metadata';
import { uiaResponseSchema, STAGE, type UiaResponse } from './uia';

/** `GET /login` (spec `login.yaml`). */
export const loginFlowsSchema = z.looseObject({
  flows: z.array(z.looseObject({ type: z.string(), oauth_aware_preferred: z.optional(z.boolean()) })),
});

/** `GET /password_policy` (MSC2000, Synapse). */
export const passwordPolicySchema = z.looseObject({
  'm.minimum_length': z.optional(z.number()),
  'm.require_digit': z.optional(z.boolean()),
  'm.require_symbol': z.optional(z.boolean()),
  'm.require_uppercase': z.optional(z.boolean()),
  'm.require_lowercase': z.optional(z.boolean()),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export interface Policy {
  id: string;
  version: string;
  /**
   * Per language: `{ en: { name, url } }`. `url` is kept only when it is http(s): a policy whose
   * link is `javascript:` or `data:` is still shown (it must still be accepted), without a link.
   */
  translations: Record<string, { name: string; url?: string }>;
}

export type Requirements =
  | {
      kind: 'stages';
      flows: string[][];
      uia: UiaResponse;
      token: Need;
      email: Need;
      terms: Policy[];
      captchaKey?: string;
      /** Stages only the server's fallback page can do. */
      otherStages: string[];
      /** The server also signs people up through OAuth 2.0 (`prompt=create`): offered beside the form. */
      oauth?: OAuthServer;
    }
  /** An older server (v2_alpha) that cannot be asked without a password: find out on submit. */
  | { kind: 'unknown' }
  | { kind: 'disabled'; singleSignOn: boolean }
  /** Accounts are made at an OAuth 2.0 server (spec v1.15+); the page signs up there when it can. */
  | { kind: 'oauth'; oauth: OAuthServer };

/** What this server needs before anyone types: `POST /register {}` (Element and Cinny do the same) and `GET /login`. */
export async function fetchRequirements(server: DiscoveredServer, signal?: AbortSignal): Promise<Requirements> {
  const loginFlows = fetchLoginFlows(server, signal);
  // Asked beside `/register`: a server may offer both (then the form stays, with the OAuth choice).
  const beside = fetchOAuthServer(server, signal, ['/_matrix/client/v1/auth_metadata']);
  try {
    const response = await requestJson(endpoint(server, '/register'), {
      method: 'POST',
      json: {},
      signal,
      acceptStatuses: [401],
    });
    const uia = uiaResponseSchema.safeParse(response.body);
    if (response.status !== 401 || !uia.success) throw new TransportError('not-json', response.status);
    const requirements = describeFlows(uia.data);
    const oauth = await beside;
    return oauth?.canCreate && requirements.kind === 'stages' ? { ...requirements, oauth } : requirements;
  } catch (error) {
    if (!(error instanceof MatrixApiError)) throw error;
    if (error.status === 403) {
      const flows = await loginFlows;
      return { kind: 'disabled', singleSignOn: flows.some((flow) => flow === 'm.login.sso' || flow === 'm.login.cas') };
    }
    if (error.status === 404 || error.errcode === 'M_UNRECOGNIZED') {
      const oauth = (await beside) ?? (await fetchOAuthServer(server, signal, [UNSTABLE_AUTH_METADATA]));
      if (oauth) return { kind: 'oauth', oauth };
      if (server.oauthIssuer && parseHttpUrl(server.oauthIssuer)) {
        const accountUrl = server.oauthAccountUrl && parseHttpUrl(server.oauthAccountUrl)?.href;
        return {
          kind: 'oauth',
          oauth: {
            issuer: server.oauthIssuer,
            ...(accountUrl ? { accountUrl } : {}),
            canCreate: false,
            responseMode: 'query',
          },
        };
      }
      throw error;
    }
    if (error.errcode === 'M_MISSING_PARAM' && server.prefix === '/_matrix/client/api/v2_alpha')
      return { kind: 'unknown' };
    throw error;
  }
}

/** What the form must ask for, from the flows of the first 401 (already read leniently: see `uiaResponseSchema`). */
export function describeFlows(uia: UiaResponse): Requirements {
  const flows = uia.flows.map((flow) => flow.stages);
  const captcha = uia.params[STAGE.recaptcha] as { public_key?: unknown } | null | undefined;
  return {
    kind: 'stages',
    flows,
    uia,
    ...formNeeds(flows),
    terms: need(flows, STAGE.terms) === 'none' ? [] : parsePolicies(uia.params[STAGE.terms]),
    ...(typeof captcha?.public_key === 'string' ? { captchaKey: captcha.public_key } : {}),
    otherStages: [...new Set(flows.flat().filter((stage) => !NATIVE_STAGES.has(stage)))],
  };
}

/**
 * `m.login.terms` params (spec `m.login.terms_params.yaml`), defensively: unsafe links are dropped,
 * policies never. A policy is an object; anything else under `policies` is not one: continuwuity
 * ≥26.6 puts a string `version` beside its policies (`{"policies": {"<id>": {"<lang>": {…}},
 * "version": "latest"}}`, `account/register.rs:241`), and its policies then carry no `version`.
 */
export function parsePolicies(params: unknown): Policy[] {
  const policies = isPlainObject(params) ? params.policies : undefined;
  if (!isPlainObject(policies)) return [];
  return Object.entries(policies).flatMap(([id, value]) => {
    if (!isPlainObject(value)) return [];
    const { version, ...languages } = value;
    const named = Object.entries(languages).flatMap(([lang, entry]) => {
      const { name, url } = (isPlainObject(entry) ? entry : {}) as { name?: unknown; url?: unknown };
      const safeUrl = typeof url === 'string' ? parseHttpUrl(url)?.href : undefined;
      return typeof name === 'string' ? [[lang, safeUrl ? { name, url: safeUrl } : { name }] as const] : [];
    });
    // Accepting the stage accepts every policy the server listed, so none may go unshown. Built
    // with `fromEntries`: a language called `__proto__` stays a key, not a prototype.
    const translations: Policy['translations'] = Object.fromEntries(named.length > 0 ? named : [['en', { name: id }]]);
    return [{ id, version: typeof version === 'string' ? version : '', translations }];
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function fetchLoginFlows(server: DiscoveredServer, signal?: AbortSignal): Promise<string[]> {
  try {
    const parsed = loginFlowsSchema.safeParse((await requestJson(endpoint(server, '/login'), { signal })).body);
    return parsed.success ? parsed.data.flows.map((flow) => flow.type) : [];
  } catch {
    return [];
  }
}

const UNSTABLE_AUTH_METADATA = '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata';

/** `GET /auth_metadata` (spec v1.15; MSC2965's unstable path before it): undefined when the server does not delegate. */
async function fetchOAuthServer(
  server: DiscoveredServer,
  signal: AbortSignal | undefined,
  paths: string[],
): Promise<OAuthServer | undefined> {
  for (const path of paths) {
    try {
      const parsed = authMetadataSchema.safeParse((await requestJson(`${server.baseUrl}${path}`, { signal })).body);
      const described = parsed.success ? describeOAuthServer(parsed.data) : undefined;
      if (described) return described;
    } catch {
      // Try the next path; none answering means the server does not delegate.
    }
  }
  return undefined;
}

export async function fetchPasswordPolicy(server: DiscoveredServer, signal?: AbortSignal): Promise<PasswordPolicy> {
  try {
    const parsed = passwordPolicySchema.safeParse(
      (await requestJson(endpoint(server, '/password_policy'), { signal })).body,
    );
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
