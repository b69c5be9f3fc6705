import { describe, expect, it } from '@jest/globals';
import type { IndicatorDefinition } from '../../web/src/api/types.js';
import {
  changedDraftFiles,
  describeBand,
  describeCondition,
  draftState,
  formatDelta,
  indicatorsByCategory,
  summariseIndicator,
  tierMovement,
  tierRanges,
} from '../../web/src/lib/rules.js';

function makeIndicator(
  overrides: Partial<IndicatorDefinition> & { when?: unknown } = {},
): IndicatorDefinition {
  return {
    id: 'recruitment.fees',
    title: 'Workers paid recruitment fees',
    category: 'recruitment',
    kind: 'condition',
    evidence: 'Workers paid recruitment fees',
    actions: [],
    ...overrides,
  } as IndicatorDefinition;
}

describe(describeCondition.name, () => {
  it('words a single comparison with the field label', () => {
    expect(describeCondition({ field: 'recruitmentFeesPaidByWorkers', op: 'equals', value: true })).toBe(
      'Recruitment fees paid by workers is yes',
    );
    expect(describeCondition({ field: 'supplyChainTier', op: 'gte', value: 2 })).toBe(
      'Supply-chain tier at least 2',
    );
    expect(describeCondition({ field: 'lastAuditDate', op: 'withinMonths', months: 18 })).toBe(
      'Last social audit within the last 18 months',
    );
  });

  it('joins all/any and brackets a nested group', () => {
    const condition = {
      all: [
        { field: 'lastAuditDate', op: 'withinMonths', months: 18 },
        {
          any: [
            { field: 'auditScheme', op: 'containsAny', values: ['SMETA', 'SA8000'] },
            { field: 'certifications', op: 'present' },
          ],
        },
      ],
    };
    expect(describeCondition(condition)).toBe(
      'Last social audit within the last 18 months and (Audit scheme mentions any of SMETA, SA8000 or Certifications is known)',
    );
  });
});

describe(describeBand.name, () => {
  it.each([
    [{ from: 10, to: 25, points: 2 }, '10 to under 25: +2'],
    [{ to: 10, points: 0 }, 'under 10: 0'],
    [{ from: 50, points: 5, redFlag: true }, '50 or more: +5 (red flag)'],
    [{ values: ['Tier 3'], points: 12 }, 'Tier 3: +12'],
    [{ otherwise: true as const, points: 1 }, 'otherwise: +1'],
  ])('words %p as %p', (band, text) => {
    expect(describeBand(band)).toBe(text);
  });
});

describe(summariseIndicator.name, () => {
  it('says what a condition indicator reads, adds and charges while unknown', () => {
    const summary = summariseIndicator(
      makeIndicator({
        points: 5,
        missingPoints: 2,
        when: { field: 'usesLabourAgency', op: 'equals', value: true },
      }),
    );
    expect(summary).toEqual({
      reads: 'Uses labour agencies or brokers is yes',
      points: ['+5 when this holds'],
      missing: '+2 while unknown',
    });
  });

  it('lists a lookup indicator’s bands and what a country missing from the table costs', () => {
    const summary = summariseIndicator(
      makeIndicator({
        kind: 'lookup',
        table: 'us-tip-tiers',
        column: 'tier',
        bands: [
          { values: ['Tier 1'], points: 0 },
          { values: ['Tier 3'], points: 12 },
        ],
        notFoundPoints: 8,
        missingPoints: 0,
      }),
    );
    expect(summary).toEqual({
      reads: 'tier in us-tip-tiers',
      points: ['Tier 1: 0', 'Tier 3: +12', 'not in the table: +8'],
    });
  });

  it('shows a mitigation as points taken off', () => {
    const summary = summariseIndicator(
      makeIndicator({
        kind: 'mitigation',
        reduction: 6,
        when: { field: 'grievanceMechanism', op: 'equals', value: true },
      }),
    );
    expect(summary.points).toEqual(['\u22126 when this holds on recent, known data']);
    expect(summary.missing).toBeUndefined();
  });
});

