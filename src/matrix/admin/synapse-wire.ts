import * as z from 'zod/mini';
import type { InviteToken } from './desk-api';

/**
 * One token as Synapse's admin API answers it (`synapse/rest/admin/registration_tokens.py`: the
 * list's items, `/new`'s answer, and GET/PUT of one token).
 */
export const synapseTokenSchema = z.looseObject({
  token: z.string(),
  uses_allowed: z.nullable(z.number()),
  pending: z.number(),
  completed: z.number(),
  expiry_time: z.nullable(z.number()),
});
export type SynapseToken = z.infer<typeof synapseTokenSchema>;

/** `GET /_synapse/admin/v1/registration_tokens[?valid=…]`. */
export const synapseTokenListSchema = z.looseObject({ registration_tokens: z.array(synapseTokenSchema) });

/** `POST /login` 200 (spec: "Login"); only what the desk keeps. */
export const loginAnswerSchema = z.looseObject({ user_id: z.string(), access_token: z.string() });

/** `GET /account/whoami` 200. */
export const whoamiSchema = z.looseObject({ user_id: z.string() });

/**
 * Synapse's own rule for a usable token, `get_registration_tokens(valid=True)`
 * (`synapse/storage/databases/main/registration.py:1779`): uses left and not expired. Only the
 * unfiltered list is judged here, with this browser's clock; filtered lists carry the server's word.
 */
export function synapseTokenIsValid(token: SynapseToken, now: number): boolean {
  const usesLeft = token.uses_allowed === null || token.uses_allowed > token.pending + token.completed;
  return usesLeft && (token.expiry_time === null || token.expiry_time > now);
}

export function inviteTokenOfSynapse(token: SynapseToken, valid: boolean): InviteToken {
  return {
    // Synapse has no other handle for a token than its text.
    id: token.token,
    token: token.token,
    usesAllowed: token.uses_allowed,
    timesUsed: token.completed,
    pending: token.pending,
    expiresAt: token.expiry_time,
    revokedAt: null,
    createdAt: null,
    lastUsedAt: null,
    valid,
  };
}
