import type { Locator, Page } from '@playwright/test';

/** The mock OAuth server's own sign-up page (mocks/model/oauth), as a person sees it. */
export class OAuthServerPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly passwordConfirm: Locator;
  readonly email: Locator;
  readonly code: Locator;
  readonly terms: Locator;
  readonly create: Locator;
  readonly cancel: Locator;
  readonly proceed: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password', { exact: true });
    this.passwordConfirm = page.getByLabel('Confirm password');
    this.email = page.getByLabel(/^Email address/);
    this.code = page.getByLabel('Code');
    this.terms = page.getByLabel('I accept these policies');
    this.create = page.getByRole('button', { name: 'Create account' });
    this.cancel = page.getByRole('button', { name: 'Cancel' });
    this.proceed = page.getByRole('button', { name: 'Continue' });
  }

  async signUp(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.passwordConfirm.fill(password);
    await this.create.click();
  }
}
