import * as z from 'zod/mini';
import type { InviteToken } from './desk-api';

// MAS's admin API speaks JSON:API (`crates/handlers/src/admin/response.rs`); a registration token's
// attributes are `crates/handlers/src/admin/model.rs` `UserRegistrationToken`, times as RFC 3339.

const time = z.string();
const optionalTime = z.optional(z.nullable(z.string()));

/** `UserRegistrationToken` (model.rs): every field serialized, `null` where unset. */
export const masTokenAttributesSchema = z.looseObject({
  token: z.string(),
  valid: z.boolean(),
  usage_limit: z.optional(z.nullable(z.number())),
  times_used: z.number(),
  created_at: time,
  last_used_at: optionalTime,
  expires_at: optionalTime,
  revoked_at: optionalTime,
});

/**
 * `SingleResource` (response.rs). Its `type` is the model's `KIND`, literally
 * `"user-registration_token"` (model.rs), underscore and all; `meta.page.cursor` only in lists.
 */
export const masTokenResourceSchema = z.looseObject({
  type: z.literal('user-registration_token'),
  id: z.string(),
  attributes: masTokenAttributesSchema,
  meta: z.optional(z.looseObject({ page: z.optional(z.looseObject({ cursor: z.string() })) })),
});
export type MasTokenResource = z.infer<typeof masTokenResourceSchema>;

/** `SingleResponse` (response.rs): one token, as add, get, update, revoke and unrevoke answer. */
export const masSingleTokenSchema = z.looseObject({ data: masTokenResourceSchema });

/** `PaginatedResponse` (response.rs): `links.next` only when there is a next page. */
export const masTokenPageSchema = z.looseObject({
  data: z.optional(z.array(masTokenResourceSchema)),
  links: z.looseObject({ next: z.optional(z.string()) }),
});

/** `ErrorResponse` (response.rs): the error and its sources, as `{title}`s. */
export const masErrorsSchema = z.looseObject({ errors: z.array(z.looseObject({ title: z.string() })) });

/** MAS's userinfo (`crates/handlers/src/oauth2/userinfo.rs`): `{sub, username}` for an `openid` session. */
export const masUserinfoSchema = z.looseObject({ sub: z.string(), username: z.optional(z.string()) });

/** An RFC 3339 time as milliseconds; undefined when it is not one (a shape the desk cannot read). */
function millis(value: string | null | undefined): number | null | undefined {
  if (value === null || value === undefined) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The desk's token, or undefined when a time in it is not a time. */
export function inviteTokenOfMas(resource: MasTokenResource): InviteToken | undefined {
  const { attributes } = resource;
  const createdAt = millis(attributes.created_at);
  const lastUsedAt = millis(attributes.last_used_at);
  const expiresAt = millis(attributes.expires_at);
  const revokedAt = millis(attributes.revoked_at);
  if (createdAt === undefined || lastUsedAt === undefined || expiresAt === undefined || revokedAt === undefined) {
    return undefined;
  }
  return {
    id: resource.id,
    token: attributes.token,
    usesAllowed: attributes.usage_limit ?? null,
    timesUsed: attributes.times_used,
    // MAS counts only finished sign-ups (`times_used`); it has no pending count.
    pending: null,
    expiresAt,
    revokedAt,
    createdAt,
    lastUsedAt,
    valid: attributes.valid,
  };
}
