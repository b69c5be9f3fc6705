import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  classifyMatch,
  MATCH_THRESHOLDS,
  prepareSite,
  rankCandidates,
  siteSimilarity,
  type MatchThresholds,
  type SiteCandidate,
  type SiteSimilarity,
} from './site-similarity.js';

function makeSite(overrides: Partial<SiteCandidate> = {}): SiteCandidate {
  return {
    name: 'Ningbo Shenzhou Knitting Co., Ltd.',
    country: 'CN',
    address: 'No. 18 Industrial Rd., Beilun District',
    city: 'Ningbo',
    ...overrides,
  };
}

function makeSimilarity(overrides: Partial<SiteSimilarity> = {}): SiteSimilarity {
  return { score: 1, nameScore: 1, addressScore: 1, evidence: 'address', conflict: null, ...overrides };
}

function decide(a: SiteCandidate, b: SiteCandidate) {
  return classifyMatch(siteSimilarity(a, b));
}

describe(siteSimilarity.name, () => {
  it('matches the same site spelt differently in two brand lists', () => {
    const sut = siteSimilarity(
      makeSite({ name: 'Shenzhou Knitting Co., Ltd.', address: 'No. 18 Industrial Rd.' }),
      makeSite({ name: 'SHENZHOU KNITTING CO LTD', address: '18 Industrial Road' }),
    );
    expect(sut).toMatchObject({ nameScore: 1, addressScore: 1, evidence: 'address', conflict: null });
    expect(classifyMatch(sut)).toBe('automatic');
  });

  it('matches an address that adds the district, city and postal code', () => {
    const row = makeSite({ address: 'No. 18 Industrial Rd.' });
    const listed = makeSite({
      name: 'NINGBO SHENZHOU KNITTING CO.,LTD',
      address: '18 Industrial Road, Beilun District, Ningbo, Zhejiang 315800',
      city: 'Ningbo City',
    });
    expect(decide(row, listed)).toBe('automatic');
  });

  it('ignores legal forms, case, punctuation and syllables written apart in the name', () => {
    expect(
      siteSimilarity(
        makeSite({ name: 'Foshan Nanhai Xinlong Knitting Factory' }),
        makeSite({ name: 'FOSHAN NANHAI XIN LONG KNITTING FACTORY CO., LTD.' }),
      ).nameScore,
    ).toBe(1);
    expect(
      siteSimilarity(
        makeSite({ name: 'Minh Tien Garment JSC', country: 'VN' }),
        makeSite({ name: 'Minh Tien Garment Joint Stock Company', country: 'VN' }),
      ).nameScore,
    ).toBe(1);
  });

  it('never matches sites in different countries', () => {
    const sut = siteSimilarity(makeSite({ country: 'LK' }), makeSite({ country: 'IN' }));
    expect(sut).toMatchObject({ score: 0, conflict: 'country' });
    expect(classifyMatch(sut)).toBe('new');
  });

  it('keeps apart the sites of one group that share a name in three towns', () => {
    const agalawatta = makeSite({
      name: 'Hirdaramani Apparel (Pvt) Ltd',
      country: 'LK',
      address: 'No. 150, Matugama Road, Agalawatta',
      city: 'Agalawatta',
    });
    const kahathuduwa = makeSite({
      ...agalawatta,
      address: 'Kahathuduwa Industrial Zone, Polgasowita',
      city: 'Kahathuduwa',
    });
    const kurunegala = makeSite({ ...agalawatta, address: 'No. 22, Mawathagama Road', city: 'Kurunegala' });
    expect(decide(agalawatta, kahathuduwa)).toBe('new');
    expect(decide(agalawatta, kurunegala)).toBe('new');
    expect(decide(kahathuduwa, kurunegala)).toBe('new');
  });

  it('never matches automatically two plants of one company with different street numbers', () => {
    const probolinggo = makeSite({
      name: 'PT Eratex Djaja Tbk',
      country: 'ID',
      address: 'Jl. Soekarno Hatta No. 23',
      city: 'Probolinggo',
    });
    const sameStreet = siteSimilarity(probolinggo, { ...probolinggo, address: 'Jl. Soekarno Hatta No. 25' });
    expect(sameStreet.conflict).toBe('number');
    expect(classifyMatch(sameStreet)).not.toBe('automatic');
  });

  it('takes a number range or a postal code on one side for the same number', () => {
    const row = makeSite({ address: 'No. 18 Industrial Rd.' });
    expect(siteSimilarity(row, makeSite({ address: 'No. 16-18 Industrial Road' })).conflict).toBeNull();
    expect(siteSimilarity(row, makeSite({ address: '18 Industrial Road, 315800' })).conflict).toBeNull();
  });

  it('never matches automatically the same name and address text in another town', () => {
    const sut = siteSimilarity(
      makeSite({
        name: 'Gulberg Knitwear',
        country: 'PK',
        address: 'Plot 27-A, Small Industrial Estate',
        city: 'Sialkot',
      }),
      makeSite({
        name: 'Gulberg Knitwear',
        country: 'PK',
        address: 'Plot 27-A, Small Industrial Estate',
        city: 'Gujranwala',
      }),
    );
    expect(sut.conflict).toBe('place');
    expect(classifyMatch(sut)).toBe('potential');
  });

  it('treats different postal codes as different places', () => {
    expect(
      siteSimilarity(makeSite({ postalCode: '315800' }), makeSite({ postalCode: '315000' })).conflict,
    ).toBe('place');
  });

  it('takes a district given as the city for the town named in the other address', () => {
    const sut = siteSimilarity(
      makeSite({
        name: 'Rahman Knit Composite Ltd.',
        country: 'BD',
        address: 'Plot # 25-27, Dhaka EPZ, Savar',
        city: 'Dhaka',
      }),
      makeSite({
        name: 'RAHMAN KNIT COMPOSITE LIMITED',
        country: 'BD',
        address: 'Plot 25-27, DEPZ, Savar',
        city: 'Savar',
      }),
    );
    expect(sut.conflict).toBeNull();
    expect(classifyMatch(sut)).toBe('automatic');
  });

  it('does not match different companies at one industrial-park address', () => {
    const address = 'Phum Prey Pring, Sangkat Chom Chao, Khan Dangkor';
    const sut = siteSimilarity(
      makeSite({ name: 'Angkor Knitting Factory', country: 'KH', address, city: 'Phnom Penh' }),
      makeSite({ name: 'Mekong Shoes Factory', country: 'KH', address, city: 'Phnom Penh' }),
    );
    expect(sut.addressScore).toBe(1);
    expect(classifyMatch(sut)).toBe('new');
  });

  it('does not match automatically two companies of a group whose names differ in a word, at one address', () => {
    const address = 'Vill: Mouchak, P.O: Fulbaria, P.S: Kaliakoir';
    const sut = siteSimilarity(
      makeSite({ name: 'Sonar Bangla Knitwears Ltd.', country: 'BD', address, city: 'Gazipur' }),
      makeSite({ name: 'Sonar Bangla Washing Ltd.', country: 'BD', address, city: 'Gazipur' }),
    );
    expect(sut.conflict).toBe('name');
    expect(classifyMatch(sut)).not.toBe('automatic');
  });

  it('takes a name that adds a word for the same company', () => {
    const sut = siteSimilarity(
      makeSite({ name: 'Aksu Huafu Cotton Spinning Co., Ltd.', address: 'No. 1 Huafu Road', city: 'Aksu' }),
      makeSite({ name: 'Aksu Huafu Spinning Co Ltd', address: '1 Huafu Rd, Xinjiang', city: 'Aksu' }),
    );
    expect(sut.conflict).toBeNull();
    expect(classifyMatch(sut)).toBe('automatic');
  });

  it('keeps apart numbered factories of one group', () => {
    const sut = siteSimilarity(
      makeSite({
        name: 'Hong Ha Garment JSC - Factory 1',
        country: 'VN',
        address: 'Lot A5, Hoa Xa Industrial Park',
      }),
      makeSite({
        name: 'Hong Ha Garment JSC - Factory 2',
        country: 'VN',
        address: 'Lot A5, Hoa Xa Industrial Park',
      }),
    );
    expect(sut.conflict).toBe('number');
  });

  it('gives a row without an address at most a potential match on name and city', () => {
    const sut = siteSimilarity(
      makeSite({ address: undefined }),
      makeSite({ name: 'NINGBO SHENZHOU KNITTING CO.,LTD.', city: 'NINGBO' }),
    );
    expect(sut).toMatchObject({ nameScore: 1, addressScore: null, evidence: 'city', conflict: null });
    expect(classifyMatch(sut)).toBe('potential');
  });

  it('gives a match on name and country only weaker evidence and a lower score than name and city', () => {
    const listed = makeSite();
    const byCity = siteSimilarity(makeSite({ address: undefined }), listed);
    const byCountry = siteSimilarity(makeSite({ address: undefined, city: undefined }), listed);
    expect(byCountry.evidence).toBe('country');
    expect(byCountry.score).toBeLessThan(byCity.score);
    expect(classifyMatch(byCountry)).toBe('potential');
  });

  it('makes the same name without addresses in two cities a new site', () => {
    const sut = siteSimilarity(
      makeSite({
        name: 'Shahjalal Textile Mills Ltd.',
        country: 'BD',
        address: undefined,
        city: 'Chittagong',
      }),
      makeSite({
        name: 'Shahjalal Textile Mills Ltd.',
        country: 'BD',
        address: undefined,
        city: 'Narsingdi',
      }),
    );
    expect(sut.conflict).toBe('place');
    expect(classifyMatch(sut)).toBe('new');
  });

  it('agrees on cities written as initials, joined or with a qualifier', () => {
    const row = makeSite({ country: 'VN', name: 'Tan Phu Garment', address: 'Lot 12, Road 3, Tan Tao IP' });
    for (const [a, b] of [
      ['Ho Chi Minh City', 'HCMC'],
      ['Da Nang', 'Danang'],
      ['Binh Duong', 'Binh Duong Province'],
      ['Tiruppur', 'Tirupur'],
    ]) {
      expect(siteSimilarity({ ...row, city: a }, { ...row, city: b }).conflict).toBeNull();
    }
  });

  it('gives a prepared site the same result as the plain one', () => {
    const a = makeSite();
    const b = makeSite({
      name: 'NINGBO SHENZHOU KNITTING CO LTD',
      address: '18 Industrial Road, Beilun Dist.',
    });
    expect(siteSimilarity(prepareSite(a), prepareSite(b))).toEqual(siteSimilarity(a, b));
  });
});

