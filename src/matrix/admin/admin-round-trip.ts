import * as z from 'zod/mini';

/**
 * What the desk keeps between sending an admin to MAS and their return: as the sign-up flow keeps
 * its own (`../oauth/round-trip.ts`), only in this tab's sessionStorage, only until the return, and
 * never a token. A key of its own, so that neither page ever takes the other's for its own.
 */
export const adminRoundTripSchema = z.object({
  state: z.string(),
  verifier: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
  /** The issuer the admin was sent to: an answer naming another (RFC 9207 `iss`) is refused. */
  issuer: z.string(),
  issRequired: z.optional(z.boolean()),
  tokenEndpoint: z.string(),
  revocationEndpoint: z.optional(z.string()),
  userinfoEndpoint: z.optional(z.string()),
});
export type AdminRoundTrip = z.infer<typeof adminRoundTripSchema>;

export const ADMIN_ROUND_TRIP_KEY = 'matrix-signup.admin-round-trip';

export function saveAdminRoundTrip(roundTrip: AdminRoundTrip): void {
  sessionStorage.setItem(ADMIN_ROUND_TRIP_KEY, JSON.stringify(roundTrip));
}

/** The round trip this tab started, removed as it is read: an answer can be used once. */
export function takeAdminRoundTrip(): AdminRoundTrip | undefined {
  const saved = sessionStorage.getItem(ADMIN_ROUND_TRIP_KEY);
  sessionStorage.removeItem(ADMIN_ROUND_TRIP_KEY);
  if (saved === null) return undefined;
  try {
    const parsed = adminRoundTripSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
