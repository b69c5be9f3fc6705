// What rules/reference/lists/SOURCES.md knows about the shipped editions and their columns do not say: which
// UFLPA rows come from a secondary source, CBP's status of an order on the edition date (not a column of the
// file), and CBP's remark that UFLPA enforcement superseded a WRO. Each annotation belongs to one edition, found
// by the sha256 of its bytes: a newer edition has none until someone reads its sources and adds them here.

export type OrderStatus = 'active' | 'partially-modified' | 'inactive-pending-litigation' | 'revoked';

export interface OrderAnnotation {
  date: string;
  /** ISO alpha-2, '' for an order without a country. */
  country: string;
  /** The start of the entity cell ("all" for area orders). */
  entityStartsWith: string;
  status?: Exclude<OrderStatus, 'active' | 'revoked'>;
  remark?: string;
}

export interface EditionAnnotations {
  /** UFLPA rows read from a secondary source, by their name cell: they raise only potential hits. */
  secondaryUflpaNames: readonly string[];
  orders: readonly OrderAnnotation[];
}

const UFLPA_SUPERSEDED = 'Enforcement of WRO superseded by enforcement of UFLPA rebuttable presumption';

/** Shipped UFLPA edition (rules/reference/lists/uflpa_entity_list.csv, "Three rows come from a secondary source"). */
const SHIPPED_UFLPA_SHA256 = 'ca9e85d23e28b0addc9ffcd0f0960831bbe76a59cf60afe3d915d45625c1def9';
/** Shipped CBP edition (rules/reference/lists/cbp_withhold_release_orders.csv, "CBP's status is not a column"). */
const SHIPPED_CBP_SHA256 = '916e102c25635a032459f0a10f252634aa1a841c9ce4f58a8899c3c456c5456f';

const SHIPPED: ReadonlyMap<string, EditionAnnotations> = new Map([
  [
    SHIPPED_UFLPA_SHA256,
    {
      secondaryUflpaNames: [
        'SDIC Xinjiang Lithium Industry Co., Ltd.',
        'Xinjiang Tianhongji Technology Co., Ltd.',
        'TBEA Co., Ltd.',
      ],
      orders: [],
    },
  ],
  [
    SHIPPED_CBP_SHA256,
    {
      secondaryUflpaNames: [],
      orders: [
        { date: '1998-07-21', country: 'NP', entityStartsWith: 'Kumar Carpet', status: 'partially-modified' },
        {
          date: '2016-03-29',
          country: 'CN',
          entityStartsWith: 'Tangshan Sanyou',
          status: 'partially-modified',
        },
        { date: '2019-09-30', country: 'CD', entityStartsWith: 'all', status: 'partially-modified' },
        { date: '2019-11-01', country: 'MW', entityStartsWith: 'all', status: 'partially-modified' },
        {
          date: '2024-12-04',
          country: 'DO',
          entityStartsWith: 'Kingtom Aluminio',
          status: 'inactive-pending-litigation',
        },
        ...[
          ['2019-09-30', 'Hetian Taida'],
          ['2020-05-01', 'Hetian Haolin'],
          ['2020-06-17', 'Lop County Meixin'],
          ['2020-08-25', 'No. 4 Vocational'],
          ['2020-08-25', 'Lop County Hair'],
          ['2020-09-03', 'Yili Zhuowan'],
          ['2020-09-08', 'Hefei Bitland'],
          ['2020-09-08', 'Xinjiang Junggar'],
          ['2020-11-30', 'Xinjiang Production'],
          ['2021-01-13', 'all'],
          ['2021-06-23', 'Hoshine'],
        ].map(([date, entityStartsWith]) => ({
          date,
          country: 'CN',
          entityStartsWith,
          remark: UFLPA_SUPERSEDED,
        })),
      ],
    },
  ],
]);

const NONE: EditionAnnotations = { secondaryUflpaNames: [], orders: [] };

/** The annotations of the edition with these bytes; none for an edition SOURCES.md does not describe. */
export function annotationsFor(sha256: string): EditionAnnotations {
  return SHIPPED.get(sha256) ?? NONE;
}
