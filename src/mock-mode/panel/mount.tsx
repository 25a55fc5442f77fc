import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCatalog } from '../../i18n/catalogs';
import '../../i18n/panel-catalogs';
import { I18nProvider, useI18n } from '../../i18n/i18n';
import { isLanguage, SOURCE_LANGUAGE, type Language } from '../../i18n/languages';
import type { MockController } from 'matrix-mock-homeserver';
import { MockPanel } from './mock-panel';

const pageLanguage = (): Language => {
  const lang = document.documentElement.lang;
  return isLanguage(lang) ? lang : SOURCE_LANGUAGE;
};

/** The panel speaks the page's language, and changes when the page's does (`<html lang>`). */
function FollowPageLanguage() {
  const { language, setLanguage } = useI18n();
  useEffect(() => {
    const observer = new MutationObserver(() => {
      if (pageLanguage() !== language) void setLanguage(pageLanguage());
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    return () => observer.disconnect();
  }, [language, setLanguage]);
  return null;
}

/** Puts the panel in its own root beside the app's, so the app's own markup is untouched. */
export async function mountMockPanel(controller: MockController): Promise<void> {
  const language = pageLanguage();
  const panel = await loadCatalog(language, 'panel');
  const host = document.createElement('div');
  host.id = 'mock-panel-root';
  document.body.appendChild(host);
  createRoot(host).render(
    <I18nProvider initial={{ language, catalogs: { panel } }}>
      <FollowPageLanguage />
      <MockPanel controller={controller} />
    </I18nProvider>,
  );
}
