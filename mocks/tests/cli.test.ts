import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedSecretMac } from '../model/admin';
import { FAMILY_NAMES } from '../model/families';
import { scenarios } from '../model/scenarios';
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

  it("takes the admin API's shared secret from --config", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-config-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ registrationSharedSecret: 'our own secret' }));
    const server = await startCli(['--config', configFile]);
    try {
      const signUp = async (secret: string, username: string) => {
        const endpoint = `${server.url}/_synapse/admin/v1/register`;
        const { nonce } = (await (await fetch(endpoint)).json()) as { nonce: string };
        const mac = await sharedSecretMac(secret, { nonce, username, password: 'pw', admin: false });
        const reply = await fetch(endpoint, {
          method: 'POST',
          body: JSON.stringify({ nonce, username, password: 'pw', mac }),
        });
        return reply.status;
      };
      expect(await signUp('mock-registration-shared-secret', 'old')).toBe(403);
      expect(await signUp('our own secret', 'new')).toBe(200);
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

  it('refuses an unknown homeserver, or one that cannot play the scenario, by name', async () => {
    const family = await runCli(['--homeserver', 'nope']);
    expect([family.code, family.output.includes('Unknown homeserver: nope')]).toEqual([2, true]);
    const unplayable = await runCli(['--port', '0', '--homeserver', 'conduit-0.9', '--scenario', 'email']);
    expect([unplayable.code, unplayable.output.includes('it has no email stage')]).toEqual([2, true]);
  });

  it('--homeserver answers as that family, and says which', async () => {
    const server = await startCli(['--homeserver', 'dendrite', '--scenario', 'captcha']);
    try {
      const reply = await fetch(`${server.url}/_matrix/client/v3/register`, { method: 'POST', body: '{}' });
      const body = (await reply.json()) as Record<string, unknown>;
      expect([body.flows, body.completed]).toEqual([[{ stages: ['m.login.recaptcha'] }], []]);
      expect(reply.headers.get('access-control-allow-headers')).toBe(
        'Origin, X-Requested-With, Content-Type, Accept, Authorization',
      );
      expect(server.output()).toContain('playing Dendrite 0.15');
    } finally {
      server.stop();
    }
  });
});

describe('the matrix-mock-homeserver bin', () => {
  it('--help lists every option and scenario, and exits 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--port', '--host', '--scenario', '--homeserver', '--server-name', '--config', '--help'])
      expect(help.output).toContain(option);
    for (const name of Object.keys(scenarios)) expect(help.output).toMatch(new RegExp(`^  ${name} `, 'm'));
    for (const name of FAMILY_NAMES) expect(help.output).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('--port 0 takes a free port and names itself, its OAuth issuer and its links by it', async () => {
    const server = await startCli(['--scenario', 'oidc-hybrid']);
    try {
      const port = new URL(server.url).port;
      const register = (body: object) =>
        fetch(`${server.url}/_matrix/client/v3/register`, { method: 'POST', body: JSON.stringify(body) });
      const { session } = (await (await register({ username: 'ana', password: 'pw' })).json()) as { session: string };
      // continuwuity (which oidc-hybrid plays) keeps no parameters between requests: the whole form each time.
      const done = (await (
        await register({ username: 'ana', password: 'pw', auth: { type: 'm.login.dummy', session } })
      ).json()) as { user_id: string };
      expect(done.user_id).toBe(`@ana:localhost:${port}`);
      const metadata = (await (await fetch(`${server.url}/_matrix/client/v1/auth_metadata`)).json()) as {
        issuer: string;
      };
      expect(metadata.issuer).toBe(`http://localhost:${port}/oauth2/`);
      expect(server.output()).toContain(`Mock homeserver "localhost:${port}"`);
    } finally {
      server.stop();
    }
  });

  it('--host binds that address only, and says so', async () => {
    const server = await startCli(['--host', '127.0.0.2']);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
      expect(server.output()).toContain(`on ${server.url} (bound to 127.0.0.2)`);
      expect((await fetch(`${server.url}/_matrix/client/versions`)).status).toBe(200);
      const loopback = server.url.replace('127.0.0.2', '127.0.0.1');
      await expect(fetch(`${loopback}/_matrix/client/versions`)).rejects.toThrow();
    } finally {
      server.stop();
    }
  });

  it('says a port in use in one line, without the usage, and exits 1 (UX audit 20)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await runCli(['--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.output.trim().split('\n')).toEqual([
        `Cannot listen on 127.0.0.1:${String(port)}: port ${String(port)} is already in use. Stop what uses it, or choose another with --port (0 picks a free one). (EADDRINUSE)`,
      ]);
    } finally {
      taken.close();
    }
  });

  it('says an address that is not this machine’s in one line, without the usage', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const result = await runCli(['--port', '0', '--host', '192.0.2.1']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('192.0.2.1 is not an address of this machine');
    expect(result.output).not.toContain('Usage:');
  });

  it('refuses a bad config knob with its name and where the knobs are listed, without the usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-config-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ passwordPolicy: { minLength: 10 } }));
    const result = await runCli(['--port', '0', '--config', join(dir, 'bad.json')]);
    expect(result.code).toBe(2);
    expect(result.output).toContain('passwordPolicy');
    expect(result.output).toContain('the README\'s "Config" section');
    expect(result.output).not.toContain('Usage:');
  });

  it('refuses a port that is not one', async () => {
    for (const port of ['', 'http', '65536', '1.5']) {
      const result = await runCli(['--port', port]);
      expect(result.code).toBe(2);
      expect(result.output).toContain('Not a port');
    }
  });
});

describe('the README', () => {
  it('documents every knob of the config, by name', async () => {
    const { configSchema } = await import('../model/config');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const config = readme.slice(readme.indexOf('## Config'), readme.indexOf('## `/_mock/` endpoints'));
    expect(Object.keys(configSchema.shape).filter((knob) => !config.includes(`\`${knob}\``))).toEqual([]);
  });

  it('lists every value a knob with a fixed set of values takes, and every field of an object knob (UX audit 20)', async () => {
    const { configSchema } = await import('../model/config');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const config = readme.slice(readme.indexOf('## Config'), readme.indexOf('## `/_mock/` endpoints'));
    interface Schema {
      def: { type: string; innerType?: Schema; element?: Schema; entries?: Record<string, string> };
      shape?: Record<string, Schema>;
    }
    const missing: string[] = [];
    // Every enum, however deep (a nullable object's field, an array's items), by its path.
    const walk = (schema: Schema, path: string, depth: number): void => {
      const { def } = schema;
      if (def.type === 'nullable' || def.type === 'optional' || def.type === 'default')
        return walk(def.innerType as Schema, path, depth);
      if (def.type === 'array') return walk(def.element as Schema, path, depth);
      if (def.type === 'enum')
        for (const value of Object.values(def.entries ?? {}))
          if (!readme.includes(`\`${value}\``)) missing.push(`${path}: ${value}`);
      if (def.type === 'object')
        for (const [field, inner] of Object.entries(schema.shape ?? {})) {
          if (depth === 1 && !new RegExp(`\\b${field}\\b`).test(config)) missing.push(`${path}.${field}`);
          walk(inner, path ? `${path}.${field}` : field, depth + 1);
        }
    };
    walk(configSchema, '', 0);
    expect(missing).toEqual([]);
  });
});
