import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../support/english';
import { OAuthServerPage } from './oauth-server-page';

/** The admins' invite desk (`invite.html`), as an admin sees it, in English. */
export class InviteDeskPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  readonly signOut: Locator;
  readonly newToken: Locator;
  readonly usesAllowed: Locator;
  readonly create: Locator;
  readonly refresh: Locator;
  readonly link: Locator;
  readonly copyLink: Locator;

  constructor(readonly page: Page) {
    // Exact: the link of a token made elsewhere has its own "Username (optional)" on the same screen.
    this.username = page.getByLabel('Username', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.signIn = page.getByRole('button', { name: en('invite.desk.signIn'), exact: true });
    this.signOut = page.getByRole('button', { name: en('invite.desk.signOut') });
    this.newToken = page.getByRole('button', { name: en('invite.desk.createHeading') });
    this.usesAllowed = page.getByLabel(new RegExp(`^${en('invite.desk.usesAllowed')}`));
    this.create = page.getByRole('button', { name: en('invite.desk.create') });
    this.refresh = page.getByRole('button', { name: en('invite.desk.refresh') });
    this.link = page.getByTestId('invite-link');
    this.copyLink = page.getByRole('button', { name: en('invite.copy') });
  }

  /** The desk for the homeserver at `server` (`?hs=`, as the production build lets links name one). */
  async open(server?: string) {
    await this.page.goto(server === undefined ? '/invite.html' : `/invite.html?hs=${encodeURIComponent(server)}`);
  }

  /** Synapse's sign-in, as the mock's admin by default (the answer is the test's to check). */
  async signInWithPassword(username = 'admin', password = 'admin-password') {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signIn.click();
  }

  /** MAS's sign-in: off to its own page (`server` as the desk names it), as the mock's admin, and back. */
  async signInAtMas(server: string) {
    await this.page.getByRole('button', { name: `Sign in with ${server}` }).click();
    const mas = new OAuthServerPage(this.page);
    await mas.username.fill('admin');
    await mas.password.fill('admin-password');
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.signedIn();
  }

  /** Signed in: the list of tokens has loaded. */
  async signedIn() {
    await expect(this.signOut).toBeVisible();
    await expect(this.page.getByTestId('tokens-loading')).toHaveCount(0);
  }

  /** A new random token allowing `uses` sign-ups: its text, once the desk says it was made. */
  async makeToken(uses: number): Promise<string> {
    if (await this.newToken.isVisible()) await this.newToken.click();
    await this.usesAllowed.fill(String(uses));
    await this.create.click();
    const made = this.page.getByText(/^Token \S+ made\.$/);
    await expect(made).toBeVisible();
    const token = /^Token (\S+) made\.$/.exec((await made.textContent()) ?? '')?.[1];
    if (token === undefined) throw new Error('no token announced');
    return token;
  }

  /** The token's entry in the list. */
  token(text: string): Locator {
    return this.page.getByRole('listitem', { name: new RegExp(`^${text} `) });
  }

  /** One fact of a token's entry (Uses allowed, Sign-ups completed, Times used…), by its label. */
  fact(text: string, label: string): Locator {
    return this.token(text)
      .locator('div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');
  }

  /** Copies the open invite link with its button: what the clipboard then holds. */
  async copiedLink(): Promise<string> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.copyLink.click();
    await expect(this.page.getByText(en('invite.copied'), { exact: true }).first()).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
