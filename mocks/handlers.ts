import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockController } from './model/controller.js';
import { keyed } from './model/records.js';
import { modelRequest, type ModelRequest } from './model/request.js';
import { serialize, type ModelResponse } from './model/response.js';
import { answer, isApiPath } from './model/routes.js';

export async function toModelRequest(request: Request): Promise<ModelRequest> {
  const url = new URL(request.url);
  // Keyed by header names from the request: no prototype, so a header named `__proto__` is a header.
  const headers = keyed<string>();
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return modelRequest({
    method: request.method,
    uri: `${url.pathname}${url.search}`,
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
  });
}

export function toHttpResponse(
  response: ModelResponse,
  options: { cors: boolean; corsHeaders?: Readonly<Record<string, string>>; head: boolean },
): HttpResponse<string> {
  const { status, headers, body } = serialize(response, options);
  return new HttpResponse(status === 204 || options.head ? null : body, { status, headers });
}

/**
 * The homeserver for MSW: one handler in front of the model's route table (`model/routes.ts`).
 * It takes the homeserver's API paths on any origin, so that the browser worker and Node tests can
 * play any server a person names, and every path of the mock's own origin; the rest (the page's
 * own files, real servers' other paths) goes to the network untouched.
 */
export function createHandlers(controller: MockController): HttpHandler[] {
  const claims = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const { config } = controller.homeserver;
    return isApiPath(url.pathname, config) || url.origin === new URL(config.publicBaseUrl).origin;
  };
  return [
    http.all(claims, async ({ request }) =>
      toHttpResponse(await answer(controller, await toModelRequest(request)), {
        cors: controller.homeserver.config.cors,
        corsHeaders: controller.homeserver.family.cors,
        head: request.method === 'HEAD',
      }),
    ),
  ];
}
