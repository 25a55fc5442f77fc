/**
 * In mock mode, starts the in-browser homeserver before the first request and returns its URL.
 * The import is dynamic and behind a build-time constant, so production builds contain no mock code.
 */
export async function enableMocking(): Promise<{ baseUrl: string } | undefined> {
  if (import.meta.env.VITE_MOCK_HOMESERVER !== 'on') return undefined;
  const { startBrowserMock } = await import('../../mocks/browser');
  return startBrowserMock();
}
