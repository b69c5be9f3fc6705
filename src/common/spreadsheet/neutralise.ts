// Spreadsheet formula injection (CWE-1236): text starting with one of these characters can be run as a formula
// when a workbook or csv we produce is opened, edited or re-saved. Full-width forms count too: some Excel input
// locales treat them as the ASCII ones.
const FORMULA_TRIGGER = /^[=+\-@\t\r＝＋－＠]/;

/** Text number format: Excel shows the cell as typed and keeps it text even when someone edits it. */
export const TEXT_FORMAT = '@';

export type PlainCellValue = string | number | boolean | Date | null | undefined;

/** The part of an exceljs cell that neutralising writes (a structural type, so plain objects work in tests). */
export interface WritableCell {
  value: unknown;
  numFmt: string;
}

export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/** For csv and other untyped outputs: formula-like text gets an apostrophe in front (the OWASP advice). */
export function neutraliseCsvField(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/**
 * Makes a value safe for a spreadsheet.
 * - `neutraliseCell(value)`: text that could be taken for a formula is prefixed with an apostrophe (csv and other
 *   untyped outputs); numbers, booleans, dates and null pass unchanged.
 * - `neutraliseCell(cell, value)`: writes the value into an exceljs cell; formula-like text is stored as a text
 *   cell with the text number format, so it reads back byte for byte and never runs, even after editing.
 * Only plain values are accepted: a formula object can never reach a cell through here.
 * Vigil's import strips the apostrophe again, so a fixed file can be uploaded as it is.
 */
export function neutraliseCell<T extends PlainCellValue>(value: T): T | string;
export function neutraliseCell(cell: WritableCell, value: PlainCellValue): void;
export function neutraliseCell(
  ...args: [PlainCellValue] | [WritableCell, PlainCellValue]
): PlainCellValue | void {
  if (args.length === 1) {
    const [value] = args;
    return typeof value === 'string' ? neutraliseCsvField(value) : value;
  }
  const [cell, value] = args;
  cell.value = value ?? null;
  if (typeof value === 'string' && isFormulaLike(value)) {
    cell.numFmt = TEXT_FORMAT;
  }
}