describe(classifyMatch.name, () => {
  it('matches automatically from the automatic threshold on', () => {
    expect(classifyMatch(makeSimilarity({ score: MATCH_THRESHOLDS.automatic }))).toBe('automatic');
    expect(classifyMatch(makeSimilarity({ score: MATCH_THRESHOLDS.automatic - 0.001 }))).toBe('potential');
    expect(classifyMatch(makeSimilarity({ score: MATCH_THRESHOLDS.potential - 0.001 }))).toBe('new');
  });

  it.each(['number', 'place', 'name'] as const)(
    'never matches automatically with a %s conflict',
    (conflict) => {
      expect(classifyMatch(makeSimilarity({ conflict }))).toBe('potential');
    },
  );

  it.each(['city', 'country'] as const)('never matches automatically on %s evidence', (evidence) => {
    expect(classifyMatch(makeSimilarity({ evidence, addressScore: null }))).toBe('potential');
  });

  it('keeps the automatic threshold above the potential one', () => {
    expect(MATCH_THRESHOLDS.automatic).toBeGreaterThan(MATCH_THRESHOLDS.potential);
  });
});

describe(rankCandidates.name, () => {
  const row = makeSite({ name: 'SHENZHOU KNITTING CO LTD', address: '18 Industrial Road, Beilun' });

  it('sorts the candidates by score, with the decision', () => {
    const sameSite = { id: 'a', ...makeSite() };
    const otherPlant = { id: 'b', ...makeSite({ address: 'No. 1166 Yatai Rd., Yinzhou District' }) };
    const otherCompany = { id: 'c', ...makeSite({ name: 'Ningbo Yongxin Apparel Co., Ltd.' }) };
    const sut = rankCandidates(row, [otherCompany, otherPlant, sameSite]);
    expect(sut.map(({ candidate, decision }) => [candidate.id, decision])).toEqual([
      ['a', 'automatic'],
      ['b', 'new'],
      ['c', 'new'],
    ]);
  });

  it('sends several automatic matches to review rather than choose one', () => {
    const candidates = [
      { id: 'a', ...makeSite() },
      { id: 'b', ...makeSite({ city: 'Ningbo City' }) },
    ];
    expect(rankCandidates(row, candidates).map(({ decision }) => decision)).toEqual([
      'potential',
      'potential',
    ]);
  });

  it('uses the prepared forms the caller keeps', () => {
    const candidate = { id: 'a', ...makeSite() };
    const cache = new Map([[candidate.id, prepareSite(candidate)]]);
    const sut = rankCandidates(prepareSite(row), [candidate], (site) => cache.get(site.id)!);
    expect(sut[0]?.decision).toBe('automatic');
  });

  it('returns nothing for no candidates', () => {
    expect(rankCandidates(row, [])).toEqual([]);
  });
});

