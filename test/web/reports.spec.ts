import { describe, expect, it } from '@jest/globals';
import { describeReportFilters, reportScope, REPORT_SCOPES } from '../../web/src/lib/reports.js';

describe(reportScope.name, () => {
  it('turns each choice into the supplier filters the report endpoint reads', () => {
    expect(REPORT_SCOPES.map((scope) => reportScope(scope.id))).toEqual([
      '',
      'tier=high,critical',
      'redFlag=true',
    ]);
  });
});

describe(describeReportFilters.name, () => {
  it('words the filters a portfolio report was made with', () => {
    expect(
      describeReportFilters({ tier: ['high', 'critical'], redFlag: true, country: ['MY'], q: 'cocoa' }),
    ).toBe('tier high, critical · with red flags · country MY · matching “cocoa”');
  });

  it('leaves out empty filters and says nothing for none', () => {
    expect(describeReportFilters({ tier: [], sector: undefined, q: '' })).toBe('');
    expect(describeReportFilters(null)).toBe('');
    expect(describeReportFilters({ redFlag: false })).toBe('without red flags');
  });
});
