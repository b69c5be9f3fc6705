import { describe, expect, it } from '@jest/globals';
import {
  parseCbpEdition,
  parseUflpaEdition,
  sha256OfBytes,
  type CbpOrder,
  type EditionInput,
} from './enforcement-lists.js';
import { ListEditionError, type ListEditionIssue } from './list-edition-error.js';
import { splitCbpEntity, splitOnAnd } from './listed-parties.js';
import { shippedBytes, shippedLists } from './testing/shipped-lists.js';

const UFLPA_HEADER = 'name,aliases,section,effective_date,includes_subsidiaries,source';
const CBP_HEADER = 'date,country,entity,merchandise,type,source';

function makeInput(file: string, lines: string[], overrides: Partial<EditionInput> = {}): EditionInput {
  return { file, content: `${lines.join('\n')}\n`, asOf: '2026-08-03', source: 'test', ...overrides };
}

function issuesOf(parse: () => unknown): ListEditionIssue[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ListEditionError);
    return (error as ListEditionError).issues;
  }
  throw new Error('the edition was accepted');
}

function order(orders: CbpOrder[], date: string, entityStart: string): CbpOrder {
  const found = orders.find((o) => o.date === date && o.entity.startsWith(entityStart));
  if (!found) {
    throw new Error(`no order ${date} ${entityStart}`);
  }
  return found;
}

describe(parseUflpaEdition.name, () => {
  it('reads the shipped edition: 164 rows, 148 entities, with its sha256, date and sections', () => {
    const { uflpa } = shippedLists();
    expect(uflpa).toMatchObject({ kind: 'uflpa', rowCount: 164, entityCount: 148, asOf: '2026-08-03' });
    expect(uflpa.sha256).toBe(sha256OfBytes(shippedBytes('uflpa_entity_list.csv')));
    expect(uflpa.entries).toHaveLength(164);
    const perSection = (section: string) => uflpa.entries.filter((entry) => entry.section === section).length;
    expect([perSection('i'), perSection('ii'), perSection('iv'), perSection('v')]).toEqual([9, 43, 0, 112]);
    expect(new Set(uflpa.entries.map((entry) => entry.id)).size).toBe(164);
  });

  it('splits aliases and keeps subsidiaries, dates and the source', () => {
    const xpcc = shippedLists().uflpa.entries.find(
      (entry) => entry.id === 'uflpa:i:xinjiang-production-and-construction-corps',
    );
    expect(xpcc).toMatchObject({
      aliases: ['XPCC', 'Xinjiang Corps', 'Bingtuan'],
      includesSubsidiaries: true,
      effectiveDate: '2022-06-21',
      sectionText: '2(d)(2)(B)(i)',
    });
    expect(xpcc?.source).toContain('dhs.gov/uflpa-entity-list');
  });

  it('marks the three secondary-source rows of the shipped edition, and only them', () => {
    const secondary = shippedLists()
      .uflpa.entries.filter((entry) => entry.secondarySource)
      .map((entry) => entry.name);
    expect(secondary.sort()).toEqual([
      'SDIC Xinjiang Lithium Industry Co., Ltd.',
      'TBEA Co., Ltd.',
      'Xinjiang Tianhongji Technology Co., Ltd.',
    ]);
  });

  it('does not carry the shipped annotations over to another edition', () => {
    const edition = parseUflpaEdition(
      makeInput('uflpa.csv', [UFLPA_HEADER, '"TBEA Co., Ltd.",,2(d)(2)(B)(v),2026-08-03,no,FR 2026-15628']),
    );
    expect(edition.entries[0].secondarySource).toBe(false);
  });

  it('refuses a malformed edition with every problem, its line and column', () => {
    const issues = issuesOf(() =>
      parseUflpaEdition(
        makeInput('uflpa.csv', [
          UFLPA_HEADER,
          'Good Co.,,2(d)(2)(B)(v),2024-05-17,no,x',
          ',,2(d)(2)(B)(v),2024-05-17,no,x',
          'Bad Section Co.,,2(d)(2)(B)(vi),2024-05-17,no,x',
          'Bad Date Co.,,2(d)(2)(B)(ii),17/05/2024,no,x',
          'Bad Flag Co.,,2(d)(2)(B)(ii),2024-02-30,maybe,x',
          'Good Co.,,2(d)(2)(B)(v),2024-05-17,no,x',
          'Short Row Co.,,2(d)(2)(B)(v)',
        ]),
      ),
    );
    expect(issues.map((issue) => [issue.line, issue.column])).toEqual([
      [3, 'name'],
      [4, 'section'],
      [5, 'effective_date'],
      [6, 'effective_date'],
      [6, 'includes_subsidiaries'],
      [7, 'name'],
      [8, undefined],
      [8, 'effective_date'],
      [8, 'includes_subsidiaries'],
    ]);
    expect(issues[0]).toEqual({ file: 'uflpa.csv', line: 3, column: 'name', message: 'the name is blank' });
    expect(issues[5].message).toBe('"Good Co." is listed twice in section (v) (first on line 2)');
  });

  it('names a missing column and refuses an empty file, a header without rows and text that is not UTF-8', () => {
    expect(
      issuesOf(() => parseUflpaEdition(makeInput('u.csv', ['name,aliases,section,source', 'A,,x,y']))),
    ).toEqual([
      { file: 'u.csv', line: 1, column: 'effective_date', message: 'the column "effective_date" is missing' },
      {
        file: 'u.csv',
        line: 1,
        column: 'includes_subsidiaries',
        message: 'the column "includes_subsidiaries" is missing',
      },
    ]);
    expect(issuesOf(() => parseUflpaEdition(makeInput('u.csv', [])))[0].message).toBe('the file is empty');
    expect(issuesOf(() => parseUflpaEdition(makeInput('u.csv', [UFLPA_HEADER])))[0].message).toBe(
      'the file has a header but no rows',
    );
    const latin1 = Buffer.concat([
      Buffer.from(`${UFLPA_HEADER}\nCaf`),
      Buffer.from([0xe9]),
      Buffer.from(',,2(d)(2)(B)(v),2024-05-17,no,x\n'),
    ]);
    expect(
      issuesOf(() =>
        parseUflpaEdition({ file: 'u.csv', content: latin1, asOf: '2026-01-01', source: 's' }),
      )[0].message,
    ).toContain('not UTF-8');
  });

  it('reports broken csv quoting with its line and a bad as-of date', () => {
    const issues = issuesOf(() =>
      parseUflpaEdition(
        makeInput('u.csv', [UFLPA_HEADER, 'A,,2(d)(2)(B)(v),2024-05-17,no,x', '"B,,x'], {
          asOf: '2026-13-01',
        }),
      ),
    );
    expect(issues[0].message).toContain('as-of date "2026-13-01"');
    expect(issues[1]).toMatchObject({ file: 'u.csv', line: 3 });
    expect(issues[1].message).toContain('not valid CSV');
  });
});