// The labelled set: odd ids choose the thresholds, even ids measure them (docs/site-matching.md).
interface LabelledPair {
  id: number;
  label: 'same' | 'different';
  kind: string;
  a: SiteCandidate;
  b: SiteCandidate;
}

function readLabelledPairs(): LabelledPair[] {
  const records = parse<Record<string, string>>(
    readFileSync(new URL('../../../fixtures/site-pairs/labelled-pairs.csv', import.meta.url)),
    { columns: true },
  );
  const side = (record: Record<string, string>, suffix: 'a' | 'b'): SiteCandidate => ({
    name: record[`name_${suffix}`],
    country: record[`country_${suffix}`],
    address: record[`address_${suffix}`] || undefined,
    city: record[`city_${suffix}`] || undefined,
  });
  return records.map((record) => ({
    id: Number(record.id),
    label: record.label as LabelledPair['label'],
    kind: record.kind,
    a: side(record, 'a'),
    b: side(record, 'b'),
  }));
}

interface Scored {
  pair: LabelledPair;
  similarity: SiteSimilarity;
}

interface Measure {
  automaticPrecision: number;
  automaticRecall: number;
  anyPrecision: number;
  anyRecall: number;
  falseAutomatic: number;
}

function measure(scored: readonly Scored[], thresholds: MatchThresholds): Measure {
  let automaticTrue = 0;
  let automaticFalse = 0;
  let anyTrue = 0;
  let anyFalse = 0;
  let same = 0;
  for (const { pair, similarity } of scored) {
    const decision = classifyMatch(similarity, thresholds);
    const isSame = pair.label === 'same';
    same += isSame ? 1 : 0;
    if (decision === 'automatic') {
      automaticTrue += isSame ? 1 : 0;
      automaticFalse += isSame ? 0 : 1;
    }
    if (decision !== 'new') {
      anyTrue += isSame ? 1 : 0;
      anyFalse += isSame ? 0 : 1;
    }
  }
  const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  return {
    automaticPrecision: ratio(automaticTrue, automaticTrue + automaticFalse),
    automaticRecall: ratio(automaticTrue, same),
    anyPrecision: ratio(anyTrue, anyTrue + anyFalse),
    anyRecall: ratio(anyTrue, same),
    falseAutomatic: automaticFalse,
  };
}

