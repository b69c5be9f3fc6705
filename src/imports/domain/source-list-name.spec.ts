import { describe, expect, it } from '@jest/globals';
import { proposeListName, sourceListKey } from './source-list-name.js';

describe(proposeListName.name, () => {
  it.each([
    ['Vendor_Master_2024-03.xlsx', 'Vendor Master'],
    ['Vendor Master 2024-04-30.xlsx', 'Vendor Master'],
    ['vendor master v2 FINAL (1).csv', 'vendor master'],
    ['Supplier List - March 2025.xlsx', 'Supplier List'],
    ['BrandX_Factory_List_Q3_2024_v1.2.xlsx', 'BrandX Factory List'],
    ['Manufacturing Map 20241101.xlsx', 'Manufacturing Map'],
    ['Lieferantenliste_01.03.2024_neu.xlsx', 'Lieferantenliste'],
    ['OSH export.csv', 'OSH'],
    ['2024-03.xlsx', 'Supplier list'],
  ])('proposes %s as the list "%s"', (file, list) => {
    expect(proposeListName(file)).toBe(list);
  });

  it('gives next month’s file of a list the key of the list', () => {
    expect(sourceListKey(proposeListName('Vendor_Master_2024-03.xlsx'))).toBe(
      sourceListKey(proposeListName('VENDOR MASTER 2024-04 (2).xlsx')),
    );
  });
});

describe(sourceListKey.name, () => {
  it('folds case, accents and punctuation', () => {
    expect(sourceListKey('Fournisseurs – Échantillon')).toBe('fournisseurs echantillon');
    expect(sourceListKey('Vendor-Master')).toBe(sourceListKey('vendor master'));
  });
});
