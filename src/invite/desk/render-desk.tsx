import { render, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { StrictMode } from 'react';
import type { AppConfig } from '../../config/app-config';
import type { Branding } from '../../config/community';
import { loadCatalog } from '../../i18n/catalogs';
import '../../i18n/invite-catalogs';
import { I18nProvider } from '../../i18n/i18n';
import type { Language } from '../../i18n/languages';
import { InviteFrame } from '../invite-frame';
import type { DeskPorts } from './desk-ports';

/** For tests: the invite page as main.tsx renders it, with the given ports (fake-token-desk.ts). */
export async function renderDesk(
  ports: DeskPorts,
  options: {
    language?: Language;
    allowCustomServers?: boolean;
    branding?: Branding;
    page?: string;
    /** As main.tsx renders it: React runs each effect twice in development. */
    strict?: boolean;
  } = {},
) {
  const language = options.language ?? 'en';
  const [start, invite] = await Promise.all([loadCatalog(language, 'start'), loadCatalog(language, 'invite')]);
  const config: AppConfig = {
    defaultServer: 'example.org',
    allowCustomServers: options.allowCustomServers ?? true,
    suggestedServers: [],
    clients: [],
    inhibitLogin: true,
  };
  const page = (
    <I18nProvider initial={{ language, catalogs: { start, invite } }}>
      <InviteFrame
        config={config}
        branding={options.branding}
        ports={ports}
        page={new URL(options.page ?? 'https://join.example.org/invite.html')}
      />
    </I18nProvider>
  );
  return render(options.strict ? <StrictMode>{page}</StrictMode> : page);
}

/** Focus moves in an effect, a moment after the element shows: waits for it (and fails if it never comes). */
export const focused = (element: HTMLElement) => waitFor(() => expect(element).toHaveFocus());
