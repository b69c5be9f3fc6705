import { describe, expect, it } from '@jest/globals';
import { performance } from 'node:perf_hooks';
import { entityKey, evaluateScreening, type Evaluation } from './evaluation.js';
import { ScreeningIndex, type ScreeningSubject } from './name-matching.js';
import { LABELLED_NAMES } from './testing/labelled-names.js';
import { shippedLists } from './testing/shipped-lists.js';

// The floors a regression must not cross (docs/screening-matching.md gives the figures and what limits them).
const FLOORS = {
  hit: { precision: 0.95, recall: 0.8 },
  any: { precision: 0.7, recall: 0.9 },
};

function report(sut: Evaluation): string {
  const row = (label: string, f: Evaluation['hit']) =>
    `${label.padEnd(16)} precision ${f.precision.toFixed(3)} (${f.truePositives}/${f.truePositives + f.falsePositives})` +
    `  recall ${f.recall.toFixed(3)} (${f.found}/${f.positives})`;
  const raised = (o: Evaluation['outcomes'][number]) =>
    o.raised.map((r) => `${r.strength} ${r.score} ${r.entity}`).join('; ') || 'nothing';
  return [
    `labelled cases: ${LABELLED_NAMES.length}, positive: ${sut.hit.positives}`,
    row('hits', sut.hit),
    row('hits+potential', sut.any),
    'missed:',
    ...sut.misses.map((o) => `  #${o.id} ${o.name}: ${raised(o)}`),
    'raised an entity the label does not name:',
    ...sut.falseHits.map((o) => `  #${o.id} ${o.name}: ${raised(o)}`),
    'found only as a potential hit:',
    ...sut.outcomes
      .filter(
        (o) =>
          o.expected.length > 0 &&
          !sut.misses.includes(o) &&
          !o.raised.some(
            (r) => r.strength === 'hit' && o.expected.some((e) => entityKey(e) === entityKey(r.entity)),
          ),
      )
      .map((o) => `  #${o.id} ${o.name}: ${raised(o)}`),
  ].join('\n');
}

describe(evaluateScreening.name, () => {
  it('keeps precision and recall on the labelled names above their floors', () => {
    const sut = evaluateScreening(shippedLists().index, LABELLED_NAMES);
    console.log(report(sut));
    expect(sut.hit.precision).toBeGreaterThanOrEqual(FLOORS.hit.precision);
    expect(sut.hit.recall).toBeGreaterThanOrEqual(FLOORS.hit.recall);
    expect(sut.any.precision).toBeGreaterThanOrEqual(FLOORS.any.precision);
    expect(sut.any.recall).toBeGreaterThanOrEqual(FLOORS.any.recall);
  });

  it('has a labelled set of at least 120 cases, positives and negatives, naming only listed entities', () => {
    expect(LABELLED_NAMES.length).toBeGreaterThanOrEqual(120);
    expect(LABELLED_NAMES.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(40);
    const { uflpa, cbp } = shippedLists();
    const listed = new Set([
      ...uflpa.entries.map((entry) => entityKey(entry.name)),
      ...cbp.orders.flatMap((order) => order.parties.map((party) => entityKey(party.name))),
    ]);
    for (const item of LABELLED_NAMES) {
      item.expected.forEach((name) =>
        expect([item.id, listed.has(entityKey(name))]).toEqual([item.id, true]),
      );
    }
  });

  it('counts a raised entity the label does not name as a false positive, and an unraised one as a miss', () => {
    const index = shippedLists().index;
    const sut = evaluateScreening(index, [
      { id: 1, name: 'Hetian Taida Apparel', country: 'CN', expected: ['Camel Group Co., Ltd.'] },
      { id: 2, name: 'Textile Co.', country: 'CN', expected: [] },
    ]);
    expect(sut.hit).toMatchObject({
      truePositives: 0,
      falsePositives: 1,
      found: 0,
      positives: 1,
      precision: 0,
      recall: 0,
    });
    expect(sut.misses.map((o) => o.id)).toEqual([1]);
    expect(sut.falseHits.map((o) => o.id)).toEqual([1]);
  });
});

// A deterministic portfolio: made-up names from common company-name parts, with some listed names among them.
function portfolio(size: number): ScreeningSubject[] {
  const places = [
    'Ningbo',
    'Dhaka',
    'Xinjiang',
    'Hetian',
    'Shaoxing',
    'Tiruppur',
    'Ho Chi Minh',
    'Istanbul',
    'Zhuhai',
  ];
  const parts = [
    'Hua',
    'Xin',
    'Long',
    'Sheng',
    'Tai',
    'Feng',
    'Golden',
    'Star',
    'Sun',
    'Mei',
    'Da',
    'Yuan',
    'Jin',
  ];
  const trades = [
    'Textile',
    'Garments',
    'Knitting',
    'Electronics',
    'Trading',
    'Food',
    'Cotton',
    'Apparel',
    'Shoes',
  ];
  const forms = ['Co., Ltd.', 'Limited', 'Pvt. Ltd.', 'GmbH', 'Sdn Bhd', 'LLC', ''];
  const listed = [
    'Hotan Taida Garment Co Ltd',
    'Hoshine Silicon (Shanshan) Branch',
    'XPCC',
    'Giant Mfg. Co., Ltd.',
  ];
  let seed = 17;
  const pick = <T>(items: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return items[seed % items.length];
  };
  return Array.from({ length: size }, (_, i) => ({
    country: pick(['CN', 'BD', 'VN', 'IN', 'TR']),
    region: pick(['Xinjiang', 'Guangdong', '']),
    products: [pick(['cotton yarn', 'printed circuit boards', 't-shirts', 'tomato paste', 'toys'])],
    parties: [
      {
        name:
          i % 100 === 0
            ? pick(listed)
            : `${pick(places)} ${pick(parts)}${pick(parts).toLowerCase()} ${pick(trades)} ${pick(forms)}`,
        role: 'supplier' as const,
      },
    ],
  }));
}

describe('screening speed', () => {
  it('prints the time to screen 100,000 suppliers (measured, not asserted)', () => {
    const { uflpa, cbp } = shippedLists();
    const subjects = portfolio(100_000);
    const lines: string[] = [];
    for (const [label, index] of [
      ['UFLPA list', new ScreeningIndex({ uflpa })],
      ['CBP list', new ScreeningIndex({ cbp })],
      ['both lists', new ScreeningIndex({ uflpa, cbp })],
    ] as const) {
      // Warm up first, as a long-running service is: the first calls run before the engine compiles them.
      subjects.slice(0, 10_000).forEach((subject) => index.screen(subject));
      const started = performance.now();
      let raised = 0;
      for (const subject of subjects) {
        const result = index.screen(subject);
        raised += result.nameHits.length + result.areaHits.length;
      }
      const elapsed = performance.now() - started;
      lines.push(
        `${label}: 100,000 suppliers in ${Math.round(elapsed)} ms (${raised} hits and potential hits)`,
      );
      expect(raised).toBeGreaterThan(0);
    }
    console.log(lines.join('\n'));
  });
});
