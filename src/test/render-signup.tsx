import '@testing-library/jest-dom/vitest';
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import type { AppConfig, LinkParams } from '../config/app-config';
import SignupPageWithServerState from '../features/registration/signup-page';
import { loadCatalog } from '../i18n/catalogs';
import { I18nProvider } from '../i18n/i18n';

/**
 * The whole sign-up page (after the first paint has handed over), in English, on the server the
 * config names: for tests that drive it as a person does, against the mock behind `fetch`
 * (`startMockHomeserver`). Needs the jsdom environment.
 */
export async function renderSignup(
  config: Partial<AppConfig> = {},
  link: LinkParams = {},
  /** Under StrictMode, as `npm run dev` renders it (every effect twice). */
  options: { strict?: boolean } = {},
) {
  const [start, later] = await Promise.all([loadCatalog('en', 'start'), loadCatalog('en', 'later')]);
  const page = (
    <I18nProvider initial={{ language: 'en', catalogs: { start, later } }}>
      <SignupPageWithServerState
        config={{
          defaultServer: 'localhost:8008',
          allowCustomServers: true,
          suggestedServers: [],
          clients: [],
          inhibitLogin: true,
          ...config,
        }}
        link={link}
      />
    </I18nProvider>
  );
  return render(options.strict ? <StrictMode>{page}</StrictMode> : page);
}
