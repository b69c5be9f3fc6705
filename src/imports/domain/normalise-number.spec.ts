import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CellValue } from './cell-value.js';
import {
  MONEY_EXPECTED,
  PERCENT_EXPECTED,
  TIER_EXPECTED,
  WORKER_COUNT_EXPECTED,
  inferPercentScale,
  normaliseMoney,
  normalisePercentage,
  normaliseTier,
  normaliseWorkerCount,
  parseNumberText,
  type NumberStyle,
  type PercentScale,
} from './normalise-number.js';

describe(parseNumberText.name, () => {
  it.each<[string, NumberStyle, number]>([
    ['1250', 'integer', 1250],
    ['1,250', 'integer', 1250],
    ['1.250', 'integer', 1250],
    ['1 250', 'integer', 1250],
    ['1\u00A0250', 'integer', 1250],
    ['1\u202F250', 'integer', 1250],
    ["12'500", 'integer', 12500],
    ['12’500', 'integer', 12500],
    ['1,250,000', 'integer', 1250000],
    ['1.250.000', 'integer', 1250000],
    ['1 250 000', 'integer', 1250000],
    ['+42', 'integer', 42],
    ['-42', 'integer', -42],
    ['\u221242', 'integer', -42],
    ['(1,250)', 'money', -1250],
    ['1250-', 'money', -1250],
    ['1,250.50', 'money', 1250.5],
    ['1.250,50', 'money', 1250.5],
    ['1,250,000.75', 'money', 1250000.75],
    ['1.250.000,75', 'money', 1250000.75],
    ['1 250 000,75', 'money', 1250000.75],
    ["1'250'000.75", 'money', 1250000.75],
    ['1,5', 'money', 1.5],
    ['1,25', 'money', 1.25],
    ['1.25', 'money', 1.25],
    ['1.250', 'money', 1250],
    ['0.125', 'money', 0.125],
    ['0,125', 'money', 0.125],
    ['1234,5', 'money', 1234.5],
    ['.5', 'money', 0.5],
    ['12.5', 'decimal', 12.5],
    ['12,5', 'decimal', 12.5],
    ['1.250', 'decimal', 1.25],
    ['1,250', 'decimal', 1.25],
    ['1.2E+04', 'decimal', 12000],
    ['3e2', 'integer', 300],
  ])('reads %j (%s) as %p', (text, style, expected) => {
    expect(parseNumberText(text, style)).toBe(expected);
  });

  it.each<[string, NumberStyle]>([
    ['', 'integer'],
    ['abc', 'integer'],
    ['12abc', 'integer'],
    ['1,2,3', 'integer'],
    ['1.25.0', 'money'],
    ['1 2', 'integer'],
    ['12 50', 'integer'],
    ['1,250.000,5', 'money'],
    ['1.2.3,4', 'money'],
    ['100-200', 'integer'],
    ['1..2', 'money'],
    ['--5', 'integer'],
    ['5%', 'decimal'],
  ])('does not read %j (%s) as a number', (text, style) => {
    expect(parseNumberText(text, style)).toBeUndefined();
  });

  it('reads back every integer written with any thousands separator', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.constantFrom(',', '.', ' ', "'"), (n, sep) => {
        const written = n.toLocaleString('en-US').replace(/,/g, sep);
        expect(parseNumberText(written, 'integer')).toBe(n);
      }),
    );
  });

  it('reads back every amount written in English or continental style', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.integer({ min: 0, max: 99 }), (units, cents) => {
        const english = `${units.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
        const continental = `${units.toLocaleString('de-DE')},${String(cents).padStart(2, '0')}`;
        const amount = units + cents / 100;
        expect(parseNumberText(english, 'money')).toBeCloseTo(amount, 2);
        expect(parseNumberText(continental, 'money')).toBeCloseTo(amount, 2);
      }),
    );
  });
});

describe(normaliseWorkerCount.name, () => {
  it.each<[CellValue, number | undefined]>([
    [1250, 1250],
    [0, 0],
    [1249.9999999999998, 1250],
    ['1250', 1250],
    ['1,250', 1250],
    ['1.250', 1250],
    ['1 250', 1250],
    ["12'500", 12500],
    [' 85 ', 85],
    ['1.0', 1],
    [null, undefined],
    ['', undefined],
    ['  ', undefined],
    // Open buckets: below a bound, the midpoint from 0; above one, the bound (its top is unknown).
    ['Less than 100', 50],
    ['under 1,000', 500],
    ['< 50', 25],
    ['More than 10000', 10000],
    ['over 10,000', 10000],
    ['> 5000', 5000],
    ['300+', 300],
  ])('reads %p as %p', (value, expected) => {
    expect(normaliseWorkerCount(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([
    [-5],
    ['-5'],
    [12.5],
    ['12.5'],
    ['1,25'],
    ['about 300'],
    ['less than 0'],
    ['more than many'],
    [true],
    [new Date(Date.UTC(2024, 0, 1))],
    [Number.POSITIVE_INFINITY],
    [Number.NaN],
  ])('rejects %p', (value) => {
    expect(normaliseWorkerCount(value)).toEqual({ ok: false, expected: WORKER_COUNT_EXPECTED });
  });

  // Open Supply Hub and brand lists give bands: the midpoint, rounded down, stands for the band.
  it.each<[string, number]>([
    ['1001-5000', 3000],
    ['100-500', 300],
    ['100-150', 125],
    ['0-10', 5],
    ['1-2', 1],
    ['250-250', 250],
    ['1,001-5,000', 3000],
    ['1.001 - 5.000', 3000],
    ['1001 – 5000', 3000],
    ['1001—5000', 3000],
    ['1001 to 5000', 3000],
    ['5001 TO 10000', 7500],
    [' 100 - 500 ', 300],
  ])('reads the range %j as its midpoint %p', (value, expected) => {
    expect(normaliseWorkerCount(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[string]>([
    ['500-100'],
    ['100-'],
    ['-100-200'],
    ['100-200-300'],
    ['12.5-20'],
    ['1,5-2'],
    ['100-about 200'],
    ['100 or 200'],
    ['a-b'],
  ])('rejects the malformed range %j', (value) => {
    expect(normaliseWorkerCount(value)).toEqual({ ok: false, expected: WORKER_COUNT_EXPECTED });
  });

  it('keeps every accepted range within its bounds', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const result = normaliseWorkerCount(`${low.toLocaleString('en-US')}-${high.toLocaleString('en-US')}`);
        expect(result.ok).toBe(true);
        const value = result.ok ? (result.value ?? -1) : -1;
        expect(value).toBeGreaterThanOrEqual(low);
        expect(value).toBeLessThanOrEqual(high);
      }),
    );
  });
});

describe(normaliseTier.name, () => {
  it.each<[CellValue, number | undefined]>([
    [1, 1],
    [2, 2],
    ['3', 3],
    ['Tier 1', 1],
    ['tier 2', 2],
    ['TIER-2', 2],
    ['Tier: 3', 3],
    ['T2', 2],
    ['t 4', 4],
    ['2nd tier', 2],
    ['1st', 1],
    ['3rd Tier', 3],
    ['4th-tier', 4],
    [null, undefined],
    ['', undefined],
  ])('reads %p as %p', (value, expected) => {
    expect(normaliseTier(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([[0], ['0'], ['Tier 0'], [-1], [1.5], ['direct'], ['Tier A'], [true]])(
    'rejects %p',
    (value) => {
      expect(normaliseTier(value)).toEqual({ ok: false, expected: TIER_EXPECTED });
    },
  );
});

describe(normalisePercentage.name, () => {
  it.each<[CellValue, PercentScale, number | undefined]>([
    [35, 'auto', 35],
    ['35', 'auto', 35],
    ['35%', 'auto', 35],
    ['35 %', 'auto', 35],
    ['71.0%', 'auto', 71],
    ['71,5%', 'auto', 71.5],
    ['0.5%', 'auto', 0.5],
    ['1%', 'auto', 1],
    ['100%', 'auto', 100],
    ['0%', 'auto', 0],
    ['35 percent', 'auto', 35],
    ['35 per cent', 'auto', 35],
    ['35pct', 'auto', 35],
    [0.35, 'auto', 35],
    ['0.35', 'auto', 35],
    ['0,35', 'auto', 35],
    [0.07, 'auto', 7],
    [0.999, 'auto', 99.9],
    [0, 'auto', 0],
    [100, 'auto', 100],
    [12.5, 'auto', 12.5],
    [1, 'fraction', 100],
    [0.35, 'fraction', 35],
    [0, 'fraction', 0],
    ['35%', 'fraction', 35],
    [1, 'percent', 1],
    [0.5, 'percent', 0.5],
    [35, 'percent', 35],
    [null, 'auto', undefined],
    ['', 'auto', undefined],
  ])('reads %p (%s) as %p', (value, scale, expected) => {
    expect(normalisePercentage(value, scale)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, PercentScale]>([
    [101, 'auto'],
    ['150%', 'auto'],
    [-5, 'auto'],
    ['-5%', 'auto'],
    ['about a third', 'auto'],
    ['10-20%', 'auto'],
    ['<5%', 'auto'],
    [35, 'fraction'],
    [true, 'auto'],
    [new Date(Date.UTC(2024, 0, 1)), 'auto'],
  ])('rejects %p (%s)', (value, scale) => {
    const result = normalisePercentage(value, scale);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.expected).toContain(PERCENT_EXPECTED);
  });

  it('refuses to guess whether a bare 1 means 1% or 100%', () => {
    expect(normalisePercentage(1)).toEqual({
      ok: false,
      expected: `${PERCENT_EXPECTED}; 1 is ambiguous: write 1% or 100%`,
    });
  });

  it('always lands within 0..100 when it accepts a number', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1000, max: 1000 }),
        fc.constantFrom<PercentScale>('auto', 'percent', 'fraction'),
        (value, scale) => {
          const result = normalisePercentage(value, scale);
          if (result.ok && result.value !== undefined) {
            expect(result.value).toBeGreaterThanOrEqual(0);
            expect(result.value).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});

describe(inferPercentScale.name, () => {
  it.each<[string, CellValue[], PercentScale]>([
    ['a column of fractions', [0.35, 1, 0.2, null], 'fraction'],
    ['fractions written as text', ['0.35', '1', '0,2'], 'fraction'],
    ['whole percentages', [35, 1, 20], 'percent'],
    ['one value above 1', [0.5, 0.2, 40], 'percent'],
    ['only zeros and ones', [0, 1, 1, 0], 'auto'],
    ['text with % signs only', ['35%', '1%'], 'auto'],
    ['% signs next to fractions', ['35%', 0.4, 1], 'fraction'],
    ['an empty column', [null, '', 'n/a'], 'auto'],
  ])('sees %s as %s', (_scenario, values, expected) => {
    expect(inferPercentScale(values)).toBe(expected);
  });
});

describe(normaliseMoney.name, () => {
  it.each<[CellValue, { amount: number; currency?: string } | undefined]>([
    [1250000, { amount: 1250000 }],
    [0, { amount: 0 }],
    ['1250000', { amount: 1250000 }],
    ['1,250,000', { amount: 1250000 }],
    ['1.250.000', { amount: 1250000 }],
    ['1.250.000,00', { amount: 1250000 }],
    ['1 250 000', { amount: 1250000 }],
    ['$1,250', { amount: 1250, currency: 'USD' }],
    ['US$ 1,250.50', { amount: 1250.5, currency: 'USD' }],
    ['€ 1.250,00', { amount: 1250, currency: 'EUR' }],
    ['1.250,00 €', { amount: 1250, currency: 'EUR' }],
    ['£12,000', { amount: 12000, currency: 'GBP' }],
    ['EUR 1.2m', { amount: 1200000, currency: 'EUR' }],
    ['1,250 USD', { amount: 1250, currency: 'USD' }],
    ['usd 99', { amount: 99, currency: 'USD' }],
    ['RMB 500,000', { amount: 500000, currency: 'CNY' }],
    ['₫ 2.000.000', { amount: 2000000, currency: 'VND' }],
    ['1.25m', { amount: 1250000 }],
    ['12k', { amount: 12000 }],
    ['3 bn', { amount: 3000000000 }],
    ['2.5 million', { amount: 2500000 }],
    ['1.5 M USD', { amount: 1500000, currency: 'USD' }],
    [null, undefined],
    ['', undefined],
  ])('reads %p as %p', (value, expected) => {
    expect(normaliseMoney(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue]>([
    [-100],
    ['-100'],
    ['-$100'],
    ['(1,250)'],
    ['lots'],
    ['USD EUR 100'],
    ['100 ABC'],
    [true],
    [new Date(Date.UTC(2024, 0, 1))],
  ])('rejects %p', (value) => {
    const result = normaliseMoney(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.expected).toContain(MONEY_EXPECTED);
  });

  it('rejects a symbol shared by several currencies, naming the choices', () => {
    expect(normaliseMoney('¥ 100,000')).toEqual({
      ok: false,
      expected: expect.stringContaining('CNY (yuan) or JPY (yen)'),
    });
  });
});