describe(indicatorsByCategory.name, () => {
  it('groups in category order, drops empty categories and keeps orphans last', () => {
    const groups = indicatorsByCategory({
      categories: [
        { id: 'country', title: 'Country', cap: 30, inherent: true, mitigation: false },
        { id: 'sector', title: 'Sector', cap: 15, inherent: true, mitigation: false },
        { id: 'recruitment', title: 'Recruitment', cap: 8, inherent: false, mitigation: false },
      ],
      indicators: [
        makeIndicator({ id: 'r1' }),
        makeIndicator({ id: 'c1', category: 'country' }),
        makeIndicator({ id: 'x1', category: 'mystery' }),
      ],
    });
    expect(groups.map((g) => [g.category.id, g.indicators.map((i) => i.id)])).toEqual([
      ['country', ['c1']],
      ['recruitment', ['r1']],
      ['other', ['x1']],
    ]);
  });
});

describe(tierRanges.name, () => {
  it('turns thresholds into score ranges', () => {
    expect(tierRanges({ medium: 25, high: 50, critical: 75 })).toEqual([
      { tier: 'low', range: 'below 25' },
      { tier: 'medium', range: '25 to under 50' },
      { tier: 'high', range: '50 to under 75' },
      { tier: 'critical', range: '75 and above' },
    ]);
  });
});

describe(tierMovement.name, () => {
  it('tells a raise from a lowering', () => {
    expect(tierMovement('medium', 'critical')).toBe('up');
    expect(tierMovement('high', 'low')).toBe('down');
    expect(tierMovement(null, 'low')).toBe('new');
    expect(tierMovement('high', 'high')).toBe('same');
  });
});

describe(formatDelta.name, () => {
  it('signs the change of a tier count', () => {
    expect(formatDelta(10, 14)).toBe('+4');
    expect(formatDelta(10, 7)).toBe('\u22123');
    expect(formatDelta(3, 3)).toBe('0');
  });
});

describe(draftState.name, () => {
  const active = [
    { path: 'ruleset.yaml', content: 'thresholds:\n  medium: 25\n' },
    { path: 'indicators/workforce.yaml', content: 'indicators: []\n' },
  ];

  it('tells an untouched file of the active rule set from an edited one', () => {
    expect(draftState({ path: 'ruleset.yaml', content: 'thresholds:\n  medium: 25\n' }, active)).toBe(
      'unchanged',
    );
    expect(draftState({ path: 'ruleset.yaml', content: 'thresholds:\n  medium: 20\n' }, active)).toBe(
      'edited',
    );
  });

  it('does not count Windows line ends or spaces around the path as a change', () => {
    expect(draftState({ path: ' ruleset.yaml ', content: 'thresholds:\r\n  medium: 25\r\n' }, active)).toBe(
      'unchanged',
    );
  });

  it('calls a path the active rule set does not have new', () => {
    expect(draftState({ path: 'indicators/extra.yaml', content: 'x: 1' }, active)).toBe('new');
  });
});

describe(changedDraftFiles.name, () => {
  const active = [
    { path: 'ruleset.yaml', content: 'thresholds:\n  medium: 25\n' },
    { path: 'indicators/workforce.yaml', content: 'indicators: []\n' },
  ];

  it('sends only edited and new files, with trimmed paths, and skips empty editors', () => {
    const files = [
      { path: 'ruleset.yaml ', content: 'thresholds:\n  medium: 5\n' },
      { path: 'indicators/workforce.yaml', content: 'indicators: []\n' },
      { path: 'indicators/extra.yaml', content: 'indicators: []\n' },
      { path: 'indicators/', content: '   ' },
    ];
    expect(changedDraftFiles(files, active)).toEqual([
      { path: 'ruleset.yaml', content: 'thresholds:\n  medium: 5\n' },
      { path: 'indicators/extra.yaml', content: 'indicators: []\n' },
    ]);
  });

  it('sends every non-empty file when the active files are not known', () => {
    expect(changedDraftFiles([{ path: 'ruleset.yaml', content: 'a: 1' }], [])).toEqual([
      { path: 'ruleset.yaml', content: 'a: 1' },
    ]);
  });
});
