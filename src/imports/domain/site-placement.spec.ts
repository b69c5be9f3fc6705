import { describe, expect, it } from '@jest/globals';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { TEST_RULE_FILES } from '../../scoring/domain/testing/test-rule-set.js';
import { applyListedRow, mergedRecord, withInferredRegion } from '../../suppliers/domain/field-sources.js';
import { rowKeys } from '../../suppliers/domain/site-key.js';
import type { SiteLookup } from '../../suppliers/domain/site-match.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { RenderedWriter } from '../staging/rendered-sites.js';
import { asNewSite } from '../staging/stage-rows.js';
import { renderNewSite, type StagedSupplier, stagedSuppliers } from '../staging/staged-chunk.js';
import { inferredRegionValue } from './region-inference.js';
import { changedFields, type ExistingSite, SitePlacement } from './site-placement.js';

const RULES = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
const INPUT = {
  path: 'vendor-master.xlsx',
  originalName: 'vendor-master.xlsx',
  limits: {},
  asOf: '2026-12-01',
  listId: 'list-vendor-master',
  batchId: 'batch-2',
  at: '2026-12-01T09:00:00.000Z',
};
const COLUMNS = new Set(['externalRef', 'name', 'address', 'city', 'country', 'workerCount']);

/** A row as staging hands it over: scored as a new site and rendered (in a chunk of its own). */
function staged(rowNumber: number, record: SupplierRecord): StagedSupplier {
  const { siteKey, nameMatchKey: nameKey } = rowKeys(record);
  const writer = new RenderedWriter();
  const asNew = asNewSite(INPUT, COLUMNS, rowNumber, record, nameKey, RULES);
  const head = renderNewSite(writer, INPUT, { rowNumber, siteKey, record }, asNew, `site-new-${rowNumber}`);
  return stagedSuppliers({ heads: [head], rendered: writer.take() })[0];
}

/** A site an earlier upload of another list made, stored as the import stores it (region inferred). */
function stored(id: string, record: SupplierRecord): ExistingSite {
  const listed = applyListedRow(undefined, {
    listId: 'list-brand',
    batch: 'batch-1',
    row: 2,
    at: '2026-11-01T09:00:00.000Z',
    columns: new Set(Object.keys(record)),
    record,
  });
  const { sources, record: profile } = withInferredRegion(listed, mergedRecord(listed), inferredRegionValue);
  return { id, country: record.country, siteKey: rowKeys(record).siteKey, profile, sources, screening: null };
}

function placement(): SitePlacement {
  return new SitePlacement({
    listId: INPUT.listId,
    batchId: INPUT.batchId,
    at: INPUT.at,
    asOf: INPUT.asOf,
    columns: COLUMNS,
    rules: RULES,
  });
}

const SAIGON: SupplierRecord = {
  externalRef: 'V-2001',
  name: 'Saigon Footwear',
  address: 'Road 12, Tan Thuan EPZ, District 7',
  city: 'Ho Chi Minh City',
  country: 'VN',
  workerCount: 4200,
};

const none: SiteLookup<ExistingSite> = { byKey: [], byName: [] };

describe(SitePlacement.name, () => {
  it('makes a new site of a row nothing matches, exactly as staging scored it', () => {
    const sut = placement();
    const row = staged(2, SAIGON);
    const placed = sut.place([row], new Map([[row, none]]));
    expect(placed.created).toEqual([row.asNew]);
    expect(placed.asStaged).toEqual([row.asNew]);
    expect(placed.inserts).toEqual([]);
    expect(placed.listings).toEqual([]);
    expect(placed.updates).toEqual([]);
    expect(sut.created).toBe(1);
  });

  it('places a row on the site its list entry points to, merges it and records what changed', () => {
    const sut = placement();
    const site = stored('site-1', { ...SAIGON, workerCount: 3900, externalRef: undefined });
    const row = staged(2, SAIGON);
    const placed = sut.place([row], new Map([[row, { ...none, byEntry: site }]]));
    expect(placed.created).toEqual([]);
    expect(placed.updates).toHaveLength(1);
    expect(placed.updates[0]).toMatchObject({ id: 'site-1', siteKey: site.siteKey });
    expect(JSON.parse(placed.updates[0].profile)).toMatchObject({ workerCount: 4200 });
    expect(placed.listings).toEqual([
      expect.objectContaining({ supplierId: 'site-1', evidence: 'reference' }),
    ]);
    expect(sut.updated).toEqual([
      { supplierId: 'site-1', name: 'Saigon Footwear', fields: ['externalRef', 'workerCount'] },
    ]);
    expect(sut.unchanged).toBe(0);
  });

  it('counts a row that changes nothing as unchanged and keeps staging’s assessment', () => {
    const sut = placement();
    const row = staged(2, SAIGON);
    const site = stored('site-1', SAIGON);
    const placed = sut.place([row], new Map([[row, { ...none, byEntry: site }]]));
    expect(placed.updates[0].assessment).toEqual(row.asNew.assessment());
    expect(JSON.parse(placed.updates[0].profile)).toEqual(JSON.parse(row.asNew.profile()));
    expect(sut.unchanged).toBe(1);
    expect(sut.updated).toEqual([]);
  });

  it('reports a second row whose list entry is the site an earlier row took, and writes no site for it', () => {
    const sut = placement();
    const site = stored('site-1', SAIGON);
    const first = staged(2, SAIGON);
    const second = staged(3, {
      ...SAIGON,
      externalRef: 'V-2002',
      name: 'SAIGON FOOTWEAR COMPANY LIMITED',
      address: 'Lot A-1, Tan Thuan EPZ, Dist. 7',
    });
    // The two rows come in different chunks: what an earlier chunk claimed still counts.
    sut.place([first], new Map([[first, { ...none, byEntry: site }]]));
    const placed = sut.place([second], new Map([[second, { ...none, byEntry: site }]]));
    expect(placed.created).toEqual([]);
    expect(placed.updates).toEqual([]);
    expect(placed.listings).toEqual([
      expect.objectContaining({ supplierId: 'site-1', externalRef: 'V-2002', evidence: null, rowNumber: 3 }),
    ]);
    expect(sut.listedAgain).toEqual([
      {
        rowNumber: 3,
        cells: [],
        outcome: 'duplicate',
        errors: [
          expect.objectContaining({
            column: 'externalRef',
            value: 'V-2002',
            message: expect.stringContaining('Rows 2 and 3 are the same site, "Saigon Footwear"'),
          }),
        ],
      },
    ]);
  });

  it('does not give a site another row took to a row that only shares its key; that row is a new site apart', () => {
    const sut = placement();
    const site = stored('site-1', SAIGON);
    const first = staged(2, SAIGON);
    const second = staged(3, { ...SAIGON, externalRef: 'V-2003' });
    sut.place([first], new Map([[first, { ...none, byEntry: site }]]));
    const placed = sut.place([second], new Map([[second, { byKey: [site], byName: [site] }]]));
    expect(placed.created).toEqual([second.asNew]);
    expect(placed.asStaged).toEqual([]);
    expect(placed.inserts).toEqual([
      { ...second.asNew.row(), id: 'site-new-3', siteKey: `${second.siteKey}|#site-new-3` },
    ]);
    expect(sut.listedAgain).toEqual([]);
  });
});

describe(changedFields.name, () => {
  it('names the fields whose values differ, in order', () => {
    expect(changedFields(SAIGON, { ...SAIGON, workerCount: 1, city: 'HCMC' })).toEqual([
      'city',
      'workerCount',
    ]);
  });
});
