import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

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

/** One whole registration as a client makes it: the 401 with a session, then the dummy stage. */
async function registerOne(base: string, username: string): Promise<void> {
  const post = async (body: unknown) => {
    const response = await fetch(`${base}/_matrix/client/v3/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { session?: string } };
  };
  const first = await post({ username, password: 'a bench password', inhibit_login: true });
  const done = await post({ auth: { type: 'm.login.dummy', session: first.body.session } });
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
