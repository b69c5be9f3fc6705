import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CellValue } from './cell-value.js';
import {
  cellText,
  cleanText,
  foldCaseAndAccents,
  normaliseList,
  normaliseNameKey,
  normaliseText,
} from './normalise-text.js';

describe(cleanText.name, () => {
  it.each([
    ['  Saigon   Garment  ', 'Saigon Garment'],
    ['Saigon\u00A0Garment', 'Saigon Garment'],
    ['Sai\u200Bgon\u200D Garment\uFEFF', 'Saigon Garment'],
    ['Saigon\tGarment\r\nCo', 'Saigon Garment Co'],
    ['Saigon\u0007Garment', 'Saigon Garment'],
    ['Saigon\u202FGarment\u3000Co', 'Saigon Garment Co'],
    ['soft\u00ADhyphen', 'softhyphen'],
    ['\u202Ebidi\u202C', 'bidi'],
    // NFC: "e" + combining acute becomes "é", so the same name typed two ways is stored the same.
    ['Cafe\u0301 Textiles', 'Café Textiles'],
    ["'=SUM(A1:A2)", '=SUM(A1:A2)'],
    ["'+44 20 7946 0000", '+44 20 7946 0000'],
    ["O'Brien Ltd", "O'Brien Ltd"],
    ['', ''],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = cleanText(text);
        expect(cleanText(once)).toBe(once);
      }),
    );
  });

  it('never leaves leading, trailing or doubled whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cleaned = cleanText(text);
        expect(cleaned).not.toMatch(/^\s|\s$|\s{2}/);
      }),
    );
  });
});

describe(cellText.name, () => {
  it.each<[CellValue, string]>([
    [null, ''],
    ['as is ', 'as is '],
    [1250, '1250'],
    [0.1 + 0.2, '0.3'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [new Date(Date.UTC(2024, 3, 3)), '2024-04-03'],
    [new Date(Date.UTC(2024, 3, 3, 14, 30)), '2024-04-03T14:30:00Z'],
    [new Date(Number.NaN), ''],
    [Number.NaN, ''],
  ])('shows %p as %j', (value, expected) => {
    expect(cellText(value)).toBe(expected);
  });
});

describe(normaliseText.name, () => {
  it('treats an empty or whitespace-only cell as unknown', () => {
    expect(normaliseText(null)).toEqual({ ok: true, value: undefined });
    expect(normaliseText(' \u00A0\u200B ')).toEqual({ ok: true, value: undefined });
  });

  it('turns a numeric id into text', () => {
    expect(normaliseText(10023)).toEqual({ ok: true, value: '10023' });
  });

  it('rejects text over the limit, saying how long it is', () => {
    const result = normaliseText('x'.repeat(501), 500);
    expect(result).toEqual({ ok: false, expected: 'text of at most 500 characters (this cell has 501)' });
  });

  it('accepts text exactly at the limit', () => {
    expect(normaliseText('x'.repeat(500), 500)).toEqual({ ok: true, value: 'x'.repeat(500) });
  });
});

describe(normaliseList.name, () => {
  it.each<[CellValue, string[] | undefined]>([
    ['T-shirts; polo shirts', ['T-shirts', 'polo shirts']],
    ['cocoa, coffee , tea', ['cocoa', 'coffee', 'tea']],
    ['Shrimp/Prawns', ['Shrimp', 'Prawns']],
    ['SMETA | SA8000', ['SMETA', 'SA8000']],
    ['cotton\nyarn\r\nfabric', ['cotton', 'yarn', 'fabric']],
    ['• gloves • masks', ['gloves', 'masks']],
    ['Cotton; cotton; COTTON ;Yarn', ['Cotton', 'Yarn']],
    ['nuts (cashew, almond); raisins', ['nuts (cashew, almond)', 'raisins']],
    [';; ,', undefined],
    ['', undefined],
    [null, undefined],
    [42, ['42']],
    ['  single item  ', ['single item']],
    // A placeholder for the whole cell says nothing: "N/A" is not the items "N" and "A".
    ['N/A', undefined],
    [' n/a ', undefined],
    ['-', undefined],
    ['None', undefined],
  ])('splits %j into %j', (value, expected) => {
    expect(normaliseList(value)).toEqual({ ok: true, value: expected });
  });

  it('rejects an item longer than the limit', () => {
    const result = normaliseList(`short; ${'y'.repeat(30)}`, 20);
    expect(result.ok).toBe(false);
  });

  it('never returns blank or duplicate items', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 8 }), (items) => {
        const result = normaliseList(items.join(';'));
        if (!result.ok || result.value === undefined) {
          return;
        }
        const lower = result.value.map((item) => item.toLowerCase());
        expect(new Set(lower).size).toBe(lower.length);
        expect(result.value.every((item) => item === item.trim() && item !== '')).toBe(true);
      }),
    );
  });
});

