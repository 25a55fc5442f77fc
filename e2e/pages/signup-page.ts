import { expect, type Locator, type Page } from '@playwright/test';
import { fetchJsonInPage } from '../support/fetch-in-page';

export const MOCK_ORIGIN = 'http://localhost:8008';

/** The sign-up page as a person sees it: fields by their labels, buttons by their names. */
export class SignupPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly email: Locator;
  readonly token: Locator;
  readonly submit: Locator;
  readonly successHeading: Locator;
  readonly matrixId: Locator;
  readonly stepHeading: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password', { exact: true });
    this.confirm = page.getByLabel('Confirm password');
    this.email = page.getByLabel(/^Email/);
    this.token = page.getByLabel(/^Registration token/);
    this.submit = page.getByRole('button', { name: 'Create account' });
    this.successHeading = page.getByRole('heading', { name: 'Your account is ready' });
    this.matrixId = page.getByTestId('matrix-id');
    this.stepHeading = page.locator('#step-heading');
  }

  /**
   * Opens the page and waits until the whole page has taken over from the prerendered form
   * (`data-signup="ready"`), so that what a test types next is the page's, not the first paint's.
   */
  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(this.username).toBeEditable();
  }

  async ready() {
    await expect(this.submit).toBeEnabled();
  }

  async fill(username: string, password: string, email?: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.confirm.fill(password);
    if (email !== undefined) await this.email.fill(email);
  }

  async register(username: string, password: string) {
    await this.fill(username, password);
    await this.ready();
    await this.submit.click();
  }

  /** The in-browser mock's `/_mock` API, reached from inside the page like the app reaches it. */
  mock(path: string, body?: unknown): Promise<unknown> {
    return fetchJsonInPage(
      this.page,
      `${MOCK_ORIGIN}/_mock/${path}`,
      // JSON, as the mock requires of a change (a page of another origin cannot send it unasked).
      body === undefined
        ? undefined
        : { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
    );
  }

  forceNextError(errcode: string, status: number, extra: Record<string, unknown> = {}, endpoint = 'register') {
    return this.mock('next-error', { endpoint, errcode, status, extra });
  }

  /** Follows the newest link in the mock inbox, as the person would from their mail. */
  async followEmailLink() {
    const inbox = (await this.mock('inbox')) as { messages: { link: string; code: string }[] };
    const link = inbox.messages[0]?.link;
    if (!link) throw new Error('no mail in the mock inbox');
    await fetchJsonInPage(this.page, link).catch(() => undefined); // an HTML page: only the visit matters
    return inbox.messages[0];
  }
}
