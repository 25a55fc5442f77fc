import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createHttpServer } from './http-server';
import { type ConfigOverrides } from './model/config';
import { MockController } from './model/controller';
import { DEFAULT_SCENARIO, isScenarioName, scenarios } from './model/scenarios';
import { nodeEnvironment } from './node-environment';

const USAGE = `Usage: npm run mock-server -- [--port 8008] [--scenario NAME] [--server-name NAME] [--config FILE]
Scenarios: ${Object.keys(scenarios).join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8008' },
        scenario: { type: 'string', default: DEFAULT_SCENARIO },
        'server-name': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Not a port: ${values.port}`);
  if (!isScenarioName(values.scenario)) fail(`Unknown scenario: ${values.scenario}`);

  const overrides: ConfigOverrides = {
    publicBaseUrl: `http://localhost:${port}`,
    ...(values['server-name'] ? { serverName: values['server-name'] } : { serverName: `localhost:${port}` }),
  };
  if (values.config) {
    try {
      Object.assign(overrides, JSON.parse(readFileSync(values.config, 'utf8')) as ConfigOverrides);
    } catch (error) {
      fail(`Cannot read ${values.config}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let controller: MockController;
  try {
    controller = await MockController.create({ scenario: values.scenario, overrides, env: nodeEnvironment });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const server = createHttpServer(controller, { log: (line) => process.stdout.write(`${line}\n`) });
  server.listen(port, '127.0.0.1', () => {
    const { port: bound } = server.address() as AddressInfo;
    process.stdout.write(
      `Mock homeserver "${controller.homeserver.config.serverName}" (scenario ${controller.scenario}) on http://localhost:${bound}\n`,
    );
  });
  server.on('error', (error) => fail(error.message));
}

void main();
