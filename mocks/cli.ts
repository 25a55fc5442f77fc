import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ConfigOverrides } from './model/config.js';
import { FAMILIES, FAMILY_NAMES, isFamilyName } from './model/families.js';
import { DEFAULT_SCENARIO, isScenarioName, scenarios } from './model/scenarios.js';
import { listen } from './server.js';

const USAGE = `Usage: matrix-mock-homeserver [options]

A mock Matrix homeserver that signs people up the way Synapse does.

Options:
  --port PORT         port to listen on; 0 picks a free one                 (default 8008)
  --host ADDRESS      address to bind; 0.0.0.0 to be reached from elsewhere (default 127.0.0.1)
  --scenario NAME     what kind of server to play                           (default ${DEFAULT_SCENARIO})
  --homeserver NAME   which homeserver family and version to answer as     (default: the scenario's, else synapse)
  --server-name NAME  the part after ":" in user IDs                        (default localhost:PORT)
  --config FILE       a JSON file overriding any knob of the config
  --help              show this

Scenarios:
${Object.entries(scenarios)
  .map(([name, { description }]) => `  ${name.padEnd(16)}${description}`)
  .join('\n')}

Homeservers:
${FAMILY_NAMES.map((name) => `  ${name.padEnd(20)}${FAMILIES[name].label}`).join('\n')}`;

/** A mistake in the command line: the message, then the usage (it lists the options, scenarios and families). */
function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A mistake in the `--config` file: the usage would not help, the README's knob table does. */
function failConfig(message: string): never {
  console.error(
    `${message}\n(The knobs and their values: the README's "Config" section; matrix-mock-homeserver --help for the options.)`,
  );
  process.exit(2);
}

/** What the system said when the server could not listen, said once, with what to do about it (UX audit 20). */
function listenFailure(error: unknown, host: string, port: number): string | undefined {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || (syscall !== 'listen' && syscall !== 'bind' && syscall !== 'getaddrinfo'))
    return undefined;
  const where = `${host}:${String(port)}`;
  const why: Record<string, string> = {
    EADDRINUSE: `port ${String(port)} is already in use. Stop what uses it, or choose another with --port (0 picks a free one).`,
    EACCES: `not allowed to use port ${String(port)} (ports below 1024 need privileges). Choose another with --port.`,
    EADDRNOTAVAIL: `${host} is not an address of this machine. Choose one with --host (127.0.0.1, or 0.0.0.0 for all).`,
    ENOTFOUND: `${host} is not a known host name. Choose an address with --host (127.0.0.1, or 0.0.0.0 for all).`,
    EAI_AGAIN: `${host} could not be looked up. Choose an address with --host (127.0.0.1, or 0.0.0.0 for all).`,
  };
  return `Cannot listen on ${where}: ${why[code] ?? `${error instanceof Error ? error.message : code}.`} (${code})`;
}

function parse() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8008' },
        host: { type: 'string', default: '127.0.0.1' },
        scenario: { type: 'string', default: DEFAULT_SCENARIO },
        homeserver: { type: 'string' },
        'server-name': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function main() {
  const values = parse();
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    fail(`Not a port: ${values.port}`);
  if (!isScenarioName(values.scenario)) fail(`Unknown scenario: ${values.scenario}`);
  if (values.homeserver !== undefined && !isFamilyName(values.homeserver))
    fail(`Unknown homeserver: ${values.homeserver}`);
  let overrides: ConfigOverrides = {};
  if (values.config) {
    try {
      overrides = JSON.parse(readFileSync(values.config, 'utf8')) as ConfigOverrides;
    } catch (error) {
      failConfig(`Cannot read ${values.config}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    const running = await listen({
      port,
      host: values.host,
      scenario: values.scenario,
      ...(values.homeserver !== undefined && isFamilyName(values.homeserver) ? { homeserver: values.homeserver } : {}),
      ...(values['server-name'] ? { serverName: values['server-name'] } : {}),
      overrides,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const { serverName } = running.controller.homeserver.config;
    const bound = values.host === '127.0.0.1' ? '' : ` (bound to ${values.host})`;
    process.stdout.write(
      `Mock homeserver "${serverName}" (scenario ${running.controller.scenario}, playing ${FAMILIES[running.controller.homeserver.config.homeserver].label}) on ${running.url}${bound}\n`,
    );
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    // The system refusing the port or address is not a misuse of the command: one line, exit 1.
    const refused = listenFailure(error, values.host, port);
    if (refused !== undefined) {
      console.error(refused);
      process.exit(1);
    }
    // Otherwise the model refused the config (a knob's value, a family that cannot play the scenario).
    failConfig(error instanceof Error ? error.message : String(error));
  }
}

void main();
