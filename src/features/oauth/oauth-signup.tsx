import { useState } from 'react';
import { useI18n, useMessages, type Translate } from '../../i18n/i18n';
import '../../i18n/oauth-catalogs';
import type { DiscoveredServer } from '../../matrix/discovery';
import { startOAuthSignup } from '../../matrix/oauth/authorization';
import type { OAuthServer } from '../../matrix/oauth/metadata';
import { parseHttpUrl } from '../../matrix/url';
import { describeOAuthProblem, type OAuthProblem } from './oauth-problem';
import { CopyButton } from '../../lib/copy-button';
import { OAuthProblemView } from './oauth-problem-view';

export interface OAuthSignupProps {
  server: DiscoveredServer;
  oauth: OAuthServer;
  /** The name the OAuth server shows for this page: the community's, else the page's. */
  clientName?: string;
  /** The brand's logo, terms and privacy links, sent where they are on this page's host. */
  links?: { logo?: string; tos?: string; policy?: string };
  /** A username already chosen (an invite's), sent as `login_hint`. */
  username?: string;
  /**
   * An invite's registration token. OAuth has no parameter for it, and MAS asks for it on its own
   * step (`templates/pages/register/steps/registration_token.html`, when
   * `account.password_registration_token_required`), so it is shown here to copy before leaving.
   */
  token?: string;
  /** `only`: the server makes accounts only there; `beside`: the form is there too. */
  variant: 'only' | 'beside';
}

/**
 * Sign-up at the server's OAuth 2.0 service (spec v1.18): one clear step, then the browser goes
 * there; the way back is `OAuthReturn`. On a server without `prompt=create` it says where accounts
 * are made instead.
 */
export default function OAuthSignup(props: OAuthSignupProps) {
  const t = useMessages('oauth');
  const { language } = useI18n();
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<OAuthProblem>();
  if (!t) return null;
  const { oauth, server } = props;
  const host = parseHttpUrl(oauth.issuer)?.host ?? oauth.issuer;
  const page = new URL(window.location.href);

  if (!oauth.canCreate) {
    const account = oauth.accountUrl ? parseHttpUrl(oauth.accountUrl) : undefined;
    // Accounts made there may still need the invite's token: MAS asks for one at sign-up through an
    // upstream provider with `registration_token_required` (`crates/config/src/sections/upstream_oauth2.rs`),
    // so it is shown here too, read before the way there.
    return (
      <div className="notice oauth">
        <p>{t('oauth.noCreate', { host })}</p>
        {props.token ? <TokenToCopy token={props.token} host={host} t={t} inBox /> : null}
        <p>
          {account ? (
            <a className="button" href={account.href} rel="noopener noreferrer">
              {t('oauth.noCreateGo', { host: account.host })}
            </a>
          ) : (
            t('oauth.noCreateAsk')
          )}
        </p>
      </div>
    );
  }

  async function start() {
    setStarting(true);
    setProblem(undefined);
    try {
      const userId = props.username && server.userIdDomain ? `@${props.username}:${server.userIdDomain}` : undefined;
      const url = await startOAuthSignup({
        server,
        oauth,
        page,
        clientName: props.clientName ?? t?.('oauth.clientName') ?? '',
        links: props.links,
        userId,
        language,
      });
      window.location.assign(url);
    } catch (error) {
      setProblem(describeOAuthProblem(error, { host, page }));
      setStarting(false);
    }
  }

  const button = (
    <button
      type="button"
      className={props.variant === 'only' ? undefined : 'secondary'}
      disabled={starting}
      onClick={() => void start()}
    >
      {props.variant === 'only' ? t('oauth.continue', { host }) : t('oauth.besideFormGo', { host })}
    </button>
  );
  return (
    <section className="oauth" aria-labelledby={props.variant === 'only' ? 'oauth-heading' : undefined}>
      {props.variant === 'only' ? (
        <>
          <h2 id="oauth-heading">{t('oauth.heading', { host })}</h2>
          <p>{t('oauth.explain', { host, server: server.userIdDomain ?? server.serverName })}</p>
        </>
      ) : (
        <p>{t('oauth.besideForm', { host })}</p>
      )}
      {props.token ? <TokenToCopy token={props.token} host={host} t={t} /> : null}
      {problem ? <OAuthProblemView problem={problem} /> : null}
      <p>{button}</p>
      <p className="status" aria-live="polite">
        {starting ? t('oauth.starting', { host }) : ''}
      </p>
    </section>
  );
}

/**
 * The invite's token, to copy now: the person will type it at the OAuth server's own token step. It
 * stays in this page's memory only (never in the authorization URL, storage or a log). `inBox`: it is
 * inside a notice already, so it draws no box of its own.
 */
function TokenToCopy({
  token,
  host,
  t,
  inBox = false,
}: {
  token: string;
  host: string;
  t: Translate;
  inBox?: boolean;
}) {
  return (
    <div className={inBox ? 'token-to-copy' : 'notice token-to-copy'}>
      <p>{t('oauth.tokenNotice', { host })}</p>
      <p>
        <code className="matrix-id" dir="ltr" data-testid="oauth-token">
          {token}
        </code>{' '}
        <CopyButton text={token} label={t('oauth.tokenCopy')} copiedLabel={t('oauth.tokenCopied')} />
      </p>
    </div>
  );
}
