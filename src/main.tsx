import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App, ConfigProblem, HydratedApp, type AppProps } from './app/app';
import { enableMocking } from './app/enable-mocking';
import { preloadSignupPage } from './features/registration/signup';
import { isFramed, refuseFraming } from './app/framing';
import { applyTheme, storedTheme } from './app/theme';
import { fetchAppConfig, logConfigWarnings, takeLinkParams, type AppConfig } from './config/app-config';
import type { Branding } from './config/community';
import { loadCatalog, type Catalog } from './i18n/catalogs';
import { applyDocumentLanguage, I18nProvider, storedLanguage } from './i18n/i18n';
import type { MessageOverrides } from './i18n/overrides';
import { preferredLanguage, SOURCE_LANGUAGE, type Language } from './i18n/languages';
import { readAuthorizationAnswer, takeRoundTrip } from './matrix/oauth/round-trip';
import { markupLanguage, takeHandedStartMessages } from './prerender/language-first-paint';
import { prerenderedProps, readPrerendered } from './prerender/prerendered';

// The page's styles: in a build, index.html carries them inline (the prerender plugin), the first
// paint's in `<head>` and the later states' after the form; in development, here. Not imported in a
// build: Vite would have every lazy chunk fetch and apply them once more.
if (import.meta.env.DEV) {
  void import('./styles/first-paint.css');
  void import('./styles/page.css');
}

/** The community's keys load (and are checked) only when the config has one of them. */
async function loadBranding(config: AppConfig): Promise<Branding | undefined> {
  if (!config.branding) return undefined;
  const { parseBranding, applyBranding } = await import('./config/branding');
  const branding = parseBranding(config.branding, window.location.href);
  applyBranding(branding);
  return branding;
}

/**
 * The community's message corrections (checked; each refused one warned about), loading their check
 * only when the config has some. Without them (or their chunk) the shipped messages stand.
 */
async function loadOverrides(raw: unknown, quiet = false): Promise<MessageOverrides> {
  // None is `{}`, not undefined: the hydrating render must use the build's (none), not these.
  if (raw === undefined) return {};
  try {
    const { loadMessageOverrides } = await import('./i18n/overrides');
    return await loadMessageOverrides(raw, { quiet });
  } catch {
    return {};
  }
}

/**
 * Before the first render: the config, the language (so nothing shows in another one first) and
 * its first messages, fetched side by side where they can be; then the page.
 */
async function start(root: HTMLElement) {
  const languageAsked = (query: string | null) =>
    preferredLanguage({ query, stored: storedLanguage(), browser: navigator.languages });
  const asked = new URLSearchParams(window.location.search).get('lang');
  // Framed by another site: nothing starts, not even the OAuth return (src/app/framing.ts).
  if (isFramed()) return refuseFraming(languageAsked(asked));
  const mock = await enableMocking();
  const returning = startOAuthReturn();
  const oauthReturn = returning?.oauthReturn;
  // What the first paint does not need, fetched beside what it does.
  void preloadSignupPage().catch(() => undefined);
  const configLoad = fetchAppConfig();
  // Back from the OAuth server: the language the person left in counts as their `?lang=`.
  const preferred = languageAsked(returning?.language ?? asked);
  // A visitor of another language than the build's has theirs already, from their first paint's file.
  const handed = preferred ? takeHandedStartMessages(preferred) : undefined;
  const earlyCatalog = handed ? Promise.resolve(handed) : preferred ? loadCatalog(preferred, 'start') : undefined;
  let config: AppConfig | undefined;
  let branding: Branding | undefined;
  let problem: unknown;
  try {
    const loaded = await configLoad;
    logConfigWarnings(loaded);
    branding = await loadBranding(loaded);
    config = loaded;
  } catch (error) {
    // A config with a bad value is not used at all: the page says what is wrong instead.
    problem = error;
  }
  const prerendered = readPrerendered();
  const language: Language = preferred ?? config?.defaultLanguage ?? prerendered?.language ?? SOURCE_LANGUAGE;
  const overridesLoad = loadOverrides(config?.messages);
  let catalog: Catalog;
  try {
    catalog = await (earlyCatalog ?? loadCatalog(language, 'start'));
  } catch {
    // Without its words the page can say nothing; the markup's own fallback stays visible.
    document.getElementById('load-failed')?.removeAttribute('hidden');
    return;
  }
  applyDocumentLanguage(language);
  applyTheme(storedTheme() ?? branding?.defaultTheme ?? 'system');
  // In mock mode the built-in homeserver is the default; `?hs=` can still name a real one.
  if (config && mock) config.defaultServer = mock.serverName;
  const now: AppProps | undefined = config && {
    config,
    branding,
    link: takeLinkParams(window.location, window.history),
    ...(oauthReturn ? { oauthReturn } : {}),
  };
  const overrides = await overridesLoad;
  const page = (content: React.ReactNode, firstOverrides = overrides) => (
    <StrictMode>
      <I18nProvider
        initial={{ language, catalogs: { start: catalog } }}
        preload={['later']}
        overrides={overrides}
        firstOverrides={firstOverrides}
      >
        {content}
      </I18nProvider>
    </StrictMode>
  );
  // The build's language, or the person's, which the script after the form put in place (decision 023).
  const markup = prerendered ? (markupLanguage(root) ?? prerendered.language) : undefined;
  if (prerendered && now && markup === language && !oauthReturn) {
    // The prerendered form stays the same nodes: what was typed, focused or selected in it stays.
    // Its words were corrected with the build's config (warned about at build time), this config's after.
    hydrateRoot(
      root,
      page(
        <HydratedApp prerendered={await prerenderedProps(prerendered)} now={now} />,
        await loadOverrides(prerendered.config.messages, true),
      ),
    );
  } else {
    // A language the page carries no first paint for (its prerendered words were hidden, decision 010),
    // or a config problem:
    // rendered afresh in place of the prerendered page.
    root.replaceChildren();
    document.documentElement.removeAttribute('data-oauth-return');
    createRoot(root).render(page(now ? <App {...now} /> : <ConfigProblem problem={problem} />));
  }
  mock?.showPanel();
}

/**
 * Someone coming back from an OAuth server: the answer is taken out of the address and the round
 * trip out of storage at once, and the code is exchanged once (the OAuth code loads only then).
 */
function startOAuthReturn(): { oauthReturn: NonNullable<AppProps['oauthReturn']>; language?: string } | undefined {
  const answer = readAuthorizationAnswer(window.location, window.history);
  if (!answer) return undefined;
  const roundTrip = takeRoundTrip();
  const completion = import('./matrix/oauth/complete').then(({ completeOAuthSignup }) =>
    completeOAuthSignup(answer, roundTrip),
  );
  // Read by the page once it renders; until then a failure is not "unhandled".
  completion.catch(() => undefined);
  return {
    oauthReturn: { completion, ...(roundTrip ? { host: new URL(roundTrip.issuer).host } : {}) },
    ...(roundTrip?.language ? { language: roundTrip.language } : {}),
  };
}

const root = document.getElementById('root');
if (root) void start(root);
