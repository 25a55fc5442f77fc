import { getResponse } from 'msw';
import { request as httpRequest } from 'node:http';
import { createHandlers } from '../../handlers';
import { MockController } from '../../model/controller';
import { fakeEnvironment } from '../../model/environment';
import type { HomeserverState } from '../../model/state';
import { listenOnLoopback } from '../harness';
import type { ConfigOverrides } from '../../model/config';
import type { MailMessage } from '../../model/state';
import { Carry, RECORDED_SHARED_SECRET, type OutgoingRequest } from './carry';
import { compareAnswer, type Answer, type Difference } from './compare';
import { synapseConfigs } from './synapse-configs';
import { timeline } from './timeline';
import type { Exchange, RecordedEmail } from './transcript';

export interface Transport {
  send(request: OutgoingRequest): Promise<Answer>;
  close(): Promise<void>;
}

export interface ReplayedExchange {
  exchange: Exchange;
  answer: Answer;
  differences: Difference[];
}

function lowerCaseHeaders(entries: Iterable<[string, string]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) headers[name.toLowerCase()] = value;
  return headers;
}

/** The handler set that the browser's service worker and Node tests run (MSW's `getResponse`). */
export function throughHandlers(controller: MockController): Promise<Transport> {
  const handlers = createHandlers(controller);
  const origin = new URL(controller.homeserver.config.publicBaseUrl).origin;
  return Promise.resolve({
    async send({ method, path, headers, body }) {
      const request = new Request(`${origin}${path}`, {
        method,
        headers,
        // Bytes, so that nothing adds a content type the recording did not send.
        body: body === null ? undefined : new TextEncoder().encode(body),
      });
      const response = await getResponse(handlers, request);
      // Unanswered: MSW would pass the request on to the network, which the replay reports as status 0.
      if (!response) return { status: 0, headers: {}, body: '' };
      return { status: response.status, headers: lowerCaseHeaders(response.headers), body: await response.text() };
    },
    close: () => Promise.resolve(),
  });
}

/** The HTTP server on loopback, sent exactly the recorded headers and bytes. */
export async function overHttp(controller: MockController): Promise<Transport> {
  const server = await listenOnLoopback(controller);
  return {
    send: ({ method, path, headers, body }) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest(`${server.base}${path}`, { method, headers }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: lowerCaseHeaders(
                Object.entries(incoming.headers).map(([name, value]) => [name, String(value)] as [string, string]),
              ),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        });
        outgoing.on('error', reject);
        outgoing.end(body ?? undefined);
      }),
    close: () => server.close(),
  };
}

/**
 * Synapse was restarted with each new configuration over the same database: what it keeps in
 * memory (rate-limit counts, shared-secret nonces) starts afresh, the rest carries over.
 */
function restarted(state: HomeserverState): HomeserverState {
  return { ...structuredClone(state), rateLimits: {}, nonces: {} };
}

/** How a recording was made, for the replay to do the same. */
export interface RecordingSetup {
  /** The mock's config for each of the recording's configurations. */
  configs: Readonly<Record<string, ConfigOverrides>>;
  /** The recorded server's shared secret: a `mac` right for it is made right for the mock's. */
  sharedSecret: string;
  /** Each configuration on an empty database (the email recording), or all over one (the first). */
  freshDatabase: boolean;
  /** The clock reading at each exchange. */
  times: (exchanges: readonly Exchange[]) => number[];
  /** The emails Synapse sent, by the case of the request that sent them. */
  emails?: readonly RecordedEmail[];
}

export const FIRST_RECORDING: RecordingSetup = {
  configs: synapseConfigs,
  sharedSecret: RECORDED_SHARED_SECRET,
  freshDatabase: false,
  times: timeline,
};

/** Replays the exchanges in order against a mock configured like the recorded Synapse. */
export async function replay(
  exchanges: readonly Exchange[],
  open: (controller: MockController) => Promise<Transport>,
  setup: RecordingSetup = FIRST_RECORDING,
): Promise<ReplayedExchange[]> {
  const times = setup.times(exchanges);
  const env = fakeEnvironment(1, times[0]);
  const overridesFor = (name: string) => setup.configs[name] ?? {};
  const carry = new Carry(
    setup.sharedSecret,
    String(overridesFor(exchanges[0]?.config ?? '').registrationSharedSecret),
  );
  const results: ReplayedExchange[] = [];
  let controller: MockController | undefined;
  let transport: Transport | undefined;
  let section: string | undefined;
  try {
    for (const [index, exchange] of exchanges.entries()) {
      env.advance((times[index] ?? env.now()) - env.now());
      if (exchange.config !== section) {
        await transport?.close();
        const overrides = overridesFor(exchange.config);
        controller =
          controller && !setup.freshDatabase
            ? MockController.restore(restarted(controller.homeserver.state), { overrides, env })
            : await MockController.create({ overrides, env });
        transport = await open(controller);
        section = exchange.config;
      }
      const live = controller as MockController;
      const request = carry.rewrite(exchange);
      const sentBefore = live.homeserver.state.inbox.length;
      const answer = await (transport as Transport).send(request);
      const requested = parseRequestBody(request.body);
      const differences = compareAnswer(exchange, answer, { requested, known: (value) => carry.known(value) });
      carry.learn(exchange, answer.body);
      const recordedEmails = (setup.emails ?? []).filter((email) => email.case === exchange.case);
      const mockEmails = live.homeserver.state.inbox.slice(sentBefore);
      differences.push(...compareEmails(recordedEmails, mockEmails, carry));
      results.push({ exchange, answer, differences });
    }
  } finally {
    await transport?.close();
  }
  return results;
}

/**
 * The mock's emails against Synapse's, read through its inbox where Synapse's went to the mail
 * sink: as many, to the same address, each with one link of the same path and parameters, and no
 * code to type (Synapse's has none). The wording is the mock's own. Each link's token is carried
 * so that the replay opens the mock's link where the recording opened Synapse's.
 */
function compareEmails(recorded: readonly RecordedEmail[], sent: readonly MailMessage[], carry: Carry): Difference[] {
  if (recorded.length !== sent.length) {
    return [{ what: 'emails sent', recorded: recorded.length, actual: sent.length }];
  }
  const differences: Difference[] = [];
  recorded.forEach((email, index) => {
    const message = sent[index] as MailMessage;
    if (message.to !== email.to) differences.push({ what: 'email to', recorded: email.to, actual: message.to });
    const recordedLink = new URL(email.links[0] ?? '');
    const mockLink = new URL(message.link);
    if (recordedLink.pathname !== mockLink.pathname || recordedLink.origin !== mockLink.origin) {
      differences.push({
        what: 'email link',
        recorded: recordedLink.origin + recordedLink.pathname,
        actual: mockLink.origin + mockLink.pathname,
      });
    }
    const keys = (url: URL) => [...url.searchParams.keys()].sort().join(',');
    if (keys(recordedLink) !== keys(mockLink)) {
      differences.push({ what: 'email link parameters', recorded: keys(recordedLink), actual: keys(mockLink) });
    }
    if (message.code !== undefined) differences.push({ what: 'email code', recorded: undefined, actual: message.code });
    carry.learnLink(recordedLink, mockLink);
  });
  return differences;
}

function parseRequestBody(body: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body ?? '');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
