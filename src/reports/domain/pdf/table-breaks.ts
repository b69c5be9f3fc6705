// Where a table may break across pages, on row heights alone (no drawing), so the rules can be tested directly:
//   - a table starts on a page only with its header and its first two rows, or whole when it has at most
//     SHORT_TABLE_ROWS rows (its heading is kept with the same height);
//   - the last row never goes alone to a new page: the row before it goes with it.
// A row taller than a page is split between lines wherever it falls; nothing here applies to it.

/** A table of at most this many rows is kept whole on one page when a page holds it. */
export const SHORT_TABLE_ROWS = 3;

/** Rows that start a table, or go together onto a new page. */
export const MIN_ROWS_TOGETHER = 2;

/**
 * The height a table needs on the page it starts on: its header and first rows, as far as an empty page holds
 * them. `firstRows` are the heights of the table's first rows (up to SHORT_TABLE_ROWS), `more` says whether rows follow
 * them, `pageRoom` is the room an empty page gives rows below the header.
 */
export function tableStartNeeds(
  headerHeight: number,
  firstRows: readonly number[],
  more: boolean,
  pageRoom: number,
): number {
  const whole = !more && firstRows.length <= SHORT_TABLE_ROWS;
  const kept = whole ? firstRows : firstRows.slice(0, MIN_ROWS_TOGETHER);
  const rows = kept.reduce((sum, height) => sum + height, 0);
  // A start taller than a page cannot be kept: it begins on an empty page, which holds what it can.
  return headerHeight + Math.min(rows, pageRoom);
}

export interface RowPlace {
  /** Room left on the page below what is drawn. */
  remaining: number;
  /** Room an empty page gives rows, below the repeated header. */
  pageRoom: number;
  /** Body rows of this table already on the page. */
  rowsOnPage: number;
  /** Height of the row about to be drawn. */
  row: number;
  /** Height of the row after it, when that one is the table's last. */
  lastRow?: number;
}

/** Whether to start a new page before drawing the row: it does not fit, or it would leave the last row alone. */
export function breaksBefore(place: RowPlace): boolean {
  const { row, lastRow } = place;
  if (place.rowsOnPage === 0) {
    // Nothing of the table but its header is on the page: moving the row would leave the header alone. Only a
    // row taller than a page gets here; it is split.
    return false;
  }
  if (row > place.remaining + 0.01) {
    // A row that fits on an empty page moves whole; a taller one is split where it falls.
    return row <= place.pageRoom;
  }
  return lastRow !== undefined && row + lastRow > place.remaining + 0.01 && row + lastRow <= place.pageRoom;
}
