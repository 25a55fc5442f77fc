import { renderToString } from 'react-dom/server';
import { App } from '../app/app';
import { localized, type Theme } from '../config/community';
import type { Catalog } from '../i18n/catalogs';
import { I18nProvider, translator } from '../i18n/i18n';
import { loadMessageOverrides } from '../i18n/overrides';
import { prerenderedProps, type PrerenderedWith } from './prerendered';

/** The page's first paint, and what goes around it in `index.html`. */
export interface PrerenderedPage {
  /** The heading, the server line and the form, for `#root`. */
  body: string;
  /** `<title>`, with the community's name when it has one. */
  title: string;
  /** `data-theme` on `<html>` unless the person chose another ('system': none). */
  theme: Theme;
  /** The community's accent as CSS custom properties, for a stylesheet of its own (the CSP has no inline styles). */
  brandCss?: string;
  faviconUrl?: string;
}

/**
 * Renders the page at build time (the `prerender` plugin, scripts/vite/prerender.ts) in the build's
 * default language, with the community's brand: typeable before any script runs. The client
 * hydrates it from the same props (decision 010).
 */
export async function renderPage(input: PrerenderedWith, catalog: Catalog): Promise<PrerenderedPage> {
  const props = await prerenderedProps(input);
  // The build's config corrects the first paint's words too; a refused correction is warned about here.
  const overrides = props.config.messages === undefined ? undefined : await loadMessageOverrides(props.config.messages);
  const body = renderToString(
    <I18nProvider initial={{ language: input.language, catalogs: { start: catalog } }} overrides={overrides}>
      <App {...props} hydrating />
    </I18nProvider>,
  );
  const { branding } = props;
  const name = branding?.name ? localized(branding.name, input.language) : undefined;
  const t = translator({ language: input.language, catalogs: { start: catalog } }, overrides);
  const title = name ? t('app.titleBranded', { name }) : t('app.title');
  const accent = branding?.accent;
  return {
    body,
    title,
    theme: branding?.defaultTheme ?? 'system',
    ...(accent
      ? {
          brandCss:
            `:root{--brand-accent-light:${accent.light.accent};--brand-accent-text-light:${accent.light.text};` +
            `--brand-accent-dark:${accent.dark.accent};--brand-accent-text-dark:${accent.dark.text}}\n`,
        }
      : {}),
    ...(branding?.faviconUrl ? { faviconUrl: branding.faviconUrl } : {}),
  };
}
