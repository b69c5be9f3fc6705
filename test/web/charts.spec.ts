import { describe, expect, it } from '@jest/globals';
import { barPercent, fillMonths, niceCeiling, tierMixColumns } from '../../web/src/lib/charts.js';

describe(niceCeiling.name, () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [48, 50],
    [51, 100],
    [101, 200],
    [2500, 5000],
  ])('rounds %p up to %p', (value, ceiling) => {
    expect(niceCeiling(value)).toBe(ceiling);
  });
});

describe(barPercent.name, () => {
  it('scales to the axis and keeps a small non-zero value visible', () => {
    expect(barPercent(25, 50)).toBe(50);
    expect(barPercent(1, 10_000)).toBe(1);
    expect(barPercent(0, 50)).toBe(0);
    expect(barPercent(80, 50)).toBe(100);
  });
});

describe(fillMonths.name, () => {
  const empty = (month: string) => ({ month, n: 0 });

  it('fills the months between the first and the last, across a year end', () => {
    const rows = [
      { month: '2024-11', n: 3 },
      { month: '2025-02', n: 5 },
    ];
    expect(fillMonths(rows, empty)).toEqual([
      { month: '2024-11', n: 3 },
      { month: '2024-12', n: 0 },
      { month: '2025-01', n: 0 },
      { month: '2025-02', n: 5 },
    ]);
  });

  it('sorts months and skips malformed ones', () => {
    expect(
      fillMonths(
        [
          { month: '2025-03', n: 1 },
          { month: 'bad', n: 9 },
          { month: '2025-02', n: 2 },
        ],
        empty,
      ),
    ).toEqual([
      { month: '2025-02', n: 2 },
      { month: '2025-03', n: 1 },
    ]);
    expect(fillMonths([], empty)).toEqual([]);
  });
});

describe(tierMixColumns.name, () => {
  it('stacks each month to 100%, low at the bottom', () => {
    const [column] = tierMixColumns([{ month: '2025-05', low: 2, medium: 1, high: 1, critical: 0 }]);
    expect(column.total).toBe(4);
    expect(column.segments).toEqual([
      { tier: 'low', count: 2, share: 0.5, offset: 0 },
      { tier: 'medium', count: 1, share: 0.25, offset: 0.5 },
      { tier: 'high', count: 1, share: 0.25, offset: 0.75 },
      { tier: 'critical', count: 0, share: 0, offset: 1 },
    ]);
  });

  it('gives an empty month zero shares rather than dividing by zero', () => {
    const columns = tierMixColumns([
      { month: '2025-01', low: 1, medium: 0, high: 0, critical: 0 },
      { month: '2025-03', low: 0, medium: 0, high: 0, critical: 2 },
    ]);
    expect(columns.map((c) => c.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(columns[1].segments.every((s) => s.share === 0)).toBe(true);
  });
});
