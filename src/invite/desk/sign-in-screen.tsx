import { useI18n } from '../../i18n/i18n';
import type { TokenDesk } from '../../matrix/admin/desk-api';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';
import type { AdminApi, DeskPorts } from './desk-ports';
import { MasSignIn } from './mas-sign-in';
import type { AdminPlace, Message, WordedProblem } from './problem-words';
import { SynapseSignIn } from './synapse-sign-in';
import { IDLE_MS } from './use-idle';

/** Sign in as an admin, in the way the server's world has; `notice` says why the admin is here again. */
export function SignInScreen({
  api,
  place,
  serverName,
  clientName,
  ports,
  notice,
  returnProblem,
  onSignedIn,
}: {
  api: AdminApi;
  place: AdminPlace;
  serverName: string;
  clientName: string;
  ports: DeskPorts;
  notice?: Message;
  returnProblem?: WordedProblem;
  onSignedIn: (desk: TokenDesk) => void;
}) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section>
      <h2 ref={heading} tabIndex={-1}>
        {t('invite.desk.signInHeading', { server: serverName })}
      </h2>
      {notice ? (
        <p className="status" role="status">
          {t(notice.id, notice.values)}
        </p>
      ) : null}
      <p className="hint">{t('invite.desk.memoryOnly', { minutes: IDLE_MS / 60_000 })}</p>
      {api.world === 'mas' ? (
        <MasSignIn
          api={api}
          place={place}
          serverName={serverName}
          clientName={clientName}
          ports={ports}
          returnProblem={returnProblem}
        />
      ) : (
        <SynapseSignIn api={api} place={place} ports={ports} onSignedIn={onSignedIn} />
      )}
    </section>
  );
}
