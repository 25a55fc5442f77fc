import { listen } from 'matrix-mock-homeserver/server';

/**
 * The HTTP mock server in a process of its own, so that its memory is its alone and the load
 * generator does not share its event loop. Started with `--expose-gc`; answers `memory` over IPC.
 */
const { controller, server, port } = await listen({ port: 0, scenario: 'open' });
process.send?.({ port });

process.on('message', (message: string) => {
  if (message === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed, accounts: Object.keys(controller.homeserver.state.accounts).length });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
