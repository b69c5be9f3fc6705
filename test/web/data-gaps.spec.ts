import { describe, expect, it } from '@jest/globals';
import type { DataGapQuestion } from '../../web/src/api/types.js';
import { dataGapRows, dataGapsPath, settledSentence, whoToAskHref } from '../../web/src/lib/data-gaps.js';
import { parseSupplierQuery } from '../../web/src/lib/supplier-query.js';

function makeQuestion(overrides: Partial<DataGapQuestion> = {}): DataGapQuestion {
  return {
    indicatorId: 'recruitment.fees-paid-by-workers',
    title: 'Recruitment fees paid by workers',
    followUp: 'Ask whether workers paid recruitment fees.',
    fields: ['recruitmentFeesPaidByWorkers'],
    suppliers: 12,
    settlesTier: 3,
    couldRaiseRedFlag: 0,
    openPoints: 96.25,
    summary: 'Open for 12 suppliers.',
    ...overrides,
  };
}

describe(dataGapsPath.name, () => {
  it('sends the list filters only, in the list’s own spelling', () => {
    expect(dataGapsPath(parseSupplierQuery(''))).toBe('/dashboard/data-gaps');
    expect(dataGapsPath(parseSupplierQuery('country=cn,bd&tier=high&sort=name&page=3&redFlag=true'))).toBe(
      '/dashboard/data-gaps?tier=high&country=BD,CN&redFlag=true',
    );
  });
});

describe(whoToAskHref.name, () => {
  it('names the question first, then the same filters', () => {
    expect(whoToAskHref('recruitment.fees-paid-by-workers', parseSupplierQuery(''))).toBe(
      '/dashboard/data-gaps/export.xlsx?question=recruitment.fees-paid-by-workers',
    );
    expect(whoToAskHref('a b&c', parseSupplierQuery('q=Dhaka knit&country=BD'))).toBe(
      '/dashboard/data-gaps/export.xlsx?question=a%20b%26c&country=BD&q=Dhaka+knit',
    );
  });
});

describe(settledSentence.name, () => {
  it.each([
    [
      { suppliers: 1400, withRange: 1400, settled: 312 },
      '312 of 1,400 suppliers have a tier the open questions cannot change; 1,088 have a tier an answer could still change.',
    ],
    [
      { suppliers: 5, withRange: 4, settled: 1 },
      '1 of 5 suppliers has a tier the open questions cannot change; 3 have a tier an answer could still change; 1 was assessed before ranges existed and adds no questions.',
    ],
    [
      { suppliers: 3, withRange: 3, settled: 0 },
      '0 of 3 suppliers have a tier the open questions cannot change; 3 have a tier an answer could still change.',
    ],
    [
      { suppliers: 7, withRange: 7, settled: 7 },
      'All 7 suppliers have a tier the open questions cannot change.',
    ],
    [
      { suppliers: 1, withRange: 1, settled: 1 },
      'The one supplier in scope has a tier the open questions cannot change.',
    ],
    [
      { suppliers: 2, withRange: 0, settled: 0 },
      'No supplier in scope has a score range yet: all 2 were assessed before ranges existed, so there is nothing to rank.',
    ],
    [{ suppliers: 0, withRange: 0, settled: 0 }, 'No supplier is in scope.'],
  ])('%p', (totals, sentence) => {
    expect(settledSentence(totals)).toBe(sentence);
  });
});

describe(dataGapRows.name, () => {
  it('keeps the API’s order and puts the figures in words the table shows', () => {
    const query = parseSupplierQuery('country=BD');
    const rows = dataGapRows(
      [
        makeQuestion({ suppliers: 1234, openPoints: 1234.56 }),
        makeQuestion({
          indicatorId: 'ilo.withholding-of-wages',
          settlesTier: 0,
          couldRaiseRedFlag: 2,
          openPoints: 0,
          fields: [],
        }),
      ],
      query,
    );
    expect(rows.map((row) => row.key)).toEqual([
      'recruitment.fees-paid-by-workers',
      'ilo.withholding-of-wages',
    ]);
    expect(rows[0]).toMatchObject({
      suppliers: '1,234',
      settlesTier: '3',
      couldRaiseRedFlag: '0',
      openPoints: '1,234.6',
      flagged: false,
      exportHref: '/dashboard/data-gaps/export.xlsx?question=recruitment.fees-paid-by-workers&country=BD',
    });
    // A red flag stays out of every range: the question narrows nothing and still counts.
    expect(rows[1]).toMatchObject({ openPoints: '0', flagged: true, needs: 'reference data' });
  });
});
