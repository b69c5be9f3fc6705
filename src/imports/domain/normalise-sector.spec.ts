import { describe, expect, it, jest } from '@jest/globals';
import type { Sector } from '../../suppliers/domain/supplier-record.js';
import type { CellValue } from './cell-value.js';
import { normaliseSector, type SectorResolver, type SectorValue } from './normalise-sector.js';

// A stand-in for the rule set's taxonomy: a few synonyms, as the real resolver would return them.
const taxonomy: Record<string, { sector: Sector; subSector?: string }> = {
  'cocoa farming': { sector: 'agriculture', subSector: 'cocoa' },
  cocoa: { sector: 'agriculture', subSector: 'cocoa' },
  'cut-make-trim': { sector: 'garments', subSector: 'cut-make-trim' },
  'pcb assembly': { sector: 'electronics', subSector: 'PCB assembly' },
  seafood: { sector: 'fishing' },
};
const makeResolver = (): SectorResolver => (raw) => taxonomy[raw.toLowerCase()];

describe(normaliseSector.name, () => {
  it.each<[CellValue, SectorValue]>([
    ['agriculture', { sector: 'agriculture' }],
    ['Agriculture', { sector: 'agriculture' }],
    ['ELECTRONICS', { sector: 'electronics' }],
    ['garments', { sector: 'garments' }],
    ['mining', { sector: 'mining' }],
    ['fishing', { sector: 'fishing' }],
    ['construction', { sector: 'construction' }],
    ['manufacturing', { sector: 'manufacturing' }],
    ['services', { sector: 'services' }],
    ['other', { sector: 'other' }],
    ['ICT', { sector: 'electronics' }],
    ['Electronics/ICT', { sector: 'electronics' }],
    ['Electronics & ICT', { sector: 'electronics' }],
    ['Textiles', { sector: 'garments' }],
    ['Garments/Textiles', { sector: 'garments' }],
    ['Apparel and footwear', { sector: 'garments' }],
    ['  garments  ', { sector: 'garments' }],
  ])('takes the canonical sector or label %p directly', (value, expected) => {
    expect(normaliseSector(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, SectorValue]>([
    ['Cocoa farming', { sector: 'agriculture', subSector: 'cocoa' }],
    ['cut-make-trim', { sector: 'garments', subSector: 'cut-make-trim' }],
    ['PCB assembly', { sector: 'electronics', subSector: 'PCB assembly' }],
    ['Seafood', { sector: 'fishing' }],
    ['Cocoa / farming', { subSector: 'Cocoa / farming' }],
  ])('asks the taxonomy about %j', (value, expected) => {
    expect(normaliseSector(value, makeResolver())).toEqual({ ok: true, value: expected });
  });

  it('prefers a canonical name to the taxonomy', () => {
    const resolver = jest.fn<SectorResolver>(() => ({ sector: 'other' }));
    expect(normaliseSector('garments', resolver)).toEqual({ ok: true, value: { sector: 'garments' } });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('counts a combined label only when all its parts agree', () => {
    expect(normaliseSector('Garments / Electronics')).toEqual({
      ok: true,
      value: { subSector: 'Garments / Electronics' },
    });
    expect(normaliseSector('Cocoa & agriculture', makeResolver())).toEqual({
      ok: true,
      value: { sector: 'agriculture' },
    });
  });

  // A compliance officer's own category is information, not a mistake: keep it and infer the sector later.
  it.each<[CellValue]>([['Toys'], ['Widgets & gadgets'], ['Logistics hub'], [42]])(
    'keeps unknown text %p as the sub-sector, without an error',
    (value) => {
      expect(normaliseSector(value, makeResolver())).toEqual({
        ok: true,
        value: { subSector: String(value) },
      });
    },
  );

  it.each<[CellValue]>([[null], [''], ['   ']])('treats %p as unknown', (value) => {
    expect(normaliseSector(value)).toEqual({ ok: true, value: undefined });
  });
});
