import { readFileSync } from 'node:fs';

/** The five configurations the recorded Synapse ran in (README beside the transcript). */
export type SynapseConfigName = 'open' | 'token' | 'closed' | 'ratelimit' | 'terms';

/** One request to Synapse 1.94.0 and its answer, as recorded. */
export interface Exchange {
  case: string;
  config: SynapseConfigName;
  method: string;
  path: string;
  request_headers: Record<string, string>;
  request_body: string | null;
  status: number;
  response_headers: Record<string, string>;
  response_body: string;
  note?: string;
}

/** `../shared/spec/synapse-1.94/transcripts.jsonl`, vendored so that CI needs nothing beside the clone. */
const TRANSCRIPT = new URL('./synapse-1.94.jsonl', import.meta.url);

export function loadTranscript(): Exchange[] {
  return readFileSync(TRANSCRIPT, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Exchange);
}
