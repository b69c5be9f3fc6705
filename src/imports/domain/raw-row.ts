import type { CellValue } from './cell-value.js';

/** One non-blank row as read from the file, before any mapping. */
export interface RawRow {
  /** 1-based row number as the user sees it in Excel (blank rows above still count). */
  rowNumber: number;
  /** Cell values from column A on; empty cells are null; trailing empty cells are dropped. */
  cells: CellValue[];
}

export function isBlankCell(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Drops trailing empty cells; returns undefined when the whole row is blank. */
export function trimRow(cells: CellValue[]): CellValue[] | undefined {
  let end = cells.length;
  while (end > 0 && isBlankCell(cells[end - 1] ?? null)) {
    end--;
  }
  if (end === 0) {
    return undefined;
  }
  return end === cells.length ? cells : cells.slice(0, end);
}
