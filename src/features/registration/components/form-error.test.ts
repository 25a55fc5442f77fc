import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../i18n/catalogs';
import { translator } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/languages';
import { waitText } from './form-error';

const wordsIn = async (language: Language) =>
  translator({ language, catalogs: { later: await loadCatalog(language, 'later') } });

describe('a rate limit’s wait', () => {
  it('is said in seconds up to 90 seconds, in whole minutes (rounded up) above (review 2026-12 §2 item 11)', async () => {
    const t = await wordsIn('en');
    expect(waitText(t, 90)).toContain(' 90 seconds');
    expect(waitText(t, 91)).toContain(' 2 minutes');
    expect(waitText(t, 600)).toContain(' 10 minutes');
    expect(waitText(t, 3600)).toContain(' 60 minutes');
  });

  it('takes each language’s plural forms for minutes', async () => {
    const pl = await wordsIn('pl');
    expect([120, 300, 1320].map((seconds) => /\d+ \p{L}+/u.exec(waitText(pl, seconds))?.[0])).toEqual([
      '2 minuty',
      '5 minut',
      '22 minuty',
    ]);
    const ar = await wordsIn('ar');
    expect(waitText(ar, 120)).toContain('دقيقتين');
  });
});
