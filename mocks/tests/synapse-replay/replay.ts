import { getResponse } from 'msw';
import { request as httpRequest } from 'node:http';
import { createHandlers } from '../../handlers';
import { MockController } from '../../model/controller';
import { fakeEnvironment } from '../../model/environment';
import type { HomeserverState } from '../../model/state';
import { listenOnLoopback } from '../harness';
import { Carry, type OutgoingRequest } from './carry';
import { compareAnswer, type Answer, type Difference } from './compare';
import { synapseConfigs } from './synapse-configs';
import { timeline } from './timeline';
import type { Exchange } from './transcript';

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

/** Replays the exchanges in order against a mock configured like the recorded Synapse. */
export async function replay(
  exchanges: readonly Exchange[],
  open: (controller: MockController) => Promise<Transport>,
): Promise<ReplayedExchange[]> {
  const times = timeline(exchanges);
  const env = fakeEnvironment(1, times[0]);
  const carry = new Carry(String(synapseConfigs.open.registrationSharedSecret));
  const results: ReplayedExchange[] = [];
  let controller: MockController | undefined;
  let transport: Transport | undefined;
  let section: string | undefined;
  try {
    for (const [index, exchange] of exchanges.entries()) {
      env.advance((times[index] ?? env.now()) - env.now());
      if (exchange.config !== section) {
        await transport?.close();
        const overrides = synapseConfigs[exchange.config];
        controller = controller
          ? MockController.restore(restarted(controller.homeserver.state), { overrides, env })
          : await MockController.create({ overrides, env });
        transport = await open(controller);
        section = exchange.config;
      }
      const request = carry.rewrite(exchange);
      const answer = await (transport as Transport).send(request);
      const requested = parseRequestBody(request.body);
      results.push({
        exchange,
        answer,
        differences: compareAnswer(exchange, answer, { requested, known: (value) => carry.known(value) }),
      });
      carry.learn(exchange, answer.body);
    }
  } finally {
    await transport?.close();
  }
  return results;
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
