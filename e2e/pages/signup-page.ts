import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-up page as a person sees it: fields by their labels, buttons by their names. */
export class SignupPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly bindEmail: Locator;
  readonly submit: Locator;
  readonly successHeading: Locator;
  readonly matrixId: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password', { exact: true });
    this.bindEmail = page.getByLabel('Let people find me by my email address');
    this.submit = page.getByRole('button', { name: 'Create account' });
    this.successHeading = page.getByRole('heading', { name: 'Your account is ready' });
    this.matrixId = page.getByTestId('matrix-id');
  }

  async open(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.username).toBeEditable();
  }

  async register(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
