import { describe, expect, it } from '@jest/globals';
import { parseCbpEdition, parseUflpaEdition } from './enforcement-lists.js';
import {
  oneSlipApart,
  ScreeningIndex,
  SCREENING_THRESHOLDS,
  type NameHit,
  type ScreenedParty,
} from './name-matching.js';
import { shippedLists } from './testing/shipped-lists.js';

function makeParty(overrides: Partial<ScreenedParty> = {}): ScreenedParty {
  return { name: 'Hetian Taida Apparel Co., Ltd.', role: 'supplier', country: 'CN', ...overrides };
}

function screen(overrides: Partial<ScreenedParty> = {}): NameHit[] {
  return shippedLists().index.screenParty(makeParty(overrides));
}

function best(overrides: Partial<ScreenedParty> = {}): NameHit | undefined {
  return screen(overrides)[0];
}

describe(ScreeningIndex.name, () => {
  it('hits a supplier named as listed, on both lists, with the entry facts', () => {
    const sut = screen();
    expect(sut.map((hit) => [hit.list, hit.strength, hit.score])).toEqual([
      ['cbp-wro', 'hit', 1],
      ['uflpa', 'hit', 1],
      ['uflpa', 'hit', 1],
    ]);
    const uflpa = sut.find((hit) => hit.entryId === 'uflpa:v:hetian-taida-apparel-co-ltd');
    expect(uflpa?.reasons[0]).toBe(
      'The supplier name "Hetian Taida Apparel Co., Ltd." matches the listed name "Hetian Taida Apparel Co., Ltd." ' +
        '(UFLPA Entity List section 2(d)(2)(B)(v), effective 2022-06-21)',
    );
    const cbp = sut.find((hit) => hit.list === 'cbp-wro');
    expect(cbp?.reasons[0]).toContain(
      'CBP WRO of 2019-09-30 on All Garments; CBP remark: Enforcement of WRO superseded',
    );
  });

  it('hits a transliteration and says which spelling it read', () => {
    const sut = best({ name: 'Hotan Taida Garment Co Ltd' });
    expect(sut).toMatchObject({
      strength: 'hit',
      matchedWords: ['hetian', 'taida', 'garment'],
      missingWords: [],
    });
    expect(sut?.reasons).toContain('"hotan" read as "hetian" (a known variant spelling)');
  });

  it('hits an alias, and says it is one', () => {
    expect(best({ name: 'XPCC' })).toMatchObject({
      strength: 'hit',
      listedName: 'XPCC',
      listedNameIsAlias: true,
    });
  });

  it('hits a name with extra or dropped generic words, and lists them', () => {
    const sut = screen({ name: 'Hoshine Silicon (Shanshan) Branch' }).find((hit) => hit.list === 'uflpa');
    expect(sut).toMatchObject({ strength: 'hit', missingWords: ['industry'], extraWords: ['branch'] });
    expect(sut!.score).toBeGreaterThanOrEqual(SCREENING_THRESHOLDS.hit);
    expect(sut!.score).toBeLessThan(1);
  });

  it('reads a one-letter slip in a distinctive word, with less credit', () => {
    const sut = screen({ name: 'Hoshnie Silicon Industry Co.' }).find((hit) => hit.list === 'cbp-wro');
    expect(sut?.strength).toBe('hit');
    expect(sut?.reasons).toContain('"hoshnie" read as "hoshine" (one letter apart)');
    expect(oneSlipApart('hoshine', 'hoshnie')).toBe(true);
    expect(oneSlipApart('taida', 'teda')).toBe(false);
  });

  it('reads two words written as one', () => {
    expect(best({ name: 'Zhuhai Putech Industrial' })).toMatchObject({
      strength: 'hit',
      entryName: 'Zhuhai Pu-Tech Industrial Co., Ltd.',
    });
    expect(best({ name: 'Xin Jiang Daqo New Energy' })).toMatchObject({ strength: 'hit' });
  });

  it('matches whole words only', () => {
    expect(screen({ name: 'Taidaxin Apparel' })).toEqual([]);
    expect(screen({ name: 'Hoshineer Silicon Works' }).every((hit) => hit.strength !== 'hit')).toBe(true);
  });

  it('never hits a name made only of places and generic words', () => {
    expect(screen({ name: 'Textile Co.' })).toEqual([]);
    expect(screen({ name: 'Xinjiang Textile Co.' })).toEqual([]);
    expect(screen({ name: 'Hetian Cotton Trading Co., Ltd.' })).toEqual([]);
    expect(screen({ name: 'China Cotton Group' })).toEqual([]);
  });

  it('matches a listed name without a distinctive word only as a whole', () => {
    expect(best({ name: 'Kashi Construction Engineering Group Co.' })).toMatchObject({ strength: 'hit' });
    expect(screen({ name: 'Kashgar Construction Co.' })).toEqual([]);
    expect(screen({ name: 'Xinjiang Energy Solar Co.' })).toEqual([]);
    expect(best({ name: 'Xinjiang Energy Trading Co.' })?.strength).toBe('potential');
  });

  it('does not let a decoy that shares one rare word hit', () => {
    expect(screen({ name: 'Zhongtai Securities Co., Ltd.' })).toEqual([]);
    expect(screen({ name: 'Taida Electronics (Tianjin)' })).toEqual([]);
    expect(screen({ name: 'Giant Eagle Foods', country: 'US' })).toEqual([]);
    expect(screen({ name: 'Western Digital', country: 'MY' })).toEqual([]);
  });

  it('needs the whole name around a short distinctive part', () => {
    expect(best({ name: 'KTK Group' })?.strength).toBe('hit');
    expect(best({ name: 'KTK Trading' })?.strength).toBe('potential');
    expect(screen({ name: 'KTK Textile Machinery' })).toEqual([]);
  });

  it('weakens a UFLPA match outside China to a potential hit', () => {
    const home = best({ name: 'Xinjiang Daqo New Energy', country: 'CN' })!;
    const abroad = best({ name: 'Xinjiang Daqo New Energy', country: 'MY' })!;
    expect(home.strength).toBe('hit');
    expect(abroad.strength).toBe('potential');
    expect(abroad.score).toBeCloseTo(home.score * 0.85, 3);
    expect(abroad.reasons.join(' ')).toContain('the listed entity is in CN/HK/MO, the supplier in MY');
    expect(best({ name: 'Esquel Group', country: 'HK' })?.strength).toBe('hit');
  });

  it('raises a secondary-source entry only as a potential hit', () => {
    expect(best({ name: 'TBEA Co., Ltd.' })).toMatchObject({ strength: 'potential', score: 1 });
  });

  it('raises a vessel name only as a potential hit', () => {
    expect(best({ name: 'Da Wang' })?.strength).toBe('potential');
  });

  it('raises nothing for revoked, removed and inactive parties', () => {
    expect(screen({ name: 'Sime Darby Plantation Berhad', country: 'MY' })).toEqual([]);
    expect(screen({ name: 'Everest Carpet', country: 'NP' })).toEqual([]);
    expect(screen({ name: 'Kingtom Aluminio S.R.L.', country: 'DO' })).toEqual([]);
    expect(best({ name: 'Valley Carpet', country: 'NP' })?.strength).toBe('hit');
  });

  it('screens a parent company and a subcontractor, naming their role', () => {
    const sut = shippedLists().index.screen({
      country: 'BD',
      parties: [
        { name: 'Sunrise Knitwear Ltd', role: 'supplier' },
        { name: 'Esquel Group', role: 'parent' },
        { name: 'Aksu Huafu Textiles Co. Ltd', role: 'subcontractor' },
      ],
    });
    const roles = sut.nameHits
      .filter((hit) => hit.strength === 'hit')
      .map((hit) => [hit.party.role, hit.entryName]);
    expect(roles).toContainEqual(['parent', 'Esquel Group']);
    expect(roles).toContainEqual(['subcontractor', 'Aksu Huafu Color Spinning Co., Ltd.']);
    expect(sut.nameHits.find((hit) => hit.party.role === 'parent')?.reasons[0]).toContain(
      'The parent name "Esquel Group"',
    );
  });

  it('matches Chinese characters only against a listed name in Chinese characters', () => {
    expect(screen({ name: '新疆生产建设兵团' })).toEqual([]);
    const uflpa = parseUflpaEdition({
      file: 'u.csv',
      content:
        'name,aliases,section,effective_date,includes_subsidiaries,source\n"Xinjiang Example Co., Ltd.",新疆样例有限公司,2(d)(2)(B)(v),2024-01-01,no,x\n',
      asOf: '2024-01-01',
      source: 'test',
    });
    const sut = new ScreeningIndex({ uflpa });
    expect(sut.screenParty(makeParty({ name: '新疆样例股份有限公司' }))[0]).toMatchObject({
      strength: 'hit',
      listedNameIsAlias: true,
    });
    expect(sut.screenParty(makeParty({ name: '新疆样' }))).toEqual([]);
  });

  it('names the editions it screens against', () => {
    const { index, uflpa, cbp } = shippedLists();
    expect(
      index.editions.map((edition) => [edition.kind, edition.asOf, edition.rowCount, edition.sha256]),
    ).toEqual([
      ['uflpa', '2026-08-03', 164, uflpa.sha256],
      ['cbp-wro', '2026-06-23', 75, cbp.sha256],
    ]);
  });

  it('weighs a word shared by many listed entities less', () => {
    const cbp = parseCbpEdition({
      file: 'c.csv',
      content:
        'date,country,entity,merchandise,type,source\n' +
        '2020-01-01,CN,Alpha Kestrel Co. Ltd.,Toys,WRO,x\n' +
        '2020-01-01,CN,Alpha Heron Co. Ltd.,Toys,WRO,x\n' +
        '2020-01-01,CN,Alpha Osprey Co. Ltd.,Toys,WRO,x\n' +
        '2020-01-01,CN,Alpha Falcon Co. Ltd.,Toys,WRO,x\n',
      asOf: '2024-01-01',
      source: 'test',
    });
    const sut = new ScreeningIndex({ cbp });
    // "alpha" is on four entities (weight 1/√4 = 0.5), "kestrel" on one (weight 1).
    expect(sut.screenParty(makeParty({ name: 'Kestrel Co.' }))[0]?.score).toBeCloseTo(
      0.7 * (1 / 1.5) + 0.3,
      3,
    );
    expect(sut.screenParty(makeParty({ name: 'Alpha Co.' }))).toEqual([]);
  });
});
