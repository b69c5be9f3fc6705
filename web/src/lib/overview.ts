import type { Overview } from '../api/types.js';
import { formatCount } from './format.js';

// Words of the overview and the supplier list that depend on the portfolio: they say only what the data holds.

/** How the overview ranks the countries. */
export const COUNTRY_RANKS = ['count', 'averageScore', 'maxScore'] as const;
export type CountryRank = (typeof COUNTRY_RANKS)[number];

const RANK_WORDS: Record<CountryRank, { choice: string; with: string; first: string }> = {
  count: { choice: 'Most suppliers', with: 'the most suppliers', first: 'most suppliers first' },
  averageScore: {
    choice: 'Highest average score',
    with: 'the highest average score',
    first: 'highest average score first',
  },
  maxScore: {
    choice: 'Highest maximum score',
    with: 'the highest maximum score',
    first: 'highest maximum score first',
  },
};

export function countryRankLabel(rank: CountryRank): string {
  return RANK_WORDS[rank].choice;
}

/** The countries of one ranking, as the overview's API gives them. */
export function rankedCountries(overview: Overview, rank: CountryRank): Overview['byCountry'] {
  return rank === 'count' ? overview.byCountry : overview.byCountryRisk[rank];
}

/** How many countries a ranking draws from: for the scores, those with a scored supplier. */
export function rankedOutOf(overview: Overview, rank: CountryRank): number {
  return rank === 'count' ? overview.countries.total : overview.countries.scored;
}

/**
 * What a country list is: "The 10 countries with the highest average score, of 57", or "All 4 countries, most
 * suppliers first" when none is left out.
 */
export function countryListTitle(rank: CountryRank, shown: number, outOf: number): string {
  const words = RANK_WORDS[rank];
  if (shown === 0) {
    return rank === 'count' ? 'Countries: none yet' : 'Countries by score: none scored yet';
  }
  if (shown >= outOf) {
    if (shown === 1) {
      return rank === 'count' ? 'The one country' : 'The one country with a score';
    }
    return `All ${formatCount(shown)} countries, ${words.first}`;
  }
  return `The ${formatCount(shown)} countries with ${words.with}, of ${formatCount(outOf)}`;
}

/** Whether spend plays a part in the priority order: only when some supplier has an annual spend. */
export function spendCounts(overview: Pick<Overview, 'suppliersWithSpend'> | undefined): boolean {
  return (overview?.suppliersWithSpend ?? 0) > 0;
}

/** The priority sort's name in the supplier list; spend is named only when some supplier has one. */
export function prioritySortLabel(withSpend: boolean): string {
  return withSpend ? 'Priority (risk, then spend)' : 'Priority (risk)';
}

/** How the work list is ordered, in the overview's words. */
export function priorityOrderText(overview: Pick<Overview, 'suppliers' | 'suppliersWithSpend'>): string {
  const head =
    'The head of the work list: worst assessed tier first, then red flags, then, for suppliers little is known ' +
    'about, how high their range reaches; then score';
  if (!spendCounts(overview)) {
    return `${head}. Each supplier's page says why it is here.`;
  }
  const some =
    overview.suppliersWithSpend >= overview.suppliers
      ? 'every supplier has one'
      : `${formatCount(overview.suppliersWithSpend)} of ${formatCount(overview.suppliers)} suppliers have one`;
  return `${head}, then annual spend (${some}). Each supplier's page says why it is here.`;
}
