import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageId } from '../../i18n/catalogs';
import {
  FAMILIES,
  FAMILY_NAMES,
  FORCEABLE_ENDPOINTS,
  KNOWN_ERRORS,
  MockController,
  OAUTH_FORCEABLE_ENDPOINTS,
  OAUTH_KNOWN_ERRORS,
  scenarios,
  type FamilyName,
  type ScenarioName,
} from 'matrix-mock-homeserver';
import './mock-panel.css';

/**
 * The designers' control panel, in a corner and out of the page's way: scenario (the URL follows),
 * network delay, the next answer forced to any errcode, the mock inbox, the accounts, and reset.
 * Talks to the controller directly; it runs in the same page as the in-browser homeserver.
 */
export function MockPanel({ controller }: { controller: MockController }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const version = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controllerVersion(controller),
  );
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const [endpoint, setEndpoint] = useState<string>('register');
  const [errorIndex, setErrorIndex] = useState(0);
  const [armed, setArmed] = useState('');
  const [opened, setOpened] = useState('');
  const [approved, setApproved] = useState('');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.shiftKey && event.code === 'KeyM') {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) body.current?.focus();
  }, [open]);

  // The OAuth server's endpoints too, where the scenario plays one (audit item 18).
  const endpoints: string[] = controller.homeserver.config.oauth
    ? [...FORCEABLE_ENDPOINTS, ...OAUTH_FORCEABLE_ENDPOINTS]
    : [...FORCEABLE_ENDPOINTS];
  const errors = errorsFor(endpoint);
  const inbox = controller.inbox();
  const accounts = controller.accounts();
  const tokens = controller.registrationTokens();
  // MAS's own tokens, where the scenario plays an OAuth 2.0 server (issue 25).
  const masTokens = controller.homeserver.config.oauth ? controller.masRegistrationTokens() : undefined;
  const delay = controller.homeserver.config.responseDelayMs;

  return (
    <aside className="mock-panel" aria-label={t('panel.landmark')} data-state={version}>
      <button
        type="button"
        className="mock-panel-toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen(!open)}
      >
        {t('panel.toggle')} <kbd>{t('panel.shortcut')}</kbd>
        {/* A delay lasts across reloads: said on the button while it is on, so nobody wonders why all is slow. */}
        {delay > 0 ? (
          <span className="mock-panel-delay" data-testid="mock-panel-delay">
            {' '}
            {t('panel.delayOn', { seconds: delay / 1000 })}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={`${id}-body`} className="mock-panel-body" ref={body} tabIndex={-1}>
          <h2>{t('panel.heading')}</h2>
          <p>{t('panel.intro')}</p>
          <label htmlFor={`${id}-scenario`}>{t('panel.scenario')}</label>
          <select
            id={`${id}-scenario`}
            value={controller.scenario}
            onChange={(event) => {
              const name = event.target.value as ScenarioName;
              // A family chosen before stays if it can play the new scenario; else the scenario's own plays.
              const chosen = controller.chosenHomeserver;
              const keep = chosen !== undefined && MockController.canPlay(name, chosen);
              controller.play(name, keep ? chosen : null);
              reloadWith({ scenario: name, homeserver: keep ? chosen : undefined });
            }}
          >
            {Object.keys(scenarios).map((name) => (
              <option key={name} value={name}>
                {name}: {t(`panel.scenario.${name}` as MessageId)}
              </option>
            ))}
          </select>

          <label htmlFor={`${id}-homeserver`}>{t('panel.homeserver')}</label>
          <select
            id={`${id}-homeserver`}
            value={controller.homeserver.config.homeserver}
            onChange={(event) => {
              const family = event.target.value as FamilyName;
              controller.play(controller.scenario, family);
              reloadWith({ scenario: controller.scenario, homeserver: family });
            }}
          >
            {FAMILY_NAMES.filter((name) => MockController.canPlay(controller.scenario, name)).map((name) => (
              <option key={name} value={name}>
                {FAMILIES[name].label}
              </option>
            ))}
          </select>

          <label htmlFor={`${id}-delay`}>{t('panel.delay')}</label>
          <input
            id={`${id}-delay`}
            type="number"
            min={0}
            max={30000}
            step={250}
            value={delay}
            onChange={(event) =>
              controller.setResponseDelay(Math.max(0, Math.min(30000, Number(event.target.value) || 0)))
            }
          />

          <fieldset>
            <legend>{t('panel.failHeading')}</legend>
            <label htmlFor={`${id}-endpoint`}>{t('panel.endpoint')}</label>
            <select
              id={`${id}-endpoint`}
              value={endpoint}
              onChange={(event) => {
                setEndpoint(event.target.value);
                setErrorIndex(0);
              }}
            >
              {endpoints.map((name) => (
                <option key={name} value={name}>
                  {t(`panel.endpoint.${name}` as MessageId)}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-error`}>{t('panel.error')}</label>
            <select
              id={`${id}-error`}
              value={errorIndex}
              onChange={(event) => setErrorIndex(Number(event.target.value))}
            >
              {errors.map((error, index) => (
                <option key={`${error.errcode}-${String(error.status)}`} value={index}>
                  {error.errcode} ({error.status})
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => {
                const chosen = errors[errorIndex];
                if (!chosen) return;
                controller.forceNextError(endpoint, chosen.errcode, chosen.status, chosen.extra ?? {});
                setArmed(
                  t('panel.armed', { endpoint: t(`panel.endpoint.${endpoint}` as MessageId), errcode: chosen.errcode }),
                );
              }}
            >
              {t('panel.fail')}
            </button>
            <p aria-live="polite">{controller.forced.size > 0 ? armed : ''}</p>
          </fieldset>

          <h3>{t('panel.inbox', { count: inbox.length })}</h3>
          {inbox.length === 0 ? <p>{t('panel.inboxEmpty')}</p> : null}
          <ul className="mock-panel-list">
            {inbox.map((message) => (
              <li key={message.id}>
                <strong>
                  <bdi dir="ltr">{message.to}</bdi>
                </strong>
                <br />
                {message.subject}
                <br />
                {message.code !== undefined ? (
                  <>
                    {t('panel.code')}: <code>{message.code}</code>{' '}
                  </>
                ) : null}
                <button
                  type="button"
                  onClick={() => {
                    void fetch(message.link).then(() => setOpened(message.id));
                  }}
                >
                  {t('panel.openLink')}
                </button>
                {opened === message.id ? <span role="status"> {t('panel.linkOpened')}</span> : null}
              </li>
            ))}
          </ul>

          <h3>{t('panel.accounts', { count: accounts.length })}</h3>
          <ul className="mock-panel-list">
            {accounts.map((account) => (
              <li key={account.user_id}>
                {/* Isolated: in a right-to-left panel `@alice:localhost:8008` must not read "alice:localhost:8008@". */}
                <bdi dir="ltr">{account.user_id}</bdi>
                {account.approved ? null : (
                  <>
                    {' '}
                    ({t('panel.awaitingApproval')}){' '}
                    <button
                      type="button"
                      aria-label={`${t('panel.approve')} ${account.user_id}`}
                      onClick={() => {
                        if (controller.approve(account.user_id)) setApproved(account.user_id);
                      }}
                    >
                      {t('panel.approve')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p role="status">{approved ? t('panel.approved', { user: approved }) : ''}</p>

          <h3>{t('panel.tokens', { count: tokens.length })}</h3>
          <ul className="mock-panel-list">
            {tokens.map((token) => (
              <li key={token.token}>
                <code dir="ltr">{token.token}</code>:{' '}
                {t('panel.tokenUse', {
                  completed: token.completed,
                  allowed: token.uses_allowed ?? 'unlimited',
                  pending: token.pending,
                })}
                {token.valid ? null : <> ({t('panel.tokenRefused')})</>}
              </li>
            ))}
          </ul>
          <p>{t('panel.adminHint')}</p>

          {masTokens ? (
            <>
              <h3>{t('panel.masTokens', { count: masTokens.length })}</h3>
              <ul className="mock-panel-list">
                {masTokens.map((token) => (
                  <li key={token.id}>
                    <code dir="ltr">{token.token}</code>:{' '}
                    {t('panel.tokenUse', {
                      completed: token.times_used,
                      allowed: token.usage_limit ?? 'unlimited',
                      pending: 0,
                    })}
                    {token.valid ? null : <> ({t('panel.tokenRefused')})</>}
                  </li>
                ))}
              </ul>
              <p>{t('panel.masAdminHint')}</p>
            </>
          ) : null}

          <p>
            <button
              type="button"
              onClick={() => {
                void controller.reset().then(() => window.location.reload());
              }}
            >
              {t('panel.reset')}
            </button>{' '}
            <button type="button" onClick={() => setOpen(false)}>
              {t('panel.close')}
            </button>
          </p>
        </div>
      ) : null}
    </aside>
  );
}

/** The errors one endpoint can be made to answer: OAuth's own for the OAuth server's endpoints. */
function errorsFor(endpoint: string): { errcode: string; status: number; extra?: Record<string, unknown> }[] {
  const oauth = (OAUTH_FORCEABLE_ENDPOINTS as readonly string[]).includes(endpoint)
    ? OAUTH_KNOWN_ERRORS[endpoint as (typeof OAUTH_FORCEABLE_ENDPOINTS)[number]]
    : undefined;
  return oauth ?? KNOWN_ERRORS;
}

/** A value that changes whenever anything the panel shows changes. */
function controllerVersion(controller: MockController): string {
  const state = controller.homeserver.state;
  return [
    controller.scenario,
    controller.homeserver.config.responseDelayMs,
    Object.keys(state.accounts).length,
    state.inbox.length,
    state.registrationTokens
      .map((token) => `${token.token}:${String(token.pending)}:${String(token.completed)}`)
      .join(','),
    Object.values(state.oauth.registrationTokens)
      .map((token) => `${token.id}:${String(token.timesUsed)}:${String(token.revokedAt)}:${String(token.usageLimit)}`)
      .join(','),
    controller.forced.size,
  ].join('|');
}

/**
 * A reload with the scenario and family in the address: the page asks the server what it needs
 * again, and the address can be shared to show someone the same state.
 */
function reloadWith(choice: { scenario: ScenarioName; homeserver: FamilyName | undefined }) {
  const url = new URL(window.location.href);
  url.searchParams.set('scenario', choice.scenario);
  if (choice.homeserver === undefined) url.searchParams.delete('homeserver');
  else url.searchParams.set('homeserver', choice.homeserver);
  window.location.assign(url.href);
}
