import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readmePlaywrightExample } from './readme-example';
import { serveFolder } from './serve-folder';

/**
 * `npm run test:package`: packs `mocks/` as npm would publish it, installs the tarball into a new
 * project in the system's temp folder (no `node_modules` of this repository above it, none of its
 * paths on PATH), and there (a) with only matrix-js-sdk beside it (the optional peers absent),
 * starts the bin and signs up, and imports the entries that need no peer; then, with the peers,
 * (b) runs MSW's `setupServer` with the handlers under node:test, (c) runs a Playwright test with
 * the fixture, and the README's own Playwright example, read from `mocks/README.md` and run as
 * written against this page's production build (UX audit 7: it had rotted), (d) type-checks every
 * entry point, and the README example, with TypeScript's NodeNext resolution. Prints the figures.
 */

const repo = resolve(import.meta.dirname, '../..');
const projectFiles = join(import.meta.dirname, 'project');
/** What the outside project installs beside the tarball: the versions this repository tests with, so npm's cache has them. */
const CLIENT = 'matrix-js-sdk';
/** Installed after check (a): the optional peers, and TypeScript for (d). */
const PEERS = ['msw', '@playwright/test', 'typescript', '@types/node'];
const INSTALL = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
/** The entries that must load with no optional peer installed. */
const WITHOUT_PEERS = `await import('matrix-mock-homeserver'); await import('matrix-mock-homeserver/server');
try { await import('msw'); console.error('msw is installed'); process.exit(1); } catch {}`;
const ALLOWED_IN_TARBALL = /^(package\.json|README\.md|LICENSE|bin\/matrix-mock-homeserver\.js|dist\/.+\.(js|d\.ts))$/;

/** This page's production build, for the README example to sign up through. */
function buildPage(outDir: string) {
  run(
    process.execPath,
    [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    repo,
    // The repository's own config (public/config.json), whatever this shell builds with.
    Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'SIGNUP_CONFIG')),
  );
}

const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment of a project that has never seen this repository. */
function outsideEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') || key === 'INIT_CWD' || key === 'NODE_PATH' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !resolve(entry).startsWith(repo))
    .join(delimiter);
  return env;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    throw new Error(`${command} ${args.join(' ')} failed (exit ${String(result.status)}) in ${cwd}`);
  }
  return result;
}

/**
 * `run`, without blocking this process: the page the README example signs up through is served
 * from here (`serveFolder`), and a synchronous child would leave it unanswered.
 */
function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) =>
    child.on('exit', (code) => {
      if (code === 0) return resolvePromise(stdout);
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      reject(new Error(`${command} ${args.join(' ')} failed (exit ${String(code)}) in ${cwd}`));
    }),
  );
}

async function timed<T>(label: string, figures: [string, string][], work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  figures.push([label, `${((performance.now() - started) / 1000).toFixed(1)} s`]);
  return value;
}

/** Starts the installed bin on a free port; resolves with its URL once it listens. */
function startBin(cwd: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => void }> {
  const child = spawn(join(cwd, 'node_modules/.bin/matrix-mock-homeserver'), ['--port', '0'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url) resolvePromise({ url, stop: () => child.kill() });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the bin exited (${String(code)}): ${output}`)));
    setTimeout(() => reject(new Error(`the bin did not start within 15 s: ${output}`)), 15_000).unref();
  });
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

async function main() {
  const figures: [string, string][] = [];
  const work = mkdtempSync(join(tmpdir(), 'matrix-mock-homeserver-outside-'));
  const project = join(work, 'project');
  const env = outsideEnvironment();
  try {
    const packed = await timed('npm pack (with the build)', figures, () => {
      const out = run('npm', ['pack', '--json', '--pack-destination', work], join(repo, 'mocks'), env).stdout;
      return (JSON.parse(out.slice(out.indexOf('['))) as PackResult[])[0];
    });
    if (!packed) throw new Error('npm pack gave no tarball');
    const strays = packed.files.map((file) => file.path).filter((path) => !ALLOWED_IN_TARBALL.test(path));
    if (strays.length > 0) throw new Error(`The tarball holds files a user does not need: ${strays.join(', ')}`);
    figures.push(
      ['tarball', `${(packed.size / 1024).toFixed(1)} KB gzip, ${String(packed.entryCount)} files`],
      ['unpacked', `${(packed.unpackedSize / 1024).toFixed(1)} KB`],
    );

    cpSync(projectFiles, project, { recursive: true });
    writeFileSync(
      join(project, 'readme-example.spec.ts'),
      readmePlaywrightExample(readFileSync(join(repo, 'mocks/README.md'), 'utf8')),
    );
    const tarball = `file:${join(work, packed.filename)}`;
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'outside-project', private: true, type: 'module' }, null, 2),
    );
    await timed(`npm install the tarball and ${CLIENT}`, figures, () =>
      run('npm', ['install', ...INSTALL, '--save-dev', tarball, `${CLIENT}@${installedVersion(CLIENT)}`], project, env),
    );
    const installed = realpathSync(join(project, 'node_modules/matrix-mock-homeserver'));
    if (!installed.startsWith(realpathSync(project)))
      throw new Error(`The package resolves outside the project: ${installed}`);
    run('node', ['--input-type=module', '-e', WITHOUT_PEERS], project, env);

    await timed('(a) bin + matrix-js-sdk sign-up, no optional peer', figures, async () => {
      const server = await startBin(project, env);
      try {
        // matrix-js-sdk logs every request; the script's own last line says what happened.
        const lines = run('node', ['register-with-sdk.mjs', server.url], project, env).stdout.trim().split('\n');
        process.stdout.write(`${lines.at(-1) ?? ''}\n`);
      } finally {
        server.stop();
      }
    });
    await timed(`npm install ${PEERS.join(', ')}`, figures, () =>
      run(
        'npm',
        ['install', ...INSTALL, '--save-dev', ...PEERS.map((name) => `${name}@${installedVersion(name)}`)],
        project,
        env,
      ),
    );
    await timed('(b) MSW setupServer under node:test', figures, () =>
      process.stdout.write(
        run('node', ['--test', 'msw.test.mjs'], project, env).stdout.split('\n').slice(-9).join('\n'),
      ),
    );
    const pageDir = join(work, 'page');
    await timed("the sign-up page's production build, for the README example", figures, () => buildPage(pageDir));
    const page = await serveFolder(pageDir);
    try {
      await timed('(c) Playwright with the fixture, and the README example', figures, async () =>
        process.stdout.write(
          await runAsync(join(project, 'node_modules/.bin/playwright'), ['test'], project, {
            ...env,
            PAGE_URL: page.url,
          }),
        ),
      );
    } finally {
      await page.close();
    }
    await timed('(d) tsc over every entry point (NodeNext)', figures, () =>
      run(join(project, 'node_modules/.bin/tsc'), ['-p', '.'], project, env),
    );

    process.stdout.write(`\nmatrix-mock-homeserver ${packed.filename}, outside project in ${project}\n`);
    for (const [label, value] of figures) process.stdout.write(`  ${label.padEnd(64)}${value}\n`);
  } finally {
    if (!process.env.KEEP_PACKAGE_CHECK) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
