import { nameMatchKey, siteKey } from '../../src/suppliers/domain/site-key.js';
import { matchSite, type StoredSite } from '../../src/suppliers/domain/site-match.js';
import { type PreparedSite, prepareSite } from '../../src/suppliers/domain/site-similarity.js';
import { benchSite, respelledSite } from './sites.js';

export interface MatchingRound {
  /** CPU time of the site keys and the match decisions for every row of list B, without any database. */
  cpuMs: number;
  outcomes: Record<'key' | 'fuzzy' | 'weak' | 'potential' | 'new', number>;
}

/**
 * What site matching costs per row, in memory: list B's rows against list A's sites, with the same candidates the
 * import's lookup gives (same site key, same normalised name in the country) and prepared forms cached per site.
 */
export function benchMatching(count: number, rounds: number): MatchingRound[] {
  const byKey = new Map<string, StoredSite[]>();
  const byName = new Map<string, StoredSite[]>();
  for (let i = 0; i < count; i++) {
    const site = benchSite(i);
    const country = site.alpha2;
    const stored: StoredSite = {
      id: String(i),
      country,
      profile: { name: site.name, country, address: site.address, city: site.city },
    };
    const add = (map: Map<string, StoredSite[]>, key: string): void => {
      const list = map.get(key) ?? [];
      list.push(stored);
      map.set(key, list);
    };
    add(byKey, `${country}|${siteKey(stored.profile)}`);
    add(byName, `${country}|${nameMatchKey(site.name)}`);
  }
  const rows = Array.from({ length: count }, (_, i) => {
    const [name, address, city] = respelledSite(i).cells as [string, string, string, string];
    return { name, country: benchSite(i).alpha2, ...(address ? { address } : {}), ...(city ? { city } : {}) };
  });
  const results: MatchingRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const prepared = new Map<string, PreparedSite>();
    const prepare = (site: StoredSite): PreparedSite => {
      let form = prepared.get(site.id);
      if (!form) {
        form = prepareSite({ ...site.profile, country: site.country });
        prepared.set(site.id, form);
      }
      return form;
    };
    const outcomes: MatchingRound['outcomes'] = { key: 0, fuzzy: 0, weak: 0, potential: 0, new: 0 };
    const claimed = new Set<string>();
    const cpu = process.cpuUsage();
    for (const row of rows) {
      const { match, potential } = matchSite(
        row,
        {
          byKey: byKey.get(`${row.country}|${siteKey(row)}`) ?? [],
          byName: byName.get(`${row.country}|${nameMatchKey(row.name)}`) ?? [],
        },
        claimed,
        prepare,
      );
      if (match) {
        claimed.add(match.site.id);
        outcomes[match.evidence === 'site-key' ? 'key' : match.evidence === 'fuzzy' ? 'fuzzy' : 'weak']++;
      } else {
        outcomes[potential.length > 0 ? 'potential' : 'new']++;
      }
    }
    const used = process.cpuUsage(cpu);
    results.push({ cpuMs: (used.user + used.system) / 1000, outcomes });
  }
  return results;
}
