// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from './catalogs';
import { I18nProvider, translator, useI18n } from './i18n';

afterEach(cleanup);

function Label() {
  const { t } = useI18n();
  return (
    <p>
      <span data-testid="token">{t('token.label')}</span> <span data-testid="title">{t('app.title')}</span>
    </p>
  );
}

describe('a message the language lacks', () => {
  it('is said in English, not left blank, once the English catalog is here', async () => {
    const german = await loadCatalog('de', 'start');
    const partial = { ...german };
    delete partial['token.label'];
    render(
      <I18nProvider initial={{ language: 'de', catalogs: { start: partial } }}>
        <Label />
      </I18nProvider>,
    );
    expect(await screen.findByText('Registration token')).toBeInTheDocument();
    expect(screen.getByTestId('title')).toHaveTextContent(german['app.title'] ?? '-');
  });

  it('is said in English when a translation platform exported it empty', () => {
    const t = translator({
      language: 'fr',
      catalogs: { start: { 'app.title': '' } },
      source: { start: { 'app.title': 'Create' } },
    });
    expect(t('app.title')).toBe('Create');
  });

  it('is blank only while the English catalog loads, and asks for it', () => {
    let asked = 0;
    const t = translator({ language: 'fr', catalogs: { start: {} } }, {}, () => asked++);
    expect(t('app.title')).toBe('');
    expect(asked).toBe(1);
  });
});

describe("a community's correction (config.json messages)", () => {
  const loaded = {
    language: 'de' as const,
    catalogs: { start: { 'token.label': 'Registrierungstoken', 'app.titleBranded': 'Konto für {name}' } },
  };

  it('wins over the shipped message, with its placeholders filled', () => {
    const t = translator(loaded, {
      de: { 'token.label': 'Einladungscode', 'app.titleBranded': 'Dein Konto bei {name}' },
    });
    expect(t('token.label')).toBe('Einladungscode');
    expect(t('app.titleBranded', { name: 'Beispiel' })).toBe('Dein Konto bei Beispiel');
  });

  it('in another language changes nothing here', () => {
    expect(translator(loaded, { fr: { 'token.label': 'Jeton' } })('token.label')).toBe('Registrierungstoken');
  });

  it('apply from the first render when no prerendered page is hydrated', async () => {
    const start = await loadCatalog('en', 'start');
    render(
      <I18nProvider
        initial={{ language: 'en', catalogs: { start } }}
        firstOverrides={{}}
        overrides={{ en: { 'token.label': 'Invite code' } }}
      >
        <Label />
      </I18nProvider>,
    );
    expect(await screen.findByText('Invite code')).toBeInTheDocument();
  });

  it('hydrate a prerendered page with the build’s corrections, then apply the page’s own', async () => {
    const start = await loadCatalog('en', 'start');
    const page = () => (
      <I18nProvider
        initial={{ language: 'en', catalogs: { start } }}
        firstOverrides={{ en: { 'token.label': 'Built code' } }}
        overrides={{ en: { 'token.label': 'Invite code' } }}
      >
        <Label />
      </I18nProvider>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(page());
    expect(container.textContent).toContain('Built code');
    document.body.append(container);
    await act(async () => {
      hydrateRoot(container, page());
      await Promise.resolve();
    });
    expect(container.textContent).toContain('Invite code');
    container.remove();
  });
});
