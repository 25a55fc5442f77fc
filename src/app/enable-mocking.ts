/**
 * In mock mode, starts the in-browser homeserver before the first request and returns its server
 * name. The import is dynamic and behind a build-time constant, so production builds contain no
 * mock code.
 */
export async function enableMocking(): Promise<{ serverName: string } | undefined> {
  if (import.meta.env.VITE_MOCK_HOMESERVER !== 'on') return undefined;
  const { startBrowserMock } = await import('../../mocks/browser');
  const { controller } = await startBrowserMock();
  // The designers' panel comes after the page: it never delays the form.
  void import('../../mocks/panel/mount').then(({ mountMockPanel }) => mountMockPanel(controller));
  return { serverName: 'localhost:8008' };
}
