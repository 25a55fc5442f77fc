import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from './harness';

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('npm run mock-server', () => {
  it('takes --scenario, --server-name and --config, and logs each request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-config-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ allowGuests: true, existingUsers: [['carol', 'pw']] }));
    const server = await startCli(['--scenario', 'token', '--server-name', 'example.org', '--config', configFile]);
    try {
      const flows = (await (
        await fetch(`${server.url}/_matrix/client/v3/register`, { method: 'POST', body: '{}' })
      ).json()) as { flows: unknown };
      expect(flows.flows).toEqual([{ stages: ['m.login.registration_token', 'm.login.dummy'] }]);
      const guest = (await (
        await fetch(`${server.url}/_matrix/client/v3/register?kind=guest`, { method: 'POST', body: '{}' })
      ).json()) as { user_id: string };
      expect(guest.user_id).toBe('@1:example.org');
      const taken = (await (
        await fetch(`${server.url}/_matrix/client/v3/register/available?username=carol`)
      ).json()) as { errcode: string };
      expect(taken.errcode).toBe('M_USER_IN_USE');
      await expect.poll(() => server.output()).toMatch(/GET \/_matrix\/client\/v3\/register\/available 400/);
    } finally {
      server.stop();
    }
  });

  it('refuses an unknown scenario or a bad config knob with a clear message and exit code 2', async () => {
    const scenario = await runCli(['--scenario', 'nope']);
    expect(scenario.code).toBe(2);
    expect(scenario.output).toContain('Unknown scenario: nope');
    const dir = mkdtempSync(join(tmpdir(), 'mock-config-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ enableRegistrations: false }));
    const config = await runCli(['--port', '0', '--config', join(dir, 'bad.json')]);
    expect(config.code).toBe(2);
    expect(config.output).toContain('enableRegistrations');
  });
});
