import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { AdminApi, DeskPorts } from './desk-ports';
import { rememberDeskServer } from './desk-server';
import { FormProblem } from './form-problem';
import { wordProblem, type AdminPlace, type WordedProblem } from './problem-words';

/**
 * MAS: one button that leaves for MAS's sign-in (authorization code with PKCE, scope
 * `urn:mas:admin`); the return is taken at load (desk-app.tsx). Nothing to type here.
 */
export function MasSignIn({
  api,
  place,
  serverName,
  clientName,
  ports,
  returnProblem,
}: {
  api: Extract<AdminApi, { world: 'mas' }>;
  place: AdminPlace;
  serverName: string;
  clientName: string;
  ports: Pick<DeskPorts, 'startMasAdminSignIn' | 'leaveFor'>;
  /** What went wrong when MAS sent the admin back. */
  returnProblem?: WordedProblem;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WordedProblem | undefined>(returnProblem);
  const start = () => {
    setBusy(true);
    setProblem(undefined);
    rememberDeskServer(serverName);
    ports.startMasAdminSignIn(api, new URL(window.location.href), clientName).then(ports.leaveFor, (error: unknown) => {
      setBusy(false);
      setProblem(wordProblem(error, place));
    });
  };
  return (
    <>
      <p>{t('invite.desk.masIntro', { server: serverName })}</p>
      <FormProblem problem={problem} />
      <p>
        <button type="button" onClick={start} disabled={busy} aria-disabled={busy}>
          {t('invite.desk.signInWithMas', { server: serverName })}
        </button>
      </p>
    </>
  );
}
