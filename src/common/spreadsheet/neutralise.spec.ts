import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { cleanText } from '../../imports/domain/normalise-text.js';
import {
  TEXT_FORMAT,
  isFormulaLike,
  neutraliseCell,
  neutraliseCsvField,
  type WritableCell,
} from './neutralise.js';

const FORMULA_LIKE = [
  '=HYPERLINK("http://evil.example","click")',
  '=1+1',
  '+44 20 7946 0000',
  '-5',
  "-cmd|' /C calc'!A0",
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '＋1',
];
const HARMLESS = ['Saigon Garment', ' =1+1', 'a=b', "'=already quoted", '', '1-2', 'email@example.com'];

describe(isFormulaLike.name, () => {
  it.each(FORMULA_LIKE)('flags %j', (text) => {
    expect(isFormulaLike(text)).toBe(true);
  });

  it.each(HARMLESS)('does not flag %j', (text) => {
    expect(isFormulaLike(text)).toBe(false);
  });
});

describe(neutraliseCsvField.name, () => {
  it.each(FORMULA_LIKE)('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseCsvField(text)).toBe(`'${text}`);
  });

  it.each(HARMLESS)('leaves %j alone', (text) => {
    expect(neutraliseCsvField(text)).toBe(text);
  });
});

describe(neutraliseCell.name, () => {
  describe('on a value', () => {
    it.each(FORMULA_LIKE)('prefixes %j', (text) => {
      expect(neutraliseCell(text)).toBe(`'${text}`);
    });

    it.each([[-5], [0], [true], [null], [undefined], [new Date(Date.UTC(2024, 0, 1))]])(
      'passes the non-text value %p unchanged',
      (value) => {
        expect(neutraliseCell(value)).toBe(value);
      },
    );

    it('never returns text a spreadsheet could run as a formula', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          expect(isFormulaLike(String(neutraliseCell(text)))).toBe(false);
        }),
      );
    });

    it('is undone by the import, so a fixed file re-uploads with its original text', () => {
      fc.assert(
        fc.property(fc.string(), (text) => {
          expect(cleanText(String(neutraliseCell(text)))).toBe(cleanText(text));
        }),
      );
    });
  });

  describe('on a cell', () => {
    const makeCell = (): WritableCell => ({ value: null, numFmt: 'General' });

    it.each(FORMULA_LIKE)('stores %j unchanged as text', (text) => {
      const cell = makeCell();
      neutraliseCell(cell, text);
      expect(cell).toEqual({ value: text, numFmt: TEXT_FORMAT });
    });

    it.each<[string | number | null | undefined, unknown]>([
      ['Saigon Garment', 'Saigon Garment'],
      [-5, -5],
      [null, null],
      [undefined, null],
    ])('writes %p without touching the format', (value, stored) => {
      const cell = makeCell();
      neutraliseCell(cell, value);
      expect(cell).toEqual({ value: stored, numFmt: 'General' });
    });

    it('produces a workbook that reads back as text, with no formula', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Data');
      FORMULA_LIKE.forEach((text, index) => neutraliseCell(sheet.getCell(index + 1, 1), text));
      const buffer = await workbook.xlsx.writeBuffer();

      const readBack = new ExcelJS.Workbook();
      await readBack.xlsx.load(buffer);
      const cells = FORMULA_LIKE.map((_, index) => readBack.getWorksheet('Data')!.getCell(index + 1, 1));
      // XML end-of-line handling turns a carriage return into a line feed; Excel reads it the same way.
      expect(cells.map((cell) => cell.value)).toEqual(FORMULA_LIKE.map((text) => text.replace(/\r/g, '\n')));
      expect(cells.map((cell) => cell.type)).toEqual(FORMULA_LIKE.map(() => ExcelJS.ValueType.String));
      expect(cells.map((cell) => cell.numFmt)).toEqual(FORMULA_LIKE.map(() => TEXT_FORMAT));
    });
  });
});
