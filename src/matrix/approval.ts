import * as z from 'zod/mini';
import { MatrixApiError } from './errors';

/**
 * MSC3866's answer to the request that completes sign-up on a server whose admins approve new
 * accounts: the account exists, and cannot be used until an admin approves it. Synapse with
 * `experimental_features.msc3866.require_approval_for_new_accounts` sends the unstable names (403
 * `ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL`, `approval_notice_medium:
 * "org.matrix.msc3866.none"`: recording `ap.register_dummy`, homeservers.md §4.5); the MSC's stable
 * names are `M_USER_AWAITING_APPROVAL`, `m.none` and `m.email`. The errcode alone says it; the
 * status is not checked (the MSC says 403, and no other meaning shares the errcode).
 */
export const awaitingApprovalSchema = z.looseObject({
  errcode: z.enum(['ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL', 'M_USER_AWAITING_APPROVAL']),
  error: z.optional(z.string()),
  approval_notice_medium: z.optional(z.unknown()),
});

/**
 * How the person learns of the approval (MSC3866 `approval_notice_medium`): `email` to an address
 * given at sign-up; `none` when the server does not tell them (an admin may, or they try to sign in
 * later). Anything else, or nothing, is read as `none`: the page promises no email it was not told of.
 */
export type ApprovalNotice = 'email' | 'none';

const EMAIL_NOTICE = new Set(['org.matrix.msc3866.email', 'm.email']);

/** The approval answer in `error`, or undefined when `error` is anything else. */
export function awaitingApproval(error: unknown): { notice: ApprovalNotice } | undefined {
  if (!(error instanceof MatrixApiError)) return undefined;
  const parsed = awaitingApprovalSchema.safeParse(error.body);
  if (!parsed.success) return undefined;
  const medium = parsed.data.approval_notice_medium;
  return { notice: typeof medium === 'string' && EMAIL_NOTICE.has(medium) ? 'email' : 'none' };
}
