import { readFileSync } from 'node:fs';

/** The five configurations of the first recording (README beside `../shared/spec/synapse-1.94/`). */
export type FirstConfigName = 'open' | 'token' | 'closed' | 'ratelimit' | 'terms';
/** The eight of the email recording, each on a fresh database (`../shared/spec/synapse-1.94-email/`). */
export type EmailConfigName =
  | 'email-required'
  | 'email-optional'
  | 'token-email'
  | 'password-policy'
  | 'denied-domain'
  | 'guest'
  | 'approval'
  | 'captcha';
export type SynapseConfigName = FirstConfigName | EmailConfigName;

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

/** One email Synapse sent, as the mail sink kept it; `case` is the request that sent it. */
export interface RecordedEmail {
  case: string;
  config: EmailConfigName;
  n: number;
  to: string;
  subject: string;
  text: string;
  links: string[];
}

export type TranscriptSet = 'first' | 'email';

/** The recordings, vendored so that CI needs nothing beside the clone. */
const FILES: Record<TranscriptSet, URL> = {
  first: new URL('./synapse-1.94.jsonl', import.meta.url),
  email: new URL('./synapse-1.94-email.jsonl', import.meta.url),
};
const EMAILS = new URL('./synapse-1.94-emails.jsonl', import.meta.url);

function readJsonLines<T>(file: URL): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function loadTranscript(set: TranscriptSet = 'first'): Exchange[] {
  return readJsonLines<Exchange>(FILES[set]);
}

export function loadEmails(): RecordedEmail[] {
  return readJsonLines<RecordedEmail>(EMAILS);
}