const GRID = Array.from({ length: 10 }, (_, i) => (50 + 5 * i) / 100);
const RECALL_GIVEN_UP_FOR_MARGIN = 0.05;
const EPSILON = 1e-9;

// Automatic: among thresholds with no false automatic match on the tuning half, the highest that keeps automatic
// recall within RECALL_GIVEN_UP_FOR_MARGIN of the best. Potential: the highest that keeps the best recall of
// automatic + potential on the tuning half (a missed site is a duplicate; a review costs minutes).
function chooseThresholds(tuning: readonly Scored[]): MatchThresholds {
  const clean = GRID.map((automatic) => ({
    automatic,
    ...measure(tuning, { automatic, potential: automatic }),
  })).filter((entry) => entry.falseAutomatic === 0);
  const bestAutomatic = Math.max(...clean.map((entry) => entry.automaticRecall));
  const automatic = Math.max(
    ...clean
      .filter((entry) => entry.automaticRecall >= bestAutomatic - RECALL_GIVEN_UP_FOR_MARGIN - EPSILON)
      .map((entry) => entry.automatic),
  );
  const below = GRID.filter((potential) => potential <= automatic).map((potential) => ({
    potential,
    ...measure(tuning, { automatic, potential }),
  }));
  const bestAny = Math.max(...below.map((entry) => entry.anyRecall));
  const potential = Math.max(
    ...below.filter((entry) => entry.anyRecall >= bestAny - EPSILON).map((entry) => entry.potential),
  );
  return { automatic, potential };
}

