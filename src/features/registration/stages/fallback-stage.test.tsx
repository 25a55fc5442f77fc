// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../i18n/catalogs';
import { I18nProvider } from '../../../i18n/i18n';
import { homeserverAt } from '../../../matrix/homeserver';
import type { DiscoveredServer } from '../../../matrix/discovery';
import type { Registration, StageStep } from '../use-registration';
import { FallbackStage } from './fallback-stage';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const server = { ...homeserverAt('https://matrix.example.org'), serverName: 'example.org' } as DiscoveredServer;

async function renderFallback() {
  const [start, later] = await Promise.all([loadCatalog('en', 'start'), loadCatalog('en', 'later')]);
  const step = {
    kind: 'stage',
    stage: 'm.login.sso.custom',
    position: 1,
    total: 1,
    uia: { session: 'the-session', params: {} },
  } as unknown as StageStep;
  const checkOutOfBand = vi.fn();
  const registration = { pending: false, driver: () => undefined, checkOutOfBand } as unknown as Registration;
  render(
    <I18nProvider initial={{ language: 'en', catalogs: { start, later } }}>
      <FallbackStage step={step} registration={registration} server={server} />
    </I18nProvider>,
  );
  return checkOutOfBand;
}

describe('the fallback step', () => {
  it('opens the server’s page without an opener, so that it cannot navigate this tab (security review P2)', async () => {
    // A `noopener` window.open returns null (HTML spec): that is no sign of a blocked pop-up.
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await renderFallback();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open the server’s page' }));
    expect(open).toHaveBeenCalledTimes(1);
    const [url, , features] = open.mock.calls[0] ?? [];
    expect(String(url)).toBe(
      'https://matrix.example.org/_matrix/client/v3/auth/m.login.sso.custom/fallback/web?session=the-session',
    );
    expect(String(features).split(',')).toContain('noopener');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('goes on when the person says they are done; an `authDone` message cannot come and is not listened for', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null);
    const checkOutOfBand = await renderFallback();
    window.dispatchEvent(new MessageEvent('message', { origin: 'https://matrix.example.org', data: 'authDone' }));
    expect(checkOutOfBand).not.toHaveBeenCalled();
    await userEvent.setup().click(screen.getByRole('button', { name: 'I have finished that step' }));
    expect(checkOutOfBand).toHaveBeenCalledTimes(1);
  });
});
