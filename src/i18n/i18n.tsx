import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { loadCatalog, type Catalog, type MessageId, type Namespace } from './catalogs';
import { formatMessage, type Values } from './format';
import { directionOf, LANGUAGE_STORAGE_KEY, type Language } from './languages';

export { storedLanguage } from './languages';

export type Translate = (id: MessageId, values?: Values) => string;

export interface I18n {
  language: Language;
  t: Translate;
  /** Whether a namespace of the current language has loaded (its messages are not blank). */
  has: (namespace: Namespace) => boolean;
  load: (namespace: Namespace) => void;
  setLanguage: (language: Language) => Promise<void>;
}

/** `<html lang dir>` follow the page's language, so that screen readers and bidi layout do too. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** Once the page shows `language`: the script before paint (src/prerender/before-paint.ts) hid prerendered words in another one (decision 010). */
function revealLanguage(language: Language): void {
  if (document.documentElement.getAttribute('data-language-pending') === language) {
    document.documentElement.removeAttribute('data-language-pending');
  }
}

interface Loaded {
  language: Language;
  catalogs: Partial<Record<Namespace, Catalog>>;
}

function translator(loaded: Loaded): Translate {
  return (id, values) => {
    for (const catalog of Object.values(loaded.catalogs)) {
      const message = catalog[id];
      if (message !== undefined) return formatMessage(loaded.language, message, values);
    }
    return '';
  };
}

const I18nContext = createContext<I18n | undefined>(undefined);

/**
 * The page's language and its messages. It starts with what `main.tsx` loaded before the first
 * render (so nothing shows in another language first); other parts load when asked for, and a
 * new language replaces the old one only once its messages are all here.
 */
export function I18nProvider({
  initial,
  preload = [],
  children,
}: {
  initial: { language: Language; catalogs: Partial<Record<Namespace, Catalog>> };
  /** Namespaces to fetch right after the first render. */
  preload?: Namespace[];
  children: ReactNode;
}) {
  const [loaded, setLoaded] = useState<Loaded>(initial);
  const [wanted, setWanted] = useState<ReadonlySet<Namespace>>(
    () => new Set([...(Object.keys(initial.catalogs) as Namespace[]), ...preload]),
  );

  useEffect(() => {
    applyDocumentLanguage(loaded.language);
    revealLanguage(loaded.language);
    const missing = [...wanted].filter((namespace) => !loaded.catalogs[namespace]);
    if (missing.length === 0) return;
    let current = true;
    void Promise.all(missing.map((namespace) => loadCatalog(loaded.language, namespace))).then(
      (catalogs) => {
        if (!current) return;
        setLoaded((previous) =>
          previous.language === loaded.language
            ? {
                ...previous,
                catalogs: { ...previous.catalogs, ...Object.fromEntries(missing.map((ns, i) => [ns, catalogs[i]])) },
              }
            : previous,
        );
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [loaded, wanted]);

  const value: I18n = {
    language: loaded.language,
    t: translator(loaded),
    has: (namespace) => loaded.catalogs[namespace] !== undefined,
    load: (namespace) => {
      if (!wanted.has(namespace)) setWanted((previous) => new Set([...previous, namespace]));
    },
    setLanguage: async (language) => {
      const namespaces = [...wanted];
      const catalogs = await Promise.all(namespaces.map((namespace) => loadCatalog(language, namespace)));
      try {
        localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
      } catch {
        // Storage blocked: the choice lasts until the page is left.
      }
      setLoaded({ language, catalogs: Object.fromEntries(namespaces.map((ns, i) => [ns, catalogs[i]])) });
    },
  };
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** The translator, once `namespace` has loaded (it is asked for now if it has not); else undefined. */
export function useMessages(namespace: Namespace): Translate | undefined {
  const i18n = useI18n();
  const ready = i18n.has(namespace);
  const { load } = i18n;
  useEffect(() => {
    if (!ready) load(namespace);
  }, [ready, load, namespace]);
  return ready ? i18n.t : undefined;
}
