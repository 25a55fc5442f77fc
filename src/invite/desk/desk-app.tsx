import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppConfig } from '../../config/app-config';
import { useI18n } from '../../i18n/i18n';
import type { AdminWorld, TokenDesk } from '../../matrix/admin/desk-api';
import { authorizationAnswerAt } from '../../matrix/admin/mas-desk';
import type { DiscoveredServer } from '../../matrix/discovery';
import type { AdminApi, DeskPorts } from './desk-ports';
import { DeskScreen } from './desk-screen';
import { FindScreen } from './find-screen';
import { SYNAPSE_ADMIN_PATH, wordProblem, type AdminPlace, type Message, type WordedProblem } from './problem-words';
import { deskServer } from './desk-server';
import { SignInScreen } from './sign-in-screen';
import { TokenFromElsewhere } from './token-from-elsewhere';
import { IDLE_MS, useIdle } from './use-idle';

type Stage =
  | { kind: 'finding'; problem?: WordedProblem }
  | { kind: 'sign-in'; api: AdminApi; notice?: Message; returnProblem?: WordedProblem }
  | { kind: 'desk'; api: AdminApi; desk: TokenDesk };

export function placeOf(api: AdminApi): AdminPlace {
  return api.world === 'mas'
    ? { world: 'mas', address: api.adminBase }
    : { world: 'synapse', address: `${api.homeserver}${SYNAPSE_ADMIN_PATH}` };
}

/**
 * Where the admin API is, when finding it failed. Finding fails only where the server names an
 * OAuth 2.0 issuer whose metadata this page cannot read (h-adminclient's `findAdminApi`: Synapse's
 * own admin API shows whether it is exposed only at sign-in), so the words are MAS's; its address
 * is the issuer where well-known names it (MSC2965), else the homeserver's.
 */
function placeWhenNotFound(server: DiscoveredServer): AdminPlace {
  return { world: 'mas', address: server.oauthIssuer ?? server.baseUrl };
}

/** Whether the address carries an authorization answer (RFC 6749 §4.1.2, query or fragment). */
const carriesAnswer = (page: URL) => authorizationAnswerAt(page) !== undefined;

/** Server, then admin API, then (once per load, on MAS) the admin coming back from MAS's sign-in. */
async function find(ports: DeskPorts, serverName: string, page: URL, takeReturn: boolean): Promise<Stage> {
  let server: DiscoveredServer;
  try {
    server = await ports.discover(serverName);
  } catch {
    return {
      kind: 'finding',
      problem: { messages: [{ id: 'invite.desk.discoveryFailed', values: { server: serverName } }] },
    };
  }
  let api: AdminApi;
  try {
    api = await ports.findAdminApi(server);
  } catch (error) {
    return { kind: 'finding', problem: wordProblem(error, placeWhenNotFound(server)) };
  }
  if (api.world === 'mas' && takeReturn && carriesAnswer(page)) {
    try {
      const desk = await ports.completeMasAdminSignIn(api, page);
      if (desk) return { kind: 'desk', api, desk };
    } catch (error) {
      return { kind: 'sign-in', api, returnProblem: wordProblem(error, placeOf(api)) };
    }
  }
  return { kind: 'sign-in', api };
}

/**
 * The admins' invite desk: find the admin API, sign in, then make and share tokens. The signed-in
 * `TokenDesk` (and with it the access token) lives only in this component's state: never in
 * storage, the address or the console. It is signed out on "Sign out", when the page is left
 * (`pagehide`, where the browser lets a request outlive the tab) and after a quiet while.
 */
export function DeskApp({
  config,
  community,
  ports,
  page,
}: {
  config: AppConfig;
  /** The community's name (its brand, else the server's name), for the message to newcomers. */
  community: string;
  ports: DeskPorts;
  /** The address the page was loaded at, with MAS's answer if this load is the return from it. */
  page: URL;
}) {
  const { t } = useI18n();
  const serverName = useMemo(() => deskServer(config, page, carriesAnswer(page)), [config, page]);
  const [stage, setStage] = useState<Stage>({ kind: 'finding' });
  const [attempt, setAttempt] = useState(0);
  // One search per attempt, even where React runs effects twice (StrictMode): MAS's answer can be
  // exchanged only once.
  const search = useRef<{ attempt: number; stage: Promise<Stage> }>(undefined);
  useEffect(() => {
    if (search.current?.attempt !== attempt) {
      search.current = { attempt, stage: find(ports, serverName, page, attempt === 0) };
    }
    let current = true;
    void search.current.stage.then((found) => {
      if (current) setStage(found);
    });
    return () => {
      current = false;
    };
  }, [attempt, ports, serverName, page]);

  const desk = stage.kind === 'desk' ? stage.desk : undefined;
  const leaveDesk = useCallback((notice: Message) => {
    setStage((now) => (now.kind === 'desk' ? { kind: 'sign-in', api: now.api, notice } : now));
  }, []);
  const signOut = useCallback(
    (notice: Message) => {
      if (!desk) return;
      leaveDesk(notice);
      // The token leaves the screen at once; its revocation finishes in the background.
      desk.signOut().catch(() => undefined);
    },
    [desk, leaveDesk],
  );

  useEffect(() => {
    if (!desk) return;
    const onPageHide = () => {
      desk.signOutOnUnload();
      // Back from the back-forward cache, the page asks to sign in again: the token is revoked.
      leaveDesk({ id: 'invite.desk.signedOut' });
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [desk, leaveDesk]);

  const sessionEnded = useCallback(() => leaveDesk({ id: 'invite.desk.sessionEnded' }), [leaveDesk]);
  const userSignOut = useCallback(() => signOut({ id: 'invite.desk.signedOut' }), [signOut]);
  // One object per admin API found, so that the desk's effects do not run again on every render.
  const api = stage.kind === 'finding' ? undefined : stage.api;
  const place = useMemo(() => (api ? placeOf(api) : undefined), [api]);

  const idleWarning = useIdle(desk !== undefined, () =>
    signOut({ id: 'invite.desk.idleSignedOut', values: { minutes: IDLE_MS / 60_000 } }),
  );

  // Without signing in: the link of a token made elsewhere (a server whose admin API this page cannot use).
  const elsewhere = (world: AdminWorld) => (
    <TokenFromElsewhere
      world={world}
      serverName={serverName}
      withServer={config.allowCustomServers}
      community={community}
    />
  );

  switch (stage.kind) {
    case 'finding':
      return (
        <>
          <FindScreen
            serverName={serverName}
            problem={stage.problem}
            onRetry={() => {
              setStage({ kind: 'finding' });
              setAttempt((count) => count + 1);
            }}
          />
          {stage.problem ? elsewhere('synapse') : null}
        </>
      );
    case 'sign-in':
      return (
        <>
          <SignInScreen
            api={stage.api}
            place={place ?? placeOf(stage.api)}
            serverName={serverName}
            clientName={t('invite.desk.clientName', { community })}
            ports={ports}
            notice={stage.notice}
            returnProblem={stage.returnProblem}
            onSignedIn={(signedIn) => setStage({ kind: 'desk', api: stage.api, desk: signedIn })}
          />
          {elsewhere(stage.api.world)}
        </>
      );
    case 'desk':
      return (
        <DeskScreen
          desk={stage.desk}
          place={place ?? placeOf(stage.api)}
          config={config}
          serverName={serverName}
          community={community}
          idleWarning={idleWarning}
          onSignOut={userSignOut}
          onSessionEnded={sessionEnded}
        />
      );
  }
}
