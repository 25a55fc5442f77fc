import { useEffect, useId, useState, type ReactNode } from 'react';
import { localized, THEMES, type Branding, type Theme } from '../config/community';
import { useI18n } from '../i18n/i18n';
import { LANGUAGES, nativeName, type Language } from '../i18n/languages';
import { chooseTheme, storedTheme } from './theme';
import { JourneyEndContext } from './journey-end';
import { useHydrated } from './use-hydrated';

/**
 * The page around the form: the community's logo and name in the heading (and the title), its
 * welcome text, and a footer with its links, the language and the theme.
 */
export function PageFrame({
  branding,
  title: ownTitle,
  children,
}: {
  branding?: Branding;
  /** A page's own heading (the invite page); else the sign-up's, with the community's name. */
  title?: string;
  children: ReactNode;
}) {
  const { t, language, setLanguage } = useI18n();
  const id = useId();
  const name = branding?.name ? localized(branding.name, language) : undefined;
  // Once the account exists, the heading says whose it is rather than "Create …".
  const [ended, setEnded] = useState(false);
  const title =
    ownTitle ??
    (ended
      ? name
        ? t('app.titleDoneBranded', { name })
        : t('app.titleDone')
      : name
        ? t('app.titleBranded', { name })
        : t('app.title'));
  useEffect(() => {
    document.title = title;
  }, [title]);
  // The other languages' names join the picker once the page has taken over from the prerendered
  // one: laying out names in a dozen scripts (Arabic, Chinese, Cyrillic…) cost the first paint
  // tens of milliseconds of font fallback, and the closed picker shows only the current one anyway
  // (decision 010).
  const allLanguages = useHydrated();
  const help = branding?.helpUrl ? localized(branding.helpUrl, language) : undefined;
  const links = branding?.footerLinks ?? [];
  return (
    <>
      <main className="card">
        <header className="masthead">
          {branding?.logo && name ? (
            <>
              <img className="logo logo-light" src={branding.logo.light} alt={t('app.logo', { name })} />
              <img className="logo logo-dark" src={branding.logo.dark} alt={t('app.logo', { name })} />
            </>
          ) : null}
          <h1>{title}</h1>
        </header>
        {/* The community's own words may be in another language and direction than the page's (UX audit 17). */}
        {branding?.welcomeText ? (
          <p className="welcome" dir="auto">
            {localized(branding.welcomeText, language)}
          </p>
        ) : null}
        <JourneyEndContext.Provider value={setEnded}>{children}</JourneyEndContext.Provider>
      </main>
      <footer className="page-footer">
        {help || links.length > 0 ? (
          <nav aria-label={t('app.footer')}>
            <ul>
              {help ? (
                <li>
                  <a href={help}>{t('app.help')}</a>
                </li>
              ) : null}
              {links.map((link) => (
                <li key={`${localized(link.label, 'en')}-${localized(link.url, 'en')}`}>
                  <a href={localized(link.url, language)} dir="auto">
                    {localized(link.label, language)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="pickers">
          <span className="picker">
            <label htmlFor={`${id}-language`}>{t('app.language')}</label>
            <select
              id={`${id}-language`}
              className="language-picker"
              value={language}
              onChange={(event) => {
                const chosen = event.target.value as Language;
                void setLanguage(chosen).then(() => {
                  // A `?lang=` in the address would win on reload over what was just picked.
                  const url = new URL(window.location.href);
                  if (url.searchParams.has('lang')) {
                    url.searchParams.set('lang', chosen);
                    window.history.replaceState(window.history.state, '', url.href);
                  }
                });
              }}
            >
              {(allLanguages ? LANGUAGES : [language]).map((code) => (
                <option key={code} value={code} lang={code}>
                  {nativeName(code)}
                </option>
              ))}
            </select>
          </span>
          <span className="picker">
            <label htmlFor={`${id}-theme`}>{t('app.theme')}</label>
            <ThemePicker id={`${id}-theme`} fallback={branding?.defaultTheme ?? 'system'} />
          </span>
        </div>
      </footer>
    </>
  );
}

function ThemePicker({ id, fallback }: { id: string; fallback: Theme }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState<Theme>(() => storedTheme() ?? fallback);
  return (
    <select
      id={id}
      value={current}
      onChange={(event) => {
        const theme = event.target.value as Theme;
        chooseTheme(theme);
        setCurrent(theme);
      }}
    >
      {THEMES.map((theme) => (
        <option key={theme} value={theme}>
          {t(`app.theme.${theme}`)}
        </option>
      ))}
    </select>
  );
}
