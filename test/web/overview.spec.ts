import { describe, expect, it } from '@jest/globals';
import type { Overview } from '../../web/src/api/types.js';
import {
  COUNTRY_RANKS,
  countryListTitle,
  countryRankLabel,
  priorityOrderText,
  prioritySortLabel,
  rankedCountries,
  rankedOutOf,
  spendCounts,
} from '../../web/src/lib/overview.js';

type Country = Overview['byCountry'][number];

const country = (code: string, overrides: Partial<Country> = {}): Country => ({
  country: code,
  name: code,
  count: 1,
  averageScore: 50,
  maxScore: 50,
  highOrCritical: 0,
  ...overrides,
});

function makeOverview(overrides: Partial<Overview> = {}): Overview {
  return {
    suppliers: 40,
    assessed: 40,
    suppliersWithSpend: 0,
    tiers: [],
    highOrCriticalShare: 0,
    suppliersWithRedFlags: 0,
    averageCompleteness: null,
    lastImport: null,
    bySector: [],
    byCountry: [country('CN', { count: 30 }), country('MM')],
    byCountryRisk: {
      averageScore: [country('MM', { averageScore: 86 })],
      maxScore: [country('SY', { maxScore: 91 })],
    },
    countries: { total: 57, scored: 55, shown: 15 },
    trend: [],
    topPriority: [],
    ...overrides,
  };
}

describe(countryListTitle.name, () => {
  it('says which countries a capped list holds, and of how many', () => {
    expect(countryListTitle('averageScore', 10, 57)).toBe(
      'The 10 countries with the highest average score, of 57',
    );
    expect(countryListTitle('maxScore', 15, 1200)).toBe(
      'The 15 countries with the highest maximum score, of 1,200',
    );
    expect(countryListTitle('count', 15, 16)).toBe('The 15 countries with the most suppliers, of 16');
  });

  it('says "all" when no country is left out', () => {
    expect(countryListTitle('count', 4, 4)).toBe('All 4 countries, most suppliers first');
    expect(countryListTitle('averageScore', 3, 3)).toBe('All 3 countries, highest average score first');
    expect(countryListTitle('count', 1, 1)).toBe('The one country');
    expect(countryListTitle('maxScore', 1, 1)).toBe('The one country with a score');
  });

  it('says when there is nothing to rank', () => {
    expect(countryListTitle('count', 0, 0)).toBe('Countries: none yet');
    expect(countryListTitle('maxScore', 0, 0)).toBe('Countries by score: none scored yet');
  });
});

describe(rankedCountries.name, () => {
  it('takes each ranking from its list, and counts the scored countries for the scores', () => {
    const overview = makeOverview();
    expect(COUNTRY_RANKS.map((rank) => rankedCountries(overview, rank)[0].country)).toEqual([
      'CN',
      'MM',
      'SY',
    ]);
    expect(COUNTRY_RANKS.map((rank) => rankedOutOf(overview, rank))).toEqual([57, 55, 55]);
    expect(COUNTRY_RANKS.map(countryRankLabel)).toEqual([
      'Most suppliers',
      'Highest average score',
      'Highest maximum score',
    ]);
  });
});

describe('copy about spend', () => {
  it('does not mention spend when no supplier has one', () => {
    const overview = makeOverview({ suppliersWithSpend: 0 });
    expect(spendCounts(overview)).toBe(false);
    expect(spendCounts(undefined)).toBe(false);
    expect(prioritySortLabel(false)).toBe('Priority (risk)');
    expect(priorityOrderText(overview)).not.toMatch(/spend/i);
    expect(priorityOrderText(overview)).toContain('then score.');
  });

  it('names spend, and how many suppliers have one, when some do', () => {
    expect(prioritySortLabel(true)).toBe('Priority (risk, then spend)');
    expect(priorityOrderText(makeOverview({ suppliersWithSpend: 12 }))).toContain(
      'then score, then annual spend (12 of 40 suppliers have one).',
    );
    expect(priorityOrderText(makeOverview({ suppliersWithSpend: 40 }))).toContain(
      'then annual spend (every supplier has one).',
    );
  });
});
