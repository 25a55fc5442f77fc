import { startBrowserMock } from 'matrix-mock-homeserver/browser';

/**
 * The app's in-browser homeserver. In a built demo the worker is `demo-worker.js`, MSW's worker
 * that also keeps the page for offline use; on the dev server, MSW's own. OAuth sign-up goes to the
 * shell page beside the app (`oauth-page/`), since the worker does not see navigations
 * (docs/decisions/011).
 */
export function startAppMock() {
  const base = import.meta.env.BASE_URL;
  return startBrowserMock({
    serviceWorkerUrl: `${base}${import.meta.env.DEV ? 'mockServiceWorker.js' : 'demo-worker.js'}`,
    authorizationEndpoint: new URL(`${base}mock-oauth.html`, window.location.href).href,
    // The same shell shows the server's policies and account page (`?page=`), offline too.
    pageShell: new URL(`${base}mock-oauth.html`, window.location.href).href,
  });
}
