import * as z from 'zod/mini';
import { MatrixApiError, TransportError } from './errors';
import type { ApiPrefix } from './homeserver';
import { requestJson } from './http';

/** `GET /_matrix/client/versions`. */
export const versionsSchema = z.looseObject({
  versions: z.array(z.string()),
  unstable_features: z.optional(z.record(z.string(), z.boolean())),
});

/** The newest prefix the server speaks: v3 from spec v1.1, else r0, else the seed's v2_alpha. */
export function choosePrefix(versions: readonly string[]): ApiPrefix {
  if (versions.some((version) => /^v[1-9]\d*\.\d+/.test(version) && version !== 'v1.0')) return '/_matrix/client/v3';
  if (versions.some((version) => /^r0\.\d+\.\d+$/.test(version))) return '/_matrix/client/r0';
  return '/_matrix/client/api/v2_alpha';
}

/**
 * The prefix to use at `baseUrl`. A server that answers `/versions` with a Matrix 404 speaks Matrix
 * but predates that endpoint: the seed's v2_alpha. Anything else that is not a versions object throws.
 */
export async function fetchPrefix(baseUrl: string, signal?: AbortSignal): Promise<ApiPrefix> {
  try {
    const response = await requestJson(`${baseUrl}/_matrix/client/versions`, { signal, timeoutMs: 10_000 });
    const parsed = versionsSchema.safeParse(response.body);
    if (!parsed.success) throw new TransportError('not-json', response.status);
    return choosePrefix(parsed.data.versions);
  } catch (error) {
    if (error instanceof MatrixApiError && error.status === 404 && error.errcode === 'M_UNRECOGNIZED') {
      return '/_matrix/client/api/v2_alpha';
    }
    throw error;
  }
}
