import { describe, expect, it } from '@jest/globals';
import { addressKey, nameMatchKey, rowKeys, siteEvidence, siteKey } from './site-key.js';

describe(siteKey.name, () => {
  it('gives one key to the same site written with other legal forms, cases and abbreviations', () => {
    const a = siteKey({
      name: 'Shenzhou Knitting Co., Ltd.',
      country: 'CN',
      address: 'No. 18 Industrial Rd.',
      city: 'Ningbo',
    });
    const b = siteKey({
      name: 'SHENZHOU KNITTING CO LTD',
      country: 'CN',
      address: '18 INDUSTRIAL ROAD',
      city: 'NINGBO',
    });
    expect(a).toBe(b);
  });

  it('keeps apart the sites of one group that share a name at different addresses', () => {
    const plant1 = siteKey({
      name: 'PT Eratex Djaja',
      country: 'ID',
      address: 'Jl. Soekarno Hatta 23',
      city: 'Probolinggo',
    });
    const plant2 = siteKey({
      name: 'PT Eratex Djaja',
      country: 'ID',
      address: 'Jl. Raya Randuagung 61',
      city: 'Probolinggo',
    });
    expect(plant1).not.toBe(plant2);
  });

  it('uses the postal code when there is no city', () => {
    expect(siteKey({ name: 'A', country: 'DE', postalCode: '10115' })).not.toBe(
      siteKey({ name: 'A', country: 'DE', postalCode: '80331' }),
    );
  });
});

describe(addressKey.name, () => {
  it('reads address words that are also names of object properties as words', () => {
    expect(addressKey('12 Constructor Road')).toBe('12 constructor road');
    expect(addressKey('1 toString St., Hasownproperty Ave')).toBe('1 tostring street hasownproperty avenue');
  });

  it('folds accents and German street words', () => {
    expect(addressKey('Hauptstraße 5')).toBe(addressKey('HAUPTSTRASSE 5'));
    expect(addressKey('Lot 5, Ind. Estate')).toBe('lot 5 industrial estate');
  });
});

describe(siteEvidence.name, () => {
  it('says what a site key rests on', () => {
    expect(siteEvidence({ name: 'A', country: 'BD', address: 'Plot 3, DEPZ' })).toBe('address');
    expect(siteEvidence({ name: 'A', country: 'BD', city: 'Gazipur' })).toBe('city');
    expect(siteEvidence({ name: 'A', country: 'BD' })).toBe('country');
  });
});

describe('address abbreviations in real lists', () => {
  it.each([
    ['S.F. No. 245, Avinashi Road', 'sf 245 avinashi road'],
    ['Rua Nova, n.º 60', 'rua nova 60'],
    ['Jl. Raya Bogor KM 29', 'jalan raya bogor km 29'],
    ['Organize Sanayi Bölgesi 3. Cad. No: 7', 'organize sanayi bolgesi 3 caddesi 7'],
    ['OSB 3. Cd. No 7', 'organize sanayi bolgesi 3 caddesi 7'],
    ['Phase II, SIPCOT', 'phase 2 sipcot'],
  ])('folds "%s"', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe(nameMatchKey.name, () => {
  it('gives names written with other spacing, plurals and legal forms one candidate key', () => {
    expect(nameMatchKey('Sun Kyoung Garment (Cambodia) Co., Ltd.')).toBe(
      nameMatchKey('SUNKYOUNG GARMENT CAMBODIA CO LTD'),
    );
    expect(nameMatchKey('Meghna Sweaters Ltd.')).toBe(nameMatchKey('Meghna Sweater Ltd'));
    expect(nameMatchKey('Padma Poly Cotton Knit Fabrics Ltd.')).toBe(
      nameMatchKey('Padma Polycotton Knit Fabrics Limited'),
    );
  });

  it('keeps different names apart', () => {
    expect(nameMatchKey('Meghna Sweaters')).not.toBe(nameMatchKey('Meghna Knitwear'));
    // A word ending in "ss" is not a plural.
    expect(nameMatchKey('Glass Works')).toBe('glasswork');
  });
});

describe(rowKeys.name, () => {
  it('gives the same keys as siteKey and nameMatchKey', () => {
    const site = {
      name: 'PT. Mulia Knitting Factories',
      country: 'ID',
      address: 'Jl. Raya 5',
      city: 'Bandung',
    };
    expect(rowKeys(site)).toEqual({ siteKey: siteKey(site), nameMatchKey: nameMatchKey(site.name) });
  });
});
