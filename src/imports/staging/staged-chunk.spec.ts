import { describe, expect, it } from '@jest/globals';
import { assessmentLine } from '../../assessments/assessment-copy-line.js';
import { copyUnescaped, copyValue } from '../../database/copy-text.js';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { TEST_RULE_FILES } from '../../scoring/domain/testing/test-rule-set.js';
import { rowKeys } from '../../suppliers/domain/site-key.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { newListingLine, siteLine } from '../site-copy-lines.js';
import { linesOf, RenderedSites, RenderedWriter } from './rendered-sites.js';
import { asNewSite } from './stage-rows.js';
import { renderNewSite, stagedSuppliers } from './staged-chunk.js';
import { hitLine } from '../../screening/domain/hit-copy-line.js';
import { screeningLists } from '../../screening/domain/screening-context.js';
import { SHIPPED_EDITIONS } from '../../screening/domain/shipped-editions.js';
import { shippedBytes, shippedLists } from '../../screening/domain/testing/shipped-lists.js';

function shippedEdition(kind: 'uflpa' | 'cbp-wro') {
  const { file, asOf, source, coverage } = SHIPPED_EDITIONS.find((edition) => edition.kind === kind)!;
  return { kind, file, asOf, source, coverage };
}
const uflpaEdition = () => shippedEdition('uflpa');
const cbpEdition = () => shippedEdition('cbp-wro');

const RULES = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
const INPUT = {
  path: 'brand-disclosure.csv',
  originalName: 'brand-disclosure.csv',
  limits: {},
  asOf: '2026-12-07',
  listId: '00000000-0000-4000-8000-00000000000a',
  batchId: '00000000-0000-4000-8000-00000000000b',
  at: '2026-12-07T08:00:00.000Z',
};
const COLUMNS = new Set(['externalRef', 'name', 'address', 'city', 'country', 'workerCount', 'products']);

// What real lists carry: tabs and line breaks pasted into cells, backslashes in references, quotes, accents,
// scripts other than Latin and characters outside the Basic Multilingual Plane.
const ROWS: SupplierRecord[] = [
  {
    externalRef: 'V\\2001',
    name: 'Saigon "Footwear"\tCo.',
    address: 'Road 12\nTan Thuan EPZ\r\nDistrict 7',
    city: 'Hồ Chí Minh',
    country: 'VN',
    workerCount: 4200,
  },
  { name: '东莞市 电子厂 𠀋', city: '東莞', country: 'CN', products: ['electronics', 'cables\\wires'] },
  { externalRef: 'TR-77', name: 'Çukurova Tekstil', country: 'TR' },
];

function render(records: SupplierRecord[], screening?: Parameters<typeof asNewSite>[6]) {
  const writer = new RenderedWriter();
  const made = records.map((record, i) => {
    const rowNumber = i + 2;
    const { siteKey, nameMatchKey } = rowKeys(record);
    const site = asNewSite(INPUT, COLUMNS, rowNumber, record, nameMatchKey, RULES, screening);
    const id = `00000000-0000-4000-8000-00000000010${i}`;
    return {
      rowNumber,
      siteKey,
      record,
      site,
      id,
      head: renderNewSite(writer, INPUT, { rowNumber, siteKey, record }, site, id),
    };
  });
  return { made, rendered: writer.take(), writer };
}