describe(parseCbpEdition.name, () => {
  it('reads the shipped edition: 75 rows of three types, with its sha256', () => {
    const { cbp } = shippedLists();
    expect(cbp).toMatchObject({ kind: 'cbp-wro', rowCount: 75, asOf: '2026-06-23' });
    expect(cbp.sha256).toBe(sha256OfBytes(shippedBytes('cbp_withhold_release_orders.csv')));
    const count = (type: string) => cbp.orders.filter((o) => o.type === type).length;
    expect([count('WRO'), count('Finding'), count('Modification/Revocation')]).toEqual([58, 10, 7]);
    expect(cbp.orders.filter((o) => o.country === undefined)).toHaveLength(6);
  });

  it('keeps the statuses SOURCES.md gives and carries the UFLPA remark', () => {
    const { orders } = shippedLists().cbp;
    expect(order(orders, '2024-12-04', 'Kingtom').status).toBe('inactive-pending-litigation');
    expect(order(orders, '1998-07-21', 'Kumar').status).toBe('partially-modified');
    expect(order(orders, '2019-09-30', 'all').status).toBe('partially-modified');
    expect(order(orders, '2021-06-23', 'Hoshine').remarks).toEqual([
      'Enforcement of WRO superseded by enforcement of UFLPA rebuttable presumption',
    ]);
    expect(orders.filter((o) => o.remarks.length > 0)).toHaveLength(11);
  });

  it('applies each Modification/Revocation to the order it names', () => {
    const { orders } = shippedLists().cbp;
    const nepal = order(orders, '1998-07-21', 'Kumar');
    expect(nepal.removedParties.map((r) => r.name)).toEqual([
      'Everest Carpet',
      'K.K. Carpet Industries',
      'Norsang Carpet Industries Pvt., Ltd.',
      'Annapurna Carpet',
    ]);
    expect(order(orders, '2022-01-28', 'Sime Darby').status).toBe('revoked');
    const tangshan = order(orders, '2016-03-29', 'Tangshan');
    expect(tangshan.removedProducts).toEqual([
      { product: 'Viscose/Rayon Fiber', date: '2016-10-12', line: 34 },
    ]);
    expect(tangshan.removedParties).toEqual([]);
    expect(order(orders, '2019-11-01', 'all').removedParties.map((r) => r.date)).toEqual([
      '2020-06-03',
      '2020-07-31',
      '2021-05-21',
    ]);
    for (const modification of orders.filter((o) => o.type === 'Modification/Revocation')) {
      expect(modification.modifies).toHaveLength(1);
      expect(modification.status).toBe('revoked');
    }
  });

  it('reads the area orders: country, region, goods and downstream cover', () => {
    const { orders } = shippedLists().cbp;
    expect(order(orders, '2021-01-13', 'all').area).toMatchObject({
      country: 'CN',
      region: { name: 'Xinjiang Uyghur Autonomous Region' },
      products: ['cotton', 'tomato'],
      coversDownstream: true,
    });
    expect(order(orders, '2018-05-18', 'all').area).toMatchObject({
      country: 'TM',
      products: ['cotton'],
      coversDownstream: true,
    });
    expect(order(orders, '2018-05-18', 'all').area?.region).toBeUndefined();
    expect(order(orders, '2019-11-01', 'all').area).toMatchObject({
      products: ['tobacco'],
      coversDownstream: true,
    });
    expect(order(orders, '2019-09-30', 'all').area).toMatchObject({
      country: 'CD',
      products: ['gold'],
      coversDownstream: false,
    });
    expect(orders.filter((o) => o.area)).toHaveLength(4);
  });

  it('refuses a malformed edition with every problem found', () => {
    const issues = issuesOf(() =>
      parseCbpEdition(
        makeInput('cbp.csv', [
          CBP_HEADER,
          '2020-01-01,CN,Good Co.,Garments,WRO,x',
          '2020-01-01,China,Bad Country Co.,Garments,WRO,x',
          '2020-01-01,CN,,Garments,WRO,x',
          '2020-01-01,CN,Bad Type Co.,Garments,Order,x',
          '2020-31-01,XX,Worse Co.,,WRO,x',
          '2020-01-01,,all,Cotton,WRO,x',
        ]),
      ),
    );
    expect(issues.map((issue) => `${issue.line}:${issue.column}`)).toEqual([
      '3:country',
      '4:entity',
      '5:type',
      '6:date',
      '6:country',
      '6:merchandise',
      '7:country',
    ]);
    expect(issues[0].message).toBe(
      '"China" is not an ISO 3166 alpha-2 country code (e.g. CN, MY); leave it blank only for vessels',
    );
    expect(issues[2].message).toBe(
      '"Order" is not a type of order (WRO, Finding or Modification/Revocation)',
    );
  });

  it('refuses a Modification/Revocation that names no earlier order', () => {
    const issues = issuesOf(() =>
      parseCbpEdition(
        makeInput('cbp.csv', [
          CBP_HEADER,
          '2020-01-01,CN,Good Co.,Garments,WRO,x',
          '2021-01-01,CN,Other Co.,Garments,Modification/Revocation,x',
        ]),
      ),
    );
    expect(issues).toEqual([expect.objectContaining({ file: 'cbp.csv', line: 3, column: 'merchandise' })]);
  });

  it('removes the parties a Modification/Revocation names without a date, and revokes an order left empty', () => {
    const edition = parseCbpEdition(
      makeInput('cbp.csv', [
        CBP_HEADER,
        '2020-01-01,CN,"Alpha Co., Ltd. and Beta Co., Ltd.",Garments,WRO,x',
        '2021-01-01,CN,"Alpha Co., Ltd.",Garments,Modification/Revocation,x',
        '2022-01-01,CN,"Beta Co., Ltd.",Garments,Modification/Revocation,x',
      ]),
    );
    expect(edition.orders[0]).toMatchObject({
      status: 'revoked',
      removedParties: [{ name: 'Alpha Co., Ltd.' }, { name: 'Beta Co., Ltd.' }],
    });
  });
});

