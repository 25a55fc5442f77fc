import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { loadCatalog, type Catalog, type MessageId, type Namespace } from './catalogs';
import { formatMessage, type Values } from './format';
import { choose } from '../lib/choices';
import { directionOf, SOURCE_LANGUAGE, type Language } from './languages';
import type { MessageOverrides } from './overrides';

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

type Catalogs = Partial<Record<Namespace, Catalog>>;

interface Loaded {
  language: Language;
  catalogs: Catalogs;
  /** The English messages, loaded only once the language's own lack one (never for a whole catalog). */
  source?: Catalogs;
}

function find(catalogs: Catalogs | undefined, id: string): string | undefined {
  for (const catalog of Object.values(catalogs ?? {})) {
    // An empty message is an untranslated one (how translation platforms export them), not a blank.
    const message = Object.hasOwn(catalog, id) ? catalog[id] : undefined;
    if (message) return message;
  }
  return undefined;
}

/**
 * A message, first as the community corrected it (`config.json`'s `messages`), then as the
 * language's catalog has it, then in English (corrected, then shipped): a missing or empty message
 * shows in English rather than as a blank (review 2026-12 §3.1). `onMissing` asks for the English
 * catalogs when they are not here yet; until they are, the message is blank.
 */
export function translator(
  loaded: Loaded,
  overrides: MessageOverrides = {},
  onMissing: () => void = () => undefined,
): Translate {
  const own = overrides[loaded.language];
  const english = overrides[SOURCE_LANGUAGE];
  return (id, values) => {
    const ownMessage = (own && Object.hasOwn(own, id) ? own[id] : undefined) ?? find(loaded.catalogs, id);
    if (ownMessage) return formatMessage(loaded.language, ownMessage, values);
    const sourceMessage =
      (english && Object.hasOwn(english, id) ? english[id] : undefined) ??
      find(loaded.language === SOURCE_LANGUAGE ? loaded.catalogs : loaded.source, id);
    if (sourceMessage) return formatMessage(SOURCE_LANGUAGE, sourceMessage, values);
    onMissing();
    return '';
  };
}

const subscribeToNothing = () => () => undefined;

const I18nContext = createContext<I18n | undefined>(undefined);

/**
 * The page's language and its messages. It starts with what `main.tsx` loaded before the first
 * render (so nothing shows in another language first); other parts load when asked for, and a
 * new language replaces the old one only once its messages are all here.
 */
export function I18nProvider({
  initial,
  preload = [],
  overrides,
  firstOverrides = overrides,
  children,
}: {
  initial: { language: Language; catalogs: Catalogs; source?: Catalogs };
  /** Namespaces to fetch right after the first render. */
  preload?: Namespace[];
  /** The community's corrections (`config.json`'s `messages`, checked by overrides.ts). */
  overrides?: MessageOverrides;
  /**
   * The corrections of the first render, when it hydrates a prerendered page: those of the config
   * the build had, so that it matches the HTML; `overrides` replace them right after.
   */
  firstOverrides?: MessageOverrides;
  children: ReactNode;
}) {
  const [loaded, setLoaded] = useState<Loaded>(initial);
  const [wanted, setWanted] = useState<ReadonlySet<Namespace>>(
    () => new Set([...(Object.keys(initial.catalogs) as Namespace[]), ...preload]),
  );
  // `firstOverrides` while prerendering and hydrating (the server snapshot), `overrides` from then on.
  const applied = useSyncExternalStore(
    subscribeToNothing,
    () => overrides,
    () => firstOverrides,
  );
  const [sourceWanted, setSourceWanted] = useState(false);

  // The English fallback: once a message is missing, every wanted namespace's English catalog.
  useEffect(() => {
    if (!sourceWanted || loaded.language === SOURCE_LANGUAGE) return;
    const missing = [...wanted].filter((namespace) => !loaded.source?.[namespace]);
    if (missing.length === 0) return;
    let current = true;
    void Promise.all(missing.map((namespace) => loadCatalog(SOURCE_LANGUAGE, namespace))).then(
      (catalogs) => {
        if (!current) return;
        setLoaded((previous) => ({
          ...previous,
          source: { ...previous.source, ...Object.fromEntries(missing.map((ns, i) => [ns, catalogs[i]])) },
        }));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [sourceWanted, loaded, wanted]);

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
    // Asked for from a render: the state changes after it, never during it.
    t: translator(loaded, applied, () => {
      if (!sourceWanted) queueMicrotask(() => setSourceWanted(true));
    }),
    has: (namespace) => loaded.catalogs[namespace] !== undefined,
    load: (namespace) => {
      if (!wanted.has(namespace)) setWanted((previous) => new Set([...previous, namespace]));
    },
    setLanguage: async (language) => {
      const namespaces = [...wanted];
      const catalogs = await Promise.all(namespaces.map((namespace) => loadCatalog(language, namespace)));
      choose('language', language);
      // The English fallback already here stays: it is the same for every language.
      setLoaded((previous) => ({
        language,
        catalogs: Object.fromEntries(namespaces.map((ns, i) => [ns, catalogs[i]])),
        ...(previous.source ? { source: previous.source } : {}),
      }));
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