describe('rendered new sites', () => {
  it('renders each line exactly as the apply would write it itself', () => {
    const { made, rendered } = render(ROWS);
    const staged = stagedSuppliers({ heads: made.map((m) => m.head), rendered });
    expect(staged).toHaveLength(3);
    staged.forEach((row, i) => {
      const { site, id, siteKey, record, rowNumber } = made[i];
      expect(row.asNew.line('site').toString('utf8')).toBe(siteLine({ ...site, id, siteKey }, INPUT.batchId));
      expect(row.asNew.line('assessment').toString('utf8')).toBe(
        assessmentLine(id, site.assessment, 'import', INPUT.batchId),
      );
      expect(row.asNew.line('listing').toString('utf8')).toBe(
        newListingLine(INPUT.listId, INPUT.batchId, {
          supplierId: id,
          externalRef: record.externalRef ?? null,
          country: record.country,
          siteKey,
          name: record.name,
          rowNumber,
        }),
      );
    });
  });

  it('gives the lines of consecutive rows as one run of bytes per table', () => {
    const { made, rendered } = render(ROWS);
    const staged = stagedSuppliers({ heads: made.map((m) => m.head), rendered });
    const sites = staged.map((row) => row.asNew);
    for (const table of ['site', 'assessment', 'listing'] as const) {
      const all = linesOf(sites, table);
      expect(all).toHaveLength(1);
      expect(all[0].toString('utf8')).toBe(sites.map((site) => site.line(table).toString('utf8')).join(''));
      const gap = linesOf([sites[0], sites[2]], table);
      expect(gap.map((run) => run.toString('utf8'))).toEqual([
        sites[0].line(table).toString('utf8'),
        sites[2].line(table).toString('utf8'),
      ]);
    }
  });

  it('renders the hits of the new sites it screens as lines of their own, and what their rows carry of them', () => {
    const { uflpa, cbp } = shippedLists();
    const lists = screeningLists([
      { id: 'e-uflpa', ...uflpaEdition(), content: shippedBytes('uflpa_entity_list.csv').toString('utf8') },
      {
        id: 'e-cbp',
        ...cbpEdition(),
        content: shippedBytes('cbp_withhold_release_orders.csv').toString('utf8'),
      },
    ]);
    expect(lists.uflpa?.edition.sha256).toBe(uflpa.sha256);
    expect(lists.cbp?.edition.sha256).toBe(cbp.sha256);
    const records: SupplierRecord[] = [
      { name: 'Hotan Taida Apparel', country: 'CN', region: 'Xinjiang', products: ['Cotton T-shirts'] },
      { name: 'Çukurova Tekstil', country: 'TR', products: ['Machine parts'] },
      { name: 'Dhaka Knit Composite Ltd', country: 'BD', products: ['Cotton T-shirts'] },
    ];
    const { made, rendered } = render(records, { lists, memo: new Map() });
    const staged = stagedSuppliers({ heads: made.map((m) => m.head), rendered });
    expect(made.map(({ site }) => site.hits.length)).toEqual([4, 0, 2]);
    staged.forEach((row, i) => {
      const { site, id, siteKey } = made[i];
      expect(row.asNew.line('hit').toString('utf8')).toBe(site.hits.map((hit) => hitLine(id, hit)).join(''));
      expect(row.asNew.line('site').toString('utf8')).toBe(siteLine({ ...site, id, siteKey }, INPUT.batchId));
      expect(row.asNew.row()).toEqual({ ...site, hits: [] });
    });
    expect(JSON.parse(made[2].site.screening ?? 'null')).toMatchObject({ confirmed: [], openHits: 2 });
    expect(made[1].site.screening).toBeNull();
    // Open hits put the site ahead of the same assessment without them.
    const plain = asNewSite(INPUT, COLUMNS, 4, records[2], rowKeys(records[2]).nameMatchKey, RULES);
    expect(made[2].site.priority).toBeGreaterThan(plain.priority);
  });

  it('gives back the profile, sources and stored assessment as staging made them', () => {
    const { made, rendered } = render(ROWS);
    const staged = stagedSuppliers({ heads: made.map((m) => m.head), rendered });
    staged.forEach((row, i) => {
      const { site } = made[i];
      expect(row.asNew.profile()).toBe(site.profile);
      expect(row.asNew.sources()).toBe(site.sources);
      expect(row.asNew.assessment()).toEqual(site.assessment);
      expect(row.asNew.row()).toEqual(site);
      expect(row.asNew.id).toBe(made[i].id);
    });
    expect(JSON.parse(staged[0].asNew.profile())).toMatchObject({
      address: 'Road 12\nTan Thuan EPZ\r\nDistrict 7',
    });
  });

  it('starts each chunk afresh and grows past its first buffer', () => {
    const many: SupplierRecord[] = Array.from({ length: 400 }, (_, i) => ({
      name: `Factory ${i} ${'長い名前'.repeat(200)}`,
      country: 'CN',
    }));
    const first = render(ROWS);
    first.writer.add({
      siteHead: 'x',
      profile: '',
      sources: '',
      assessmentHead: '',
      stored: '',
      listing: '',
      hits: '',
    });
    const { made, rendered } = render(many);
    expect(rendered.bytes.byteLength).toBeGreaterThan(1 << 20);
    const staged = stagedSuppliers({ heads: made.map((m) => m.head), rendered });
    expect(JSON.parse(staged[399].asNew.profile())).toMatchObject({
      name: expect.stringMatching(/^Factory 399 /),
    });
    expect(new RenderedSites(first.writer.take()).size).toBe(1);
  });

  it('refuses a chunk whose offsets do not fit its bytes, or whose rows and heads differ in number', () => {
    const { made, rendered } = render(ROWS);
    expect(() => new RenderedSites({ bytes: rendered.bytes.slice(1), offsets: rendered.offsets })).toThrow(
      /offsets do not fit/,
    );
    expect(() => stagedSuppliers({ heads: made.slice(1).map((m) => m.head), rendered })).toThrow(
      /chunk of 2 rows rendered 3/,
    );
  });
});

describe(copyUnescaped.name, () => {
  it('undoes copyValue', () => {
    for (const text of ['plain', 'a\\b', 'tab\there', 'line\nbreak\r\n', '\\t literally', '\\\\n', '']) {
      expect(copyUnescaped(copyValue(text))).toBe(text);
    }
  });
});