describe(splitCbpEntity.name, () => {
  const partiesOf = (date: string, start: string) => order(shippedLists().cbp.orders, date, start).parties;

  it('splits "A and B" only between two complete company names', () => {
    expect(partiesOf('2020-09-03', 'Yili').map((p) => p.name)).toEqual([
      'Yili Zhuowan Garment Manufacturing Co., Ltd.',
      'Baoding LYSZD Trade and Business Co., Ltd.',
    ]);
    expect(splitOnAnd('Baoding LYSZD Trade and Business Co., Ltd.')).toEqual([
      'Baoding LYSZD Trade and Business Co., Ltd.',
    ]);
    expect(splitOnAnd('Xinjiang Junggar Cotton and Linen Co., Ltd.')).toEqual([
      'Xinjiang Junggar Cotton and Linen Co., Ltd.',
    ]);
    expect(partiesOf('2021-10-21', 'Agropecuarios')).toEqual([
      { name: 'Agropecuarios Tom S.A. de C.V.', aliases: [], kind: 'company', includesSubsidiaries: true },
      { name: 'Horticola Tom S.A. de C.V.', aliases: [], kind: 'company', includesSubsidiaries: true },
    ]);
    expect(partiesOf('2016-05-20', 'Inner Mongolia')).toHaveLength(1);
  });

  it('reads a/k/a names, bracketed acronyms and other spellings as aliases of one party', () => {
    expect(partiesOf('1991-11-14', 'Yunnan')).toEqual([
      {
        name: 'Yunnan Machinery',
        aliases: ['Golden Horse (JinMa) Diesel Factory', 'Golden Horse Diesel Factory', 'Yunnan 1st Prison'],
        kind: 'company',
        includesSubsidiaries: false,
      },
    ]);
    expect(partiesOf('2020-11-30', 'Xinjiang Production')).toEqual([
      {
        name: 'Xinjiang Production and Construction Corporation',
        aliases: ['XPCC'],
        kind: 'company',
        includesSubsidiaries: true,
      },
    ]);
    expect(partiesOf('1993-07-08', 'Wulin')[0]).toMatchObject({ name: 'Wulin Machinery Works' });
    expect(partiesOf('1993-07-08', 'Wulin')[0].aliases).toContain('Wuling Machinery Works');
  });

  it('splits parties on semicolons and reads the rows written otherwise from its table', () => {
    expect(partiesOf('1994-06-12', 'Fuchu').map((p) => p.name)).toEqual([
      'Fuchu Prison',
      'Union Kogyo Co., Ltd.',
    ]);
    expect(partiesOf('1994-12-21', 'Guangzhou').map((p) => p.name)).toEqual([
      'Guangzhou No. 1 Reeducation-Through-Labor Camp',
      'Kwong Ngai Industrial Company',
    ]);
    expect(partiesOf('1998-07-21', 'Kumar')).toHaveLength(7);
    expect(partiesOf('2024-04-10', 'Shanghai Select').map((p) => p.name)).toEqual([
      'Shanghai Select Safety Products Company, Limited',
      'Select (Nantong) Safety Products Co. Limited',
      'Select Protective Technology (HK) Limited',
    ]);
  });

  it('reads vessels, their owners and subsidiary clauses', () => {
    expect(partiesOf('2020-08-18', 'Fishing Vessel')).toEqual([
      { name: 'Da Wang', aliases: [], kind: 'vessel', includesSubsidiaries: false },
    ]);
    expect(partiesOf('2021-05-26', 'Fishing Vessels owned')[0].name).toBe('Dalian Ocean Fishing Co. Ltd.');
    expect(partiesOf('2021-06-23', 'Hoshine')[0]).toMatchObject({
      name: 'Hoshine Silicon Industry Co. Ltd.',
      includesSubsidiaries: true,
    });
    expect(partiesOf('2022-01-28', 'Sime Darby')[0]).toMatchObject({
      name: 'Sime Darby Plantation Berhad',
      includesSubsidiaries: true,
    });
  });

  it('gives every named order of the shipped file at least one party with a name', () => {
    for (const o of shippedLists().cbp.orders.filter(
      (x) => !x.area && x.type !== 'Modification/Revocation',
    )) {
      expect(o.parties.length).toBeGreaterThan(0);
      o.parties.forEach((party) => expect(party.name.length).toBeGreaterThan(2));
    }
  });
});
