import type { ListKind } from './enforcement-lists.js';

// The list editions shipped in rules/reference/lists/, with what rules/reference/lists/SOURCES.md says of them.

export interface ShippedEdition {
  kind: ListKind;
  /** File name in rules/reference/lists/. */
  file: string;
  asOf: string;
  source: string;
  coverage: string;
}

export const SHIPPED_EDITIONS: readonly ShippedEdition[] = [
  {
    kind: 'uflpa',
    file: 'uflpa_entity_list.csv',
    asOf: '2026-08-03',
    source: 'US Department of Homeland Security, UFLPA Entity List, https://www.dhs.gov/uflpa-entity-list',
    coverage:
      '148 of the 187 entities listed as of 2026-08-03: complete up to the update of 2025-01-15; 4 of the 43 ' +
      'additions of 2026-08-03, 3 of them from a secondary source (potential hits only)',
  },
  {
    kind: 'cbp-wro',
    file: 'cbp_withhold_release_orders.csv',
    asOf: '2026-06-23',
    source:
      'US Customs and Border Protection, Withhold Release Orders and Findings List, ' +
      'https://www.cbp.gov/document/stats/withhold-release-orders-findings',
    coverage:
      'orders current on 2026-06-23; orders revoked or made inactive before then are missing, except the Sime ' +
      'Darby Plantation Finding and its revocation',
  },
];