describe(foldCaseAndAccents.name, () => {
  it.each([
    ['Türkiye', 'turkiye'],
    ['ĐỒNG NAI', 'dong nai'],
    ['ＡＢＣ Textiles', 'abc textiles'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Øresund', 'oresund'],
  ])('folds %j to %j', (input, expected) => {
    expect(foldCaseAndAccents(input)).toBe(expected);
  });
});

describe(normaliseNameKey.name, () => {
  it.each([
    ['Saigon Garment Co., Ltd', 'saigon garment'],
    ['SAIGON GARMENT CO.,LTD.', 'saigon garment'],
    ['Saigon Garment Company Limited', 'saigon garment'],
    ['Saigon Garment Co.Ltd', 'saigon garment'],
    ['  saigon   garment  ', 'saigon garment'],
    ['Công ty TNHH May Mặc Sài Gòn', 'may mac sai gon'],
    ['PT Sinar Jaya Tbk', 'sinar jaya'],
    ['Penang Electronics Sdn Bhd', 'penang electronics'],
    ['Penang Electronics Sdn. Bhd.', 'penang electronics'],
    ['Acme Holdings, LLC', 'acme holdings'],
    ['Müller Textil GmbH', 'muller textil'],
    ['Müller Textil GmbH & Co. KG', 'muller textil'],
    ['Textiles del Norte S.A. de C.V.', 'textiles del norte'],
    ['Dhaka Knit Pvt. Ltd.', 'dhaka knit'],
    ['Ege Tekstil San. ve Tic. Ltd. Şti.', 'ege tekstil'],
    ['Ege Tekstil A.Ş.', 'ege tekstil'],
    ['Smith & Sons Inc.', 'smith and sons'],
    ['Smith and Sons Incorporated', 'smith and sons'],
    ['Vinatex JSC', 'vinatex'],
    ['OOO Volga Textile', 'volga textile'],
    ['深圳市华丰服装有限公司', '深圳市华丰服装'],
    ['株式会社トヨタ', 'トヨタ'],
    ["Levi's Apparel", 'levis apparel'],
    ['The Cocoa Cooperative', 'cocoa cooperative'],
  ])('keys %j as %j', (name, key) => {
    expect(normaliseNameKey(name)).toBe(key);
  });

  it('gives the same key to the spellings of one supplier', () => {
    const spellings = [
      'Saigon Garment Co., Ltd',
      'SAIGON GARMENT CO LTD',
      'Saigon  Garment Limited',
      'Saigon-Garment',
    ];
    expect(new Set(spellings.map(normaliseNameKey))).toEqual(new Set(['saigon garment']));
  });

  it('keeps a name that is only a legal form instead of emptying it', () => {
    expect(normaliseNameKey('Limited')).toBe('limited');
    expect(normaliseNameKey('Co. Ltd')).toBe('co');
  });

  it('keeps different suppliers apart', () => {
    expect(normaliseNameKey('Saigon Garment 1')).not.toBe(normaliseNameKey('Saigon Garment 2'));
    expect(normaliseNameKey('Mekong Textile Group')).not.toBe(normaliseNameKey('Mekong Textile'));
  });
});
