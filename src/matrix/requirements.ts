import * as z from 'zod/mini';
import type { DiscoveredServer } from './discovery';
import { parseHttpUrl } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import { formNeeds, need, NATIVE_STAGES, type Need } from './flow';
import { endpoint } from './homeserver';
import { requestJson } from './http';
import { AUTH_METADATA_V1, fetchAuthMetadata, findOAuthServer } from './oauth/find-oauth-server';
import type { OAuthServer } from './oauth/metadata';
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
  const beside = fetchOAuthServer(server, signal);
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
    // The seed's 400 asks for a password, which is not a refusal: nothing to look for elsewhere.
    const seed = server.prefix === '/_matrix/client/api/v2_alpha';
    if (seed && error instanceof MatrixApiError && error.errcode === 'M_MISSING_PARAM') return { kind: 'unknown' };
    const refused = refusal(error);
    if (refused === undefined) throw error;
    // Refused: not "closed" before the OAuth server is looked for (homeservers.md §5.1, §5.3). Synapse
    // with MAS answers 403, with MSC3861 400, continuwuity's exclusive mode 404 (§2.1, §2.7).
    const oauth = await findOAuthServer(server, { v1: beside, askAuthIssuer: refused !== 403, signal });
    if (oauth) return { kind: 'oauth', oauth };
    if (refused === 403 && error instanceof MatrixApiError) {
      const flows = await loginFlows;
      return { kind: 'disabled', singleSignOn: flows.some((flow) => flow === 'm.login.sso' || flow === 'm.login.cas') };
    }
    throw error;
  }
}

/**
 * The status of an answer that refuses `POST /register {}` for people: 400, 403, 404, or
 * `M_UNRECOGNIZED` at any status. Rate limits, 5xx and the rest are not refusals: they are thrown.
 */
function refusal(error: unknown): 400 | 403 | 404 | undefined {
  if (!(error instanceof MatrixApiError || error instanceof TransportError)) return undefined;
  if (error instanceof MatrixApiError && error.errcode === 'M_UNRECOGNIZED') return 404;
  return error.status === 400 || error.status === 403 || error.status === 404 ? error.status : undefined;
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

/** `GET /_matrix/client/v1/auth_metadata` (spec v1.15): undefined when the server does not delegate. */
function fetchOAuthServer(server: DiscoveredServer, signal?: AbortSignal): Promise<OAuthServer | undefined> {
  return fetchAuthMetadata(server.baseUrl, AUTH_METADATA_V1, signal);
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
