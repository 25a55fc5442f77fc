// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MockController, type ScenarioName } from 'matrix-mock-homeserver';
import { loadCatalog } from '../../i18n/catalogs';
import '../../i18n/panel-catalogs';
import { I18nProvider } from '../../i18n/i18n';
import { MockPanel } from './mock-panel';

afterEach(cleanup);

async function openPanel(scenario: ScenarioName) {
  const controller = await MockController.create({ scenario });
  const panel = await loadCatalog('en', 'panel');
  render(
    <I18nProvider initial={{ language: 'en', catalogs: { panel } }}>
      <MockPanel controller={controller} />
    </I18nProvider>,
  );
  await userEvent.setup().click(screen.getByRole('button', { name: /Mock server/ }));
  return controller;
}

describe("the mock panel's registration tokens", () => {
  it("lists MAS's tokens, their uses and which are refused, where the scenario plays MAS", async () => {
    await openPanel('oidc-invite');
    const heading = screen.getByRole('heading', { name: 'MAS registration tokens (4)' });
    // The list after the heading: Synapse's own list, above it, has a `letmein` too.
    const list = within(heading.nextElementSibling as HTMLElement);
    expect(list.getByText('letmein').closest('li')).toHaveTextContent('letmein: used 0 of unlimited');
    expect(list.getByText('letmein').closest('li')).not.toHaveTextContent('no longer accepted');
    expect(list.getByText('single-use').closest('li')).toHaveTextContent('used 0 of 1');
    expect(list.getByText('revoked').closest('li')).toHaveTextContent('(no longer accepted)');
    expect(screen.getByText(/urn:mas:admin/)).toBeInTheDocument();
  });

  it('shows no MAS list where there is no OAuth server', async () => {
    await openPanel('token');
    expect(screen.queryByRole('heading', { name: /MAS registration tokens/ })).not.toBeInTheDocument();
  });
});
