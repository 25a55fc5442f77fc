import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProblem } from '../app/app';
import { enableMocking } from '../app/enable-mocking';
import { isFramed, refuseFraming } from '../app/framing';
import { applyTheme, storedTheme } from '../app/theme';
import { fetchAppConfig, logConfigWarnings, type AppConfig } from '../config/app-config';
import type { Branding } from '../config/community';
import { loadCatalog } from '../i18n/catalogs';
import '../i18n/invite-catalogs';
import { applyDocumentLanguage, I18nProvider, storedLanguage } from '../i18n/i18n';
import { preferredLanguage, SOURCE_LANGUAGE } from '../i18n/languages';
import '../styles/first-paint.css';
import '../styles/page.css';
import './desk/desk.css';
import { readAuthorizationAnswer } from '../matrix/oauth/round-trip';
import { browserPorts } from './desk/desk-ports';
import { InviteFrame } from './invite-frame';

/** The admins' invite desk: the sign-up page's config, language and brand, and its own messages. */
async function start(root: HTMLElement) {
  // MAS's answer (a one-time code) is read from this copy and taken out of the address at once,
  // before anything else runs: it is then in no history entry, bookmark or later read of the URL.
  const page = new URL(window.location.href);
  readAuthorizationAnswer(window.location, window.history);
  const preferred = preferredLanguage({
    query: new URLSearchParams(window.location.search).get('lang'),
    stored: storedLanguage(),
    browser: navigator.languages,
  });
  // The admins' page above all must not be clicked through another site's frame (src/app/framing.ts).
  if (isFramed()) return refuseFraming(preferred);
  // The demo's in-browser homeserver (mock mode only), before the first request to it.
  const mock = await enableMocking();
  let config: AppConfig | undefined;
  let branding: Branding | undefined;
  let problem: unknown;
  try {
    const loaded = await fetchAppConfig();
    logConfigWarnings(loaded);
    if (loaded.branding) {
      const { parseBranding, applyBranding } = await import('../config/branding');
      branding = parseBranding(loaded.branding, window.location.href);
      applyBranding(branding);
    }
    config = loaded;
    // In mock mode the built-in homeserver is the default, as on the sign-up page; `?hs=` can still name a real one.
    if (mock) config.defaultServer = mock.serverName;
  } catch (error) {
    problem = error;
  }
  const language = preferred ?? config?.defaultLanguage ?? SOURCE_LANGUAGE;
  const [start, invite, overrides] = await Promise.all([
    loadCatalog(language, 'start'),
    loadCatalog(language, 'invite'),
    // The community's message corrections, as on the sign-up page (their check loads only if set).
    config?.messages === undefined
      ? undefined
      : import('../i18n/overrides').then(
          ({ loadMessageOverrides }) => loadMessageOverrides(config.messages),
          () => undefined,
        ),
  ]);
  applyDocumentLanguage(language);
  applyTheme(storedTheme() ?? branding?.defaultTheme ?? 'system');
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initial={{ language, catalogs: { start, invite } }} overrides={overrides}>
        {config ? (
          <InviteFrame config={config} branding={branding} ports={browserPorts} page={page} />
        ) : (
          <ConfigProblem problem={problem} />
        )}
      </I18nProvider>
    </StrictMode>,
  );
  mock?.showPanel();
}

const root = document.getElementById('root');
if (root) void start(root);
