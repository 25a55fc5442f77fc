import { useCallback, useEffect, useId, useState } from 'react';
import type { AppConfig } from '../../config/app-config';
import { useI18n } from '../../i18n/i18n';
import { AdminProblem, type InviteToken, type TokenDesk, type TokenFilter } from '../../matrix/admin/desk-api';
import { useFocusOnMount } from '../../lib/use-focus-on-mount';
import { DeleteConfirm } from './delete-confirm';
import { FormProblem } from './form-problem';
import { isSessionEnd, wordProblem, type AdminPlace, type Message, type WordedProblem } from './problem-words';
import { TokenForm } from './token-form';
import { TokenItem, type Panel } from './token-item';
import { TokenShare } from './token-share';

const FILTERS: {
  filter: TokenFilter;
  label: 'invite.desk.filterAll' | 'invite.desk.usable' | 'invite.desk.notUsable';
}[] = [
  { filter: 'all', label: 'invite.desk.filterAll' },
  { filter: 'valid', label: 'invite.desk.usable' },
  { filter: 'spent', label: 'invite.desk.notUsable' },
];

/** The signed-in desk: the tokens, a new one, and each one's link, changes and removal. */
export function DeskScreen({
  desk,
  place,
  config,
  serverName,
  community,
  idleWarning,
  onSignOut,
  onSessionEnded,
}: {
  desk: TokenDesk;
  place: AdminPlace;
  config: AppConfig;
  /** The homeserver the desk manages (desk-server.ts): the one its links name. */
  serverName: string;
  community: string;
  idleWarning: boolean;
  onSignOut: () => void;
  onSessionEnded: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [filter, setFilter] = useState<TokenFilter>('all');
  const [reloads, setReloads] = useState(0);
  const [tokens, setTokens] = useState<InviteToken[]>();
  const [listProblem, setListProblem] = useState<WordedProblem>();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<{ id: string; panel: Panel }>();
  const [focusId, setFocusId] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [status, setStatus] = useState<Message>();
  const [actionProblem, setActionProblem] = useState<WordedProblem>();

  /** Failures every action shares: the session is over, or the token is gone. True when handled. */
  const common = useCallback(
    (error: unknown, tokenId?: string): boolean => {
      if (isSessionEnd(error)) {
        onSessionEnded();
        return true;
      }
      if (tokenId !== undefined && error instanceof AdminProblem && error.kind === 'no-such-token') {
        setTokens((now) => now?.filter((token) => token.id !== tokenId));
        setOpen(undefined);
        setActionProblem(wordProblem(error, place));
        return true;
      }
      return false;
    },
    [onSessionEnded, place],
  );

  useEffect(() => {
    let current = true;
    desk.list(filter).then(
      (listed) => {
        if (!current) return;
        setTokens(listed);
        setListProblem(undefined);
      },
      (error: unknown) => {
        if (!current || common(error)) return;
        setTokens(undefined);
        setListProblem(wordProblem(error, place));
      },
    );
    return () => {
      current = false;
    };
  }, [desk, filter, reloads, common, place]);

  // Back in this tab (after sending a link, say), the uses made meanwhile are shown.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') setReloads((count) => count + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const replace = (changed: InviteToken) =>
    setTokens((now) => now?.map((token) => (token.id === changed.id ? changed : token)));

  const act = (token: InviteToken, action: () => Promise<InviteToken>, done: Message) => {
    setBusyId(token.id);
    setActionProblem(undefined);
    action().then(
      (changed) => {
        setBusyId(undefined);
        replace(changed);
        setStatus(done);
      },
      (error: unknown) => {
        setBusyId(undefined);
        if (!common(error, token.id)) setActionProblem(wordProblem(error, place));
      },
    );
  };

  const closePanel = (token: InviteToken) => {
    setOpen(undefined);
    setFocusId(token.id);
  };

  const panelOf = (token: InviteToken) => {
    if (open?.id !== token.id) return null;
    switch (open.panel) {
      case 'share':
        return (
          <TokenShare
            token={token}
            world={desk.world}
            serverName={serverName}
            withServer={config.allowCustomServers}
            community={community}
          />
        );
      case 'edit':
        return (
          <TokenForm
            place={place}
            editing={token}
            onSubmit={(request) => desk.update(token.id, 'change' in request ? request.change : {})}
            onDone={(changed) => {
              replace(changed);
              setStatus({ id: 'invite.desk.saved', values: { token: changed.token } });
              closePanel(changed);
            }}
            onCancel={() => closePanel(token)}
            onProblem={(error) => common(error, token.id)}
          />
        );
      case 'delete':
        return (
          <DeleteConfirm
            token={token}
            onCancel={() => closePanel(token)}
            onDelete={() =>
              (desk.remove?.(token.id) ?? Promise.reject(new AdminProblem('server'))).then(
                () => {
                  setTokens((now) => now?.filter((each) => each.id !== token.id));
                  setOpen(undefined);
                  setStatus({ id: 'invite.desk.deleted', values: { token: token.token } });
                  heading.current?.focus();
                },
                (error: unknown) => {
                  if (!common(error, token.id)) throw error;
                },
              )
            }
            place={place}
          />
        );
    }
  };

  return (
    <section>
      <p className="signed-in">
        {/* MAS's userinfo may not say who signed in (h-adminclient then gives ''): nothing to name. */}
        {desk.adminId === '' ? null : <span>{t('invite.desk.signedInAs', { admin: desk.adminId })}</span>}{' '}
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('invite.desk.signOut')}
        </button>
      </p>
      {idleWarning ? (
        <p className="notice" role="status">
          <span>{t('invite.desk.idleWarning')}</span>{' '}
          <button type="button" className="secondary">
            {t('invite.desk.staySignedIn')}
          </button>
        </p>
      ) : null}
      <h2 ref={heading} tabIndex={-1}>
        {t('invite.desk.tokensHeading')}
      </h2>
      <p role="status" className="status ok">
        {status ? t(status.id, status.values) : ''}
      </p>
      <FormProblem problem={actionProblem} />
      {creating ? (
        <TokenForm
          place={place}
          onSubmit={(request) => desk.create('draft' in request ? request.draft : { usesAllowed: 1, expiresAt: null })}
          onDone={(created) => {
            setCreating(false);
            setTokens((now) => [created, ...(now ?? []).filter((token) => token.id !== created.id)]);
            setOpen({ id: created.id, panel: 'share' });
            setFocusId(created.id);
            setStatus({ id: 'invite.desk.created', values: { token: created.token } });
          }}
          onCancel={() => setCreating(false)}
          onProblem={(error) => common(error)}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setCreating(true)}>
            {t('invite.desk.createHeading')}
          </button>
        </p>
      )}
      <fieldset className="token-filter">
        <legend>{t('invite.desk.filter')}</legend>
        {FILTERS.map((choice) => (
          <label key={choice.filter}>
            <input
              type="radio"
              name={`${id}-filter`}
              checked={filter === choice.filter}
              onChange={() => setFilter(choice.filter)}
            />{' '}
            {t(choice.label)}
          </label>
        ))}{' '}
        <button type="button" className="secondary" onClick={() => setReloads((count) => count + 1)}>
          {t('invite.desk.refresh')}
        </button>
      </fieldset>
      {listProblem ? (
        <>
          <FormProblem problem={listProblem} />
          <p>
            <button type="button" onClick={() => setReloads((count) => count + 1)}>
              {t('invite.desk.tryAgain')}
            </button>
          </p>
        </>
      ) : tokens === undefined ? (
        <p className="status" role="status" data-testid="tokens-loading">
          {t('invite.desk.loading')}
        </p>
      ) : tokens.length === 0 ? (
        <p>{t('invite.desk.none')}</p>
      ) : (
        <ul className="tokens">
          {tokens.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              world={desk.world}
              open={open?.id === token.id ? open.panel : undefined}
              focus={focusId === token.id}
              busy={busyId === token.id}
              onOpen={(panel) => {
                setFocusId(undefined);
                setOpen(panel ? { id: token.id, panel } : undefined);
              }}
              onRevoke={() =>
                act(token, () => desk.revoke?.(token.id) ?? Promise.reject(new AdminProblem('server')), {
                  id: 'invite.desk.revoked',
                  values: { token: token.token },
                })
              }
              onRestore={() =>
                act(token, () => desk.restore?.(token.id) ?? Promise.reject(new AdminProblem('server')), {
                  id: 'invite.desk.restored',
                  values: { token: token.token },
                })
              }
            >
              {panelOf(token)}
            </TokenItem>
          ))}
        </ul>
      )}
    </section>
  );
}
