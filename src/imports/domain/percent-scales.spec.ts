import { describe, expect, it } from '@jest/globals';
import { mapHeaders } from './header-mapping.js';
import { percentScalesOf } from './percent-scales.js';

describe(percentScalesOf.name, () => {
  it('decides a scale for each percentage column and for no other numeric column', () => {
    const mapping = mapHeaders(['Supplier name', 'Country', '% Female workers', '% Migrant workers', 'Tier']);
    const sample = [
      { rowNumber: 2, cells: ['A', 'VN', 0.4, 35, 1] },
      { rowNumber: 3, cells: ['B', 'VN', 0.65, 1, 0.5] },
    ];

    const sut = percentScalesOf(sample, mapping);

    expect(sut).toEqual({ femaleWorkerPct: 'fraction', migrantWorkerPct: 'percent' });
  });
});
