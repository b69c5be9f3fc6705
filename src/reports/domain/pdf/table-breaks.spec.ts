import { describe, expect, it } from '@jest/globals';
import { breaksBefore, MIN_ROWS_TOGETHER, SHORT_TABLE_ROWS, tableStartNeeds } from './table-breaks.js';

const HEADER = 17;
const ROOM = 700;

describe(tableStartNeeds.name, () => {
  it('keeps the header with the first two rows of a long table', () => {
    expect(tableStartNeeds(HEADER, [20, 30, 40], true, ROOM)).toBe(HEADER + 20 + 30);
  });

  it(`keeps a table of up to ${SHORT_TABLE_ROWS} rows whole`, () => {
    expect(tableStartNeeds(HEADER, [20, 30, 40], false, ROOM)).toBe(HEADER + 90);
    expect(tableStartNeeds(HEADER, [20, 30], false, ROOM)).toBe(HEADER + 50);
    expect(tableStartNeeds(HEADER, [20], false, ROOM)).toBe(HEADER + 20);
  });

  it('asks no more than an empty page holds', () => {
    expect(tableStartNeeds(HEADER, [500, 400], false, ROOM)).toBe(HEADER + ROOM);
  });

  it('needs only the header of a table without rows', () => {
    expect(tableStartNeeds(HEADER, [], false, ROOM)).toBe(HEADER);
  });
});

describe(breaksBefore.name, () => {
  const place = { remaining: 100, pageRoom: ROOM, rowsOnPage: 3, row: 30 };

  it('draws a row that fits where it is', () => {
    expect(breaksBefore(place)).toBe(false);
  });

  it('moves a row that does not fit to the next page', () => {
    expect(breaksBefore({ ...place, row: 101 })).toBe(true);
  });

  it('moves the second-to-last row with the last one when the last would go alone', () => {
    expect(breaksBefore({ ...place, row: 60, lastRow: 50 })).toBe(true);
  });

  it('leaves the second-to-last row where it is when the last one fits after it', () => {
    expect(breaksBefore({ ...place, row: 60, lastRow: 40 })).toBe(false);
  });

  it('never leaves the header alone: the first row on a page stays, split if it must be', () => {
    expect(breaksBefore({ ...place, rowsOnPage: 0, row: 900 })).toBe(false);
    expect(breaksBefore({ ...place, rowsOnPage: 0, row: 60, lastRow: 50 })).toBe(false);
  });

  it('splits a row taller than a page where it falls instead of moving it', () => {
    expect(breaksBefore({ ...place, row: ROOM + 1 })).toBe(false);
  });

  it('lets the last row go alone when it and the row before cannot share a page anyway', () => {
    expect(breaksBefore({ ...place, row: 60, lastRow: ROOM - 50 })).toBe(false);
  });

  // Pages a table of the given row heights, starting `used` points down a page, as drawTable does.
  function paginate(heights: number[], used: number): number[][] {
    const more = heights.length > SHORT_TABLE_ROWS;
    const start = tableStartNeeds(HEADER, heights.slice(0, SHORT_TABLE_ROWS), more, ROOM);
    let remaining = ROOM + HEADER - used;
    const pages: number[][] = [];
    if (start > remaining) {
      remaining = ROOM + HEADER;
    }
    remaining -= HEADER;
    let page: number[] = [];
    heights.forEach((row, index) => {
      const lastRow = index === heights.length - 2 ? heights[index + 1] : undefined;
      if (breaksBefore({ remaining, pageRoom: ROOM, rowsOnPage: page.length, row, lastRow })) {
        pages.push(page);
        page = [];
        remaining = ROOM;
      }
      page.push(index);
      remaining -= row;
    });
    pages.push(page);
    return pages;
  }

  it('never starts a page with the last row alone, nor leaves a header without two rows, wherever the table starts', () => {
    const tables = [
      [20, 20],
      [20, 20, 20],
      [20, 20, 20, 20],
      [20, 45, 20, 60, 20],
      Array.from({ length: 40 }, (_, index) => 20 + ((index * 7) % 30)),
    ];
    for (const heights of tables) {
      for (let used = 0; used <= ROOM; used += 5) {
        const pages = paginate(heights, used);
        expect(pages.flat()).toEqual(heights.map((_, index) => index));
        for (const page of pages) {
          expect(page.length).toBeGreaterThanOrEqual(Math.min(MIN_ROWS_TOGETHER, heights.length));
        }
        if (heights.length <= SHORT_TABLE_ROWS) {
          expect(pages).toHaveLength(1);
        }
      }
    }
  });
});
