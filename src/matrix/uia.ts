import * as z from 'zod/mini';

/** The 401 body of User-Interactive Authentication (spec `auth_response.yaml`). */
export const uiaResponseSchema = z.looseObject({
  flows: z.array(z.looseObject({ stages: z.array(z.string()) })),
  params: z.optional(z.record(z.string(), z.unknown())),
  session: z.optional(z.string()),
  completed: z.optional(z.array(z.string())),
  errcode: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type UiaResponse = z.infer<typeof uiaResponseSchema>;

export { STAGE } from './stages';

/** What the client sends in `auth` for one stage. */
export type AuthData = { type?: string; session?: string } & Record<string, unknown>;

/** The stages of `flow` that the server has not yet recorded as completed, in order. */
export function remainingStages(uia: UiaResponse, flow: readonly string[]): string[] {
  const done = new Set(uia.completed ?? []);
  return flow.filter((stage) => !done.has(stage));
}
