import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../mocks/http-server';
import { MockController } from '../../mocks/model/controller';
import { nodeEnvironment } from '../../mocks/node-environment';

/**
 * The HTTP mock server in a process of its own, so that its memory is its alone and the load
 * generator does not share its event loop. Started with `--expose-gc`; answers `memory` over IPC.
 */
const controller = await MockController.create({ scenario: 'open', env: nodeEnvironment });
const server = createHttpServer(controller);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message: string) => {
  if (message === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed, accounts: Object.keys(controller.homeserver.state.accounts).length });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
