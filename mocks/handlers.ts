import { http, HttpResponse } from 'msw';
import type { MockHomeserver } from './model/homeserver';
import type { ModelResponse } from './model/response';

function toHttp(response: ModelResponse): HttpResponse<Record<string, unknown>> {
  return HttpResponse.json(response.body, { status: response.status, headers: response.headers });
}

/**
 * The homeserver's HTTP surface, matched on any origin so that the browser worker, Node tests and
 * the localhost server share one set. `homeserver()` is read per request: scenarios swap it.
 */
export function createHandlers(homeserver: () => MockHomeserver) {
  return [
    http.get('*/_matrix/client/versions', () => toHttp(homeserver().versions())),
    http.post('*/_matrix/client/v3/register', async ({ request }) =>
      toHttp(homeserver().register({ body: new Uint8Array(await request.arrayBuffer()) })),
    ),
  ];
}
