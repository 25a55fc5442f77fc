/**
 * Strings only mock code contains (MSW, its worker, the demo worker, the mock's endpoints and
 * words). None may reach a production page: the e2e suite checks what the page loads, and
 * `npm run bench` every file of the production build.
 */
export const MOCK_CODE_MARKERS = [
  'mockServiceWorker',
  '[MSW]',
  '/_mock/',
  'demo-worker',
  'Registration has been disabled',
] as const;
