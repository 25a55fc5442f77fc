import * as z from 'zod/mini';
import { orderStages } from './flow';

/**
 * The 401 body of User-Interactive Authentication (spec `auth_response.yaml`), as servers really
 * send it: `flows` is what makes it UIA; the rest is read leniently and handed on in one shape.
 * - `params`: an object (Synapse, Dendrite, continuwuity ≥0.5.7), `null` (Conduit ≤0.9, continuwuity
 *   ≤0.5.6, Tuwunel 1.0–1.3: ruma's `Box<RawJsonValue>`) or absent (Conduit 0.10+, Tuwunel ≥1.4:
 *   `Option`, skipped when `None`); anything that is not an object reads as `{}`.
 * - `completed`: absent (ruma omits it while empty; Synapse on its first answer), `[]` or filled.
 * - a flow's `stages`: absent when empty (ruma skips empty lists).
 */
export const uiaResponseSchema = z.pipe(
  z.looseObject({
    flows: z.array(z.looseObject({ stages: z.optional(z.nullable(z.array(z.string()))) })),
    params: z.optional(z.unknown()),
    session: z.optional(z.nullable(z.string())),
    completed: z.optional(z.nullable(z.array(z.string()))),
    errcode: z.optional(z.string()),
    error: z.optional(z.string()),
  }),
  z.transform((wire): UiaResponse => ({
    flows: wire.flows.map((flow) => ({ stages: flow.stages ?? [] })),
    params: isObject(wire.params) ? wire.params : {},
    ...(typeof wire.session === 'string' ? { session: wire.session } : {}),
    completed: wire.completed ?? [],
    ...(wire.errcode !== undefined ? { errcode: wire.errcode } : {}),
    ...(wire.error !== undefined ? { error: wire.error } : {}),
  })),
);

export interface UiaResponse {
  flows: { stages: string[] }[];
  /** Per stage; never null. Values are the server's and are read defensively where used. */
  params: Readonly<Record<string, unknown>>;
  session?: string;
  completed: string[];
  errcode?: string;
  error?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { STAGE } from './stages';

/** What the client sends in `auth` for one stage. */
export type AuthData = { type?: string; session?: string } & Record<string, unknown>;

/** The stages of `flow` that the server has not yet recorded as completed, in the order they are sent. */
export function remainingStages(uia: UiaResponse, flow: readonly string[]): string[] {
  const done = new Set(uia.completed);
  return orderStages(flow).filter((stage) => !done.has(stage));
}