function reportTable(tuning: readonly Scored[], heldOut: readonly Scored[]): string {
  const percent = (value: number) => value.toFixed(3);
  const lines = [
    '| automatic | potential | half | automatic precision | automatic recall | auto+potential precision | auto+potential recall |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const automatic of [0.6, 0.65, 0.7, 0.75, 0.8]) {
    for (const potential of [0.6, 0.65, 0.7]) {
      if (potential > automatic) {
        continue;
      }
      for (const [half, scored] of [
        ['tuning', tuning],
        ['held-out', heldOut],
      ] as const) {
        const m = measure(scored, { automatic, potential });
        const chosen = automatic === MATCH_THRESHOLDS.automatic && potential === MATCH_THRESHOLDS.potential;
        const mark = (value: number) => (chosen ? `**${value}**` : String(value));
        lines.push(
          `| ${mark(automatic)} | ${mark(potential)} | ${half} | ${percent(m.automaticPrecision)} | ` +
            `${percent(m.automaticRecall)} | ${percent(m.anyPrecision)} | ${percent(m.anyRecall)} |`,
        );
      }
    }
  }
  return lines.join('\n');
}

describe('the labelled site pairs', () => {
  const pairs = readLabelledPairs();
  const scored = pairs.map((pair) => ({ pair, similarity: siteSimilarity(pair.a, pair.b) }));
  const tuning = scored.filter(({ pair }) => pair.id % 2 === 1);
  const heldOut = scored.filter(({ pair }) => pair.id % 2 === 0);

  it('holds at least 150 pairs, numbered 1..n, about half of them the same site in each half', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(pairs.map((pair) => pair.id)).toEqual(pairs.map((_, i) => i + 1));
    for (const half of [tuning, heldOut]) {
      const same = half.filter(({ pair }) => pair.label === 'same').length / half.length;
      expect(same).toBeGreaterThan(0.4);
      expect(same).toBeLessThan(0.6);
    }
    expect(new Set(pairs.map((pair) => pair.label))).toEqual(new Set(['same', 'different']));
  });

  it('uses the thresholds the tuning half gives by the documented rule', () => {
    expect(chooseThresholds(tuning)).toEqual(MATCH_THRESHOLDS);
  });

  it('keeps automatic matches precise and finds most same sites on the held-out half', () => {
    const held = measure(heldOut, MATCH_THRESHOLDS);
    expect(held.automaticPrecision).toBeGreaterThanOrEqual(0.95);
    expect(held.automaticRecall).toBeGreaterThanOrEqual(0.7);
    expect(held.anyRecall).toBeGreaterThanOrEqual(0.9);
    expect(held.anyPrecision).toBeGreaterThanOrEqual(0.8);
  });

  it('never matches automatically across countries or without two addresses', () => {
    for (const { similarity } of scored) {
      if (classifyMatch(similarity) === 'automatic') {
        expect(similarity.evidence).toBe('address');
        expect(similarity.conflict).toBeNull();
      }
    }
  });

  it('prints the precision and recall table with SITE_MATCHING_REPORT=1', () => {
    const table = reportTable(tuning, heldOut);
    if (process.env.SITE_MATCHING_REPORT === '1') {
      const misses = scored
        .filter(({ pair, similarity }) => {
          const decision = classifyMatch(similarity);
          return pair.label === 'same' ? decision !== 'automatic' : decision !== 'new';
        })
        .map(
          ({ pair, similarity }) =>
            `| ${pair.id} | ${pair.label} | ${pair.kind} | ${classifyMatch(similarity)} | ` +
            `${similarity.score.toFixed(3)} | ${similarity.conflict ?? ''} | ${pair.a.name} / ${pair.b.name} |`,
        );
      process.stdout.write(
        `\n${table}\n\n| id | label | kind | decision | score | conflict | names |\n|---|---|---|---|---|---|---|\n` +
          `${misses.join('\n')}\n`,
      );
    }
    expect(table.split('\n').length).toBeGreaterThan(2);
  });
});
