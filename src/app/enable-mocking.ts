/**
 * In mock mode, starts the in-browser homeserver before the first request and returns its server
 * name, and how to show the designers' panel. The import is dynamic and behind a build-time
 * constant, so production builds contain no mock code.
 */
export async function enableMocking(): Promise<{ serverName: string; showPanel: () => void } | undefined> {
  if (import.meta.env.VITE_MOCK_HOMESERVER !== 'on') return undefined;
  const { startAppMock } = await import('../mock-mode/start-browser-mock');
  const { controller } = await startAppMock();
  return {
    serverName: 'localhost:8008',
    // After the page's first render, in the page's language: the panel never delays the form.
    showPanel: () => void import('../mock-mode/panel/mount').then(({ mountMockPanel }) => mountMockPanel(controller)),
  };
}
