import { HTTP_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';

test("a page of another origin reads the HTTP mock's Matrix API, but neither reads nor changes its control surface", async ({
  browser,
  baseURL,
  page: runner,
}) => {
  // A context of its own: the fixtures' `context.route` makes Playwright answer CORS preflights
  // itself (allowing all), so the server's refusal would never be seen there.
  const context = await browser.newContext(baseURL === undefined ? {} : { baseURL });
  const page = await context.newPage();
  // The production app's origin, which is not the mock's: any site a developer visits is as foreign.
  await page.goto('/');
  const seen = await page.evaluate(async (mock) => {
    const status = (path: string, init?: RequestInit) =>
      fetch(`${mock}${path}`, init).then(
        (answer) => answer.status,
        () => 'refused',
      );
    return {
      versions: await status('/_matrix/client/versions'),
      inbox: await status('/_mock/inbox'),
      adminNonce: await status('/_synapse/admin/v1/register'),
      jsonChange: await status('/_mock/scenario', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"guest"}',
      }),
      // A simple request goes out without asking (its answer is opaque): the server must refuse it.
      simpleChange: await fetch(`${mock}/_mock/scenario`, {
        method: 'POST',
        mode: 'no-cors',
        body: '{"name":"guest"}',
      }).then(
        () => 'sent',
        () => 'refused',
      ),
    };
  }, HTTP_MOCK_URL);
  try {
    expect(seen).toEqual({
      versions: 200,
      inbox: 'refused',
      adminNonce: 'refused',
      jsonChange: 'refused',
      simpleChange: 'sent',
    });
    const scenario = (await (await runner.request.get(`${HTTP_MOCK_URL}/_mock/scenario`)).json()) as unknown;
    expect(scenario).toMatchObject({ scenario: 'open' });
  } finally {
    // Had a change got through, the shared server goes back to its scenario (a switch keeps accounts).
    await runner.request.post(`${HTTP_MOCK_URL}/_mock/scenario`, { data: { name: 'open' } });
    await context.close();
  }
});
