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

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
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
      fail(`Cannot read ${values.config}: ${error instanceof Error ? error.message : String(error)}`);
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
    fail(error instanceof Error ? error.message : String(error));
  }
}

void main();
