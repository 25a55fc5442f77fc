import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';

export interface MemoryReport {
  rss: number;
  heapUsed: number;
  accounts: number;
}

/** Starts the HTTP mock server (open scenario: no rate limits) in a child process. */
export async function startMockServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = fork('scripts/bench/mock-server-child.ts', [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  return { child, base: `http://127.0.0.1:${String(message.port)}` };
}

export async function memoryOf(child: ChildProcess): Promise<MemoryReport> {
  child.send('memory');
  const [report] = (await once(child, 'message')) as [MemoryReport];
  return report;
}

export async function stopMockServer(child: ChildProcess): Promise<void> {
  child.send('stop');
  await once(child, 'exit');
}

/**
 * Keep-alive connections, one per client, over `node:http`: the load generator shares the machine's
 * two cores with the server, and `fetch` costs it several times more per request (its streams),
 * which measured the client, not the server (the server sat half idle at ~1,100 sign-ups/s).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(base: string, body: unknown): Promise<{ status: number; body: { session?: string } }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${base}/_matrix/client/v3/register`,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { session?: string },
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** One whole registration as a client makes it: the 401 with a session, then the dummy stage. */
async function registerOne(base: string, username: string): Promise<void> {
  const first = await post(base, { username, password: 'a bench password', inhibit_login: true });
  const done = await post(base, { auth: { type: 'm.login.dummy', session: first.body.session } });
  if (done.status !== 200) throw new Error(`registration of ${username} answered ${String(done.status)}`);
}

/**
 * `total` registrations by `clients` concurrent clients, each registering its next name as soon as
 * the last one is done. Returns the wall-clock seconds taken.
 */
export async function registerMany(base: string, total: number, clients: number, prefix: string): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const index = next++;
        await registerOne(base, `${prefix}${String(index)}`);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}
