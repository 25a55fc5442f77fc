import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * nginx and Caddy serving a build with the configurations docs/deploying.md gives admins, taken
 * from the guide itself so that what it says is what is tested. Only what cannot work on loopback
 * is changed: the TLS listeners become plain ports on 127.0.0.1, `/srv/matrix-signup` becomes the
 * build, and the servers keep their files in a temporary folder.
 */

const GUIDE = 'docs/deploying.md';
/** Where the guide puts the page; the tests put the build there. */
const GUIDE_ROOT = '/srv/matrix-signup';

export interface WebServer {
  /** The page at the root of a site of its own. */
  rootUrl: string;
  /** The same page under `/join/` of another site. */
  subPathUrl: string;
  stop: () => Promise<void>;
}

/** The guide's code blocks in one fenced language, in order. */
export function guideBlocks(language: string): string[] {
  const text = readFileSync(GUIDE, 'utf8');
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g');
  return [...text.matchAll(fence)].map((match) => match[1] ?? '');
}

export function installed(command: string): boolean {
  return spawnSync(command, ['-v'], { stdio: 'ignore' }).error === undefined;
}

/** Started (a missing program never gets a pid) and not yet exited or killed. */
const running = (child: ChildProcess) =>
  child.pid !== undefined && child.exitCode === null && child.signalCode === null;

async function answering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!running(child)) {
      throw new Error(`${url}: the server did not run (${String(child.exitCode ?? child.signalCode)}):\n${log()}`);
    }
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error(`${url} did not answer within 10 s:\n${log()}`);
}

function started(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  // A missing program is an 'error' event, not an exit: said in the log `answering` shows.
  child.on('error', (error) => (output += `${error.message}\n`));
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, log: () => output };
}

/**
 * Once a started server answers on both ports: its two pages, and how to stop it and clear its
 * folder. A server that does not come up is stopped and cleared here, so no port stays taken.
 */
async function serving(server: {
  child: ChildProcess;
  log: () => string;
  folder: string;
  ports: [number, number];
  stopSignal: NodeJS.Signals;
}): Promise<WebServer> {
  const rootUrl = `http://127.0.0.1:${String(server.ports[0])}/`;
  const subPathUrl = `http://127.0.0.1:${String(server.ports[1])}/join/`;
  const stop = async () => {
    if (running(server.child)) {
      const exited = new Promise((done) => server.child.once('exit', done));
      server.child.kill(server.stopSignal);
      await exited;
    }
    rmSync(server.folder, { recursive: true, force: true });
  };
  try {
    await answering(rootUrl, server.child, server.log);
    await answering(subPathUrl, server.child, server.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { rootUrl, subPathUrl, stop };
}

export async function startNginx(build: string, ports: [number, number]): Promise<WebServer> {
  const [snippet, site, subPath] = guideBlocks('nginx');
  if (!snippet || !site || !subPath) throw new Error(`${GUIDE}: expected three nginx blocks`);
  const folder = mkdtempSync(join(tmpdir(), 'signup-nginx-'));
  mkdirSync(join(folder, 'snippets'));
  writeFileSync(join(folder, 'snippets', 'matrix-signup-headers.conf'), snippet);
  const page = (block: string) => block.replaceAll(GUIDE_ROOT, resolve(build));
  const siteOnLoopback = page(site)
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${String(ports[0])};`)
    // Debian 12's nginx (1.22) predates `http2 on;`; HTTP/2 needs TLS anyway.
    .replace(/^\s*http2 on;.*$/m, '');
  if (!siteOnLoopback.includes(`listen 127.0.0.1:${String(ports[0])};`)) {
    throw new Error(`${GUIDE}: the nginx site no longer listens on 443`);
  }
  const conf = `
daemon off;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path ${folder}/body;
    proxy_temp_path ${folder}/proxy;
    fastcgi_temp_path ${folder}/fastcgi;
    uwsgi_temp_path ${folder}/uwsgi;
    scgi_temp_path ${folder}/scgi;
${siteOnLoopback}
    # An existing site with a cache rule of its own for scripts and styles: the sub-path must win.
    server {
        listen 127.0.0.1:${String(ports[1])};
        root ${folder}/site;
        location ~* \\.(js|css)$ { expires 30d; }
${page(subPath)}
    }
}
`;
  writeFileSync(join(folder, 'nginx.conf'), conf);
  const { child, log } = started('nginx', [
    '-p',
    folder,
    '-c',
    join(folder, 'nginx.conf'),
    '-e',
    join(folder, 'error.log'),
  ]);
  const errors = () => `${log()}${readFileSync(join(folder, 'error.log'), 'utf8')}`;
  return serving({ child, log: errors, folder, ports, stopSignal: 'SIGQUIT' });
}

export async function startCaddy(build: string, ports: [number, number]): Promise<WebServer> {
  const [caddyfile] = guideBlocks('caddyfile');
  if (!caddyfile) throw new Error(`${GUIDE}: expected a caddyfile block`);
  const folder = mkdtempSync(join(tmpdir(), 'signup-caddy-'));
  const onLoopback = caddyfile
    .replaceAll(GUIDE_ROOT, resolve(build))
    .replace(/^join\.example\.org \{/m, `http://127.0.0.1:${String(ports[0])} {`)
    .replace(/^example\.org \{/m, `http://127.0.0.1:${String(ports[1])} {`);
  if ((onLoopback.match(/^http:\/\/127\.0\.0\.1:\d+ \{/gm) ?? []).length !== 2) {
    throw new Error(`${GUIDE}: the Caddyfile no longer has the two sites join.example.org and example.org`);
  }
  writeFileSync(join(folder, 'Caddyfile'), `{\n    admin off\n}\n\n${onLoopback}`);
  const { child, log } = started('caddy', ['run', '--config', join(folder, 'Caddyfile'), '--adapter', 'caddyfile'], {
    ...process.env,
    HOME: folder,
    XDG_DATA_HOME: join(folder, 'data'),
    XDG_CONFIG_HOME: join(folder, 'config'),
  });
  return serving({ child, log, folder, ports, stopSignal: 'SIGTERM' });
}
