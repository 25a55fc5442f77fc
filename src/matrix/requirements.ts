import * as z from 'zod/mini';
import type { DiscoveredServer } from './discovery';
import { parseHttpUrl } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import { need, NATIVE_STAGES, type Need } from './flow';
import { endpoint } from './homeserver';
import { requestJson } from './http';
import { uiaResponseSchema, STAGE, type UiaResponse } from './uia';

/** `GET /login` (spec `login.yaml`). */
export const loginFlowsSchema = z.looseObject({
  flows: z.array(z.looseObject({ type: z.string(), oauth_aware_preferred: z.optional(z.boolean()) })),
});

/** OAuth 2.0 server metadata (spec v1.15 `auth_metadata`), the parts a sign-up page uses. */
export const authMetadataSchema = z.looseObject({
  issuer: z.string(),
  account_management_uri: z.optional(z.string()),
  prompt_values_supported: z.optional(z.array(z.string())),
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
    }
  /** An older server (v2_alpha) that cannot be asked without a password: find out on submit. */
  | { kind: 'unknown' }
  | { kind: 'disabled'; singleSignOn: boolean }
  | { kind: 'oauth'; issuer: string; accountUrl?: string; canCreate: boolean };

/** What this server needs before anyone types: `POST /register {}` (Element and Cinny do the same) and `GET /login`. */
export async function fetchRequirements(server: DiscoveredServer, signal?: AbortSignal): Promise<Requirements> {
  const loginFlows = fetchLoginFlows(server, signal);
  try {
    const response = await requestJson(endpoint(server, '/register'), {
      method: 'POST',
      json: {},
      signal,
      acceptStatuses: [401],
    });
    const uia = uiaResponseSchema.safeParse(response.body);
    if (response.status !== 401 || !uia.success) throw new TransportError('not-json', response.status);
    return describeFlows(uia.data);
  } catch (error) {
    if (!(error instanceof MatrixApiError)) throw error;
    if (error.status === 403) {
      const flows = await loginFlows;
      return { kind: 'disabled', singleSignOn: flows.some((flow) => flow === 'm.login.sso' || flow === 'm.login.cas') };
    }
    if (error.status === 404 || error.errcode === 'M_UNRECOGNIZED') {
      const oauth = await fetchAuthMetadata(server, signal);
      if (oauth) return oauth;
      if (server.oauthIssuer)
        return { kind: 'oauth', issuer: server.oauthIssuer, accountUrl: server.oauthAccountUrl, canCreate: false };
      throw error;
    }
    if (error.errcode === 'M_MISSING_PARAM' && server.prefix === '/_matrix/client/api/v2_alpha')
      return { kind: 'unknown' };
    throw error;
  }
}

export function describeFlows(uia: UiaResponse): Requirements {
  const flows = uia.flows.map((flow) => flow.stages);
  const captcha = uia.params?.[STAGE.recaptcha] as { public_key?: unknown } | undefined;
  return {
    kind: 'stages',
    flows,
    uia,
    token: need(flows, STAGE.registrationToken),
    email: need(flows, STAGE.email),
    terms: need(flows, STAGE.terms) === 'none' ? [] : parsePolicies(uia.params?.[STAGE.terms]),
    ...(typeof captcha?.public_key === 'string' ? { captchaKey: captcha.public_key } : {}),
    otherStages: [...new Set(flows.flat().filter((stage) => !NATIVE_STAGES.has(stage)))],
  };
}

/** `m.login.terms` params (spec `m.login.terms_params.yaml`), defensively: unsafe links are dropped, policies never. */
export function parsePolicies(params: unknown): Policy[] {
  const policies = (params as { policies?: unknown } | undefined)?.policies;
  if (typeof policies !== 'object' || policies === null) return [];
  return Object.entries(policies as Record<string, unknown>).flatMap(([id, value]) => {
    const { version, ...languages } = (typeof value === 'object' && value !== null ? value : {}) as Record<
      string,
      unknown
    >;
    const translations: Policy['translations'] = {};
    for (const [lang, entry] of Object.entries(languages)) {
      const { name, url } = (typeof entry === 'object' && entry !== null ? entry : {}) as {
        name?: unknown;
        url?: unknown;
      };
      const safeUrl = typeof url === 'string' ? parseHttpUrl(url)?.href : undefined;
      if (typeof name === 'string') translations[lang] = safeUrl ? { name, url: safeUrl } : { name };
    }
    // Accepting the stage accepts every policy the server listed, so none may go unshown.
    if (Object.keys(translations).length === 0) translations.en = { name: id };
    return [{ id, version: typeof version === 'string' ? version : '', translations }];
  });
}

async function fetchLoginFlows(server: DiscoveredServer, signal?: AbortSignal): Promise<string[]> {
  try {
    const parsed = loginFlowsSchema.safeParse((await requestJson(endpoint(server, '/login'), { signal })).body);
    return parsed.success ? parsed.data.flows.map((flow) => flow.type) : [];
  } catch {
    return [];
  }
}

async function fetchAuthMetadata(server: DiscoveredServer, signal?: AbortSignal): Promise<Requirements | undefined> {
  for (const path of [
    '/_matrix/client/v1/auth_metadata',
    '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
  ]) {
    try {
      const parsed = authMetadataSchema.safeParse((await requestJson(`${server.baseUrl}${path}`, { signal })).body);
      if (parsed.success && parseHttpUrl(parsed.data.issuer)) {
        const account = parsed.data.account_management_uri;
        return {
          kind: 'oauth',
          issuer: parsed.data.issuer,
          accountUrl: account !== undefined && parseHttpUrl(account) ? account : undefined,
          canCreate: parsed.data.prompt_values_supported?.includes('create') ?? false,
        };
      }
    } catch {
      // Try the next path; neither answering means the server does not delegate.
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
