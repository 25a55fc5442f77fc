import { useEffect, useState } from 'react';
import { useMessages } from '../../i18n/i18n';
import '../../i18n/oauth-catalogs';
import type { OAuthAccount } from '../../matrix/oauth/complete';
import SuccessScreen from '../registration/success-screen';
import { describeOAuthProblem, type OAuthProblem } from './oauth-problem';
import { OAuthProblemView } from './oauth-problem-view';

export interface OAuthReturnProps {
  /** Started once, at load, before anything rendered (a code can be exchanged only once). */
  completion: Promise<OAuthAccount>;
  /** The OAuth server's host, when this tab started the round trip. */
  host?: string;
  clients: { name: string; url: string }[];
}

/** Coming back from the OAuth server: the account's success screen, or what went wrong and a way to start again. */
export default function OAuthReturn({ completion, host, clients }: OAuthReturnProps) {
  const t = useMessages('oauth');
  const [account, setAccount] = useState<OAuthAccount>();
  const [problem, setProblem] = useState<OAuthProblem>();
  useEffect(() => {
    let current = true;
    completion.then(
      (done) => current && setAccount(done),
      (error: unknown) =>
        current && setProblem(describeOAuthProblem(error, { host: host ?? '', page: new URL(window.location.href) })),
    );
    return () => {
      current = false;
    };
  }, [completion, host]);
  if (!t) return null;
  if (account) return <SuccessScreen userId={account.userId} serverName={account.serverName} clients={clients} />;
  if (problem) {
    return (
      <section className="oauth">
        <OAuthProblemView problem={problem} />
        <p>
          <a className="button" href={`${window.location.pathname}${window.location.search}`}>
            {t('oauth.startAgain')}
          </a>
        </p>
      </section>
    );
  }
  return (
    <p className="status" role="status">
      {t('oauth.finishing')}
    </p>
  );
}
