// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../../i18n/catalogs';
import { I18nProvider } from '../../../i18n/i18n';
import type { DiscoveredServer } from '../../../matrix/discovery';
import type { Registration, StageStep } from '../use-registration';
import { TermsStage } from './terms-stage';

afterEach(cleanup);

/** A listing server's policy IDs named after `Object.prototype` members (security review 2026-12, P5). */
const HOSTILE_IDS = ['__proto__', 'constructor', 'toString'];

async function renderTerms(ids: readonly string[], url?: string) {
  const [start, later] = await Promise.all([loadCatalog('en', 'start'), loadCatalog('en', 'later')]);
  // `fromEntries` (like JSON.parse of the server's answer) keeps `__proto__` as an own key.
  const policies = Object.fromEntries(
    ids.map((id) => [id, { version: '1', en: { name: `policy ${id}`, ...(url ? { url } : {}) } }]),
  );
  const step = {
    kind: 'stage',
    stage: 'm.login.terms',
    position: 1,
    total: 1,
    uia: { session: 's', params: { 'm.login.terms': { policies } } },
  } as unknown as StageStep;
  const submitStage = vi.fn();
  const registration = { pending: false, submitStage } as unknown as Registration;
  const server = { baseUrl: 'http://localhost:8008' } as unknown as DiscoveredServer;
  render(
    <I18nProvider initial={{ language: 'en', catalogs: { start, later } }}>
      <TermsStage step={step} registration={registration} server={server} />
    </I18nProvider>,
  );
  return submitStage;
}

describe('the terms step with policy IDs that are Object.prototype members', () => {
  it('shows none of them ticked and does not go on until each is ticked', async () => {
    const user = userEvent.setup();
    const submitStage = await renderTerms(HOSTILE_IDS);
    const boxes = HOSTILE_IDS.map((id) => screen.getByRole('checkbox', { name: `I accept the policy ${id}` }));
    const [first] = boxes;
    if (!first) throw new Error('no policies shown');
    for (const box of boxes) expect(box).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    expect(submitStage).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toBeVisible();

    // Ticked, then unticked again: still not accepted.
    for (const box of boxes) await user.click(box);
    await user.click(first);
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    expect(submitStage).not.toHaveBeenCalled();

    await user.click(first);
    await user.click(screen.getByRole('button', { name: 'Accept and continue' }));
    expect(submitStage).toHaveBeenCalledWith({ type: 'm.login.terms' });
  });
});

describe('a policy with a web address (audit 2026-12 item 17)', () => {
  it('is named once, as the link inside its checkbox’s label', async () => {
    await renderTerms(['privacy'], 'https://example.org/privacy');
    const link = screen.getByRole('link', { name: /policy privacy/ });
    expect(link).toHaveAttribute('href', 'https://example.org/privacy');
    expect(screen.getByRole('checkbox', { name: 'I accept the policy privacy (opens in a new tab)' })).toBeVisible();
    expect(screen.getAllByText(/policy privacy/)).toHaveLength(1);
  });
});
