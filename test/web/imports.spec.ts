import { describe, expect, it } from '@jest/globals';
import type { ImportBatch, RejectedRow, RowError, SourceList } from '../../web/src/api/types.js';
import {
  columnLetter,
  findSourceList,
  importOutcome,
  importProgress,
  isFinished,
  mappingRows,
  pollDelay,
  rejectedRowLines,
  rejectedRowsNote,
  rowOutcomeLabel,
  rowProblems,
  rowsNotImported,
  sourceListKey,
  sourceListOption,
  sourceListStatus,
} from '../../web/src/lib/imports.js';

function makeBatch(overrides: Partial<ImportBatch> = {}): ImportBatch {
  return {
    id: '3f1c2b9e-8a7d-4c6b-9e5f-0a1b2c3d4e5f',
    status: 'completed',
    fileName: 'suppliers.xlsx',
    fileSha256: 'a'.repeat(64),
    format: 'xlsx',
    sheetName: 'Suppliers',
    headerRow: 1,
    columns: [],
    notes: [],
    progress: { rowsRead: 0, rowsTotal: null },
    counts: { read: 0, imported: 0, updated: 0, unchanged: 0, rejected: 0, duplicates: 0, withWarnings: 0 },
    sourceList: { id: 'list-1', name: 'Vendor Master' },
    changes: null,
    ruleSetHash: null,
    failure: null,
    createdAt: '2025-06-10T12:00:00Z',
    finishedAt: null,
    links: { self: '/imports/x', errors: '/imports/x/errors.xlsx' },
    ...overrides,
  };
}

describe(isFinished.name, () => {
  it('is finished once completed or failed', () => {
    expect(isFinished('completed')).toBe(true);
    expect(isFinished('failed')).toBe(true);
    expect(isFinished('processing')).toBe(false);
    expect(isFinished('queued')).toBe(false);
  });
});

describe(pollDelay.name, () => {
  it('asks quickly at first and at most every 3 seconds', () => {
    expect(pollDelay(0)).toBe(500);
    expect(pollDelay(1)).toBe(750);
    expect(pollDelay(20)).toBe(3000);
  });
});

describe(importProgress.name, () => {
  it('gives a fraction once the total is known', () => {
    expect(
      importProgress(makeBatch({ status: 'processing', progress: { rowsRead: 2500, rowsTotal: 10000 } })),
    ).toEqual({
      fraction: 0.25,
      text: 'Reading rows: 2,500 of 10,000 (25%)',
    });
  });

  it('counts rows without a fraction while the total is unknown', () => {
    expect(
      importProgress(makeBatch({ status: 'processing', progress: { rowsRead: 1200, rowsTotal: null } })),
    ).toEqual({
      fraction: null,
      text: 'Reading rows: 1,200 so far',
    });
  });

  it('says a queued import waits', () => {
    expect(importProgress(makeBatch({ status: 'queued' })).text).toBe('Waiting to start');
  });
});

describe(columnLetter.name, () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %p %p', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe(mappingRows.name, () => {
  const columns = [
    { index: 0, header: 'Vendor ID', field: 'externalRef' },
    { index: 1, header: 'Buyer contact', field: null },
    { index: 2, header: '', field: null },
  ];

  it('names xlsx columns by letter and says which were kept as extra attributes', () => {
    expect(mappingRows(columns, 'xlsx')).toEqual([
      { column: 'A', header: 'Vendor ID', target: 'Supplier ID', mapped: true },
      { column: 'B', header: 'Buyer contact', target: 'kept as an extra attribute', mapped: false },
      { column: 'C', header: '(no header)', target: 'kept as an extra attribute', mapped: false },
    ]);
  });

  it('numbers csv columns from 1', () => {
    expect(mappingRows(columns, 'csv').map((row) => row.column)).toEqual(['1', '2', '3']);
  });

  it('has no rows before the header row is known', () => {
    expect(mappingRows(null, 'xlsx')).toEqual([]);
  });
});

describe(importOutcome.name, () => {
  it('lists the non-zero counts', () => {
    const batch = makeBatch({
      counts: {
        read: 51,
        imported: 48,
        updated: 2,
        unchanged: 0,
        rejected: 1,
        duplicates: 0,
        withWarnings: 3,
      },
    });
    expect(importOutcome(batch)).toBe('48 new, 2 updated, 3 with warnings, 1 rejected');
  });

  it('says when the file held no supplier rows', () => {
    expect(importOutcome(makeBatch())).toBe('No supplier rows found');
  });

  it("gives a failed import's reason", () => {
    const batch = makeBatch({
      status: 'failed',
      failure: { code: 'NO_HEADER_ROW', message: 'No header row in rows 1-20.' },
    });
    expect(importOutcome(batch)).toBe('No header row in rows 1-20.');
  });
});

function makeRowError(overrides: Partial<RowError> = {}): RowError {
  return {
    column: 'Country',
    columnLetter: 'C',
    field: 'country',
    value: 'Atlantis',
    message: 'Not a country Vigil knows: use a country name or its ISO code (e.g. "MY" or "Malaysia").',
    ...overrides,
  };
}

function makeRejectedRow(overrides: Partial<RejectedRow> = {}): RejectedRow {
  return {
    rowNumber: 48,
    cells: ['S-2001', 'Nowhere Textiles', 'Atlantis'],
    outcome: 'rejected',
    errors: [makeRowError()],
    ...overrides,
  };
}

describe(rejectedRowLines.name, () => {
  const columns = [
    { index: 0, header: 'Supplier ID', field: 'externalRef' },
    { index: 1, header: 'Supplier name', field: 'name' },
    { index: 2, header: 'Country', field: 'country' },
  ];

  it('gives each reason its column letter and header, the value and what was expected', () => {
    expect(rejectedRowLines([makeRejectedRow()], columns)).toEqual([
      {
        rowNumber: 48,
        outcome: 'rejected',
        outcomeLabel: 'rejected',
        supplier: 'S-2001 · Nowhere Textiles',
        lines: [
          {
            column: 'C · Country',
            value: 'Atlantis',
            expected:
              'Not a country Vigil knows: use a country name or its ISO code (e.g. "MY" or "Malaysia").',
          },
        ],
      },
    ]);
  });

  it('keeps every reason of a row under its row number, in order', () => {
    const row = makeRejectedRow({
      rowNumber: 49,
      errors: [
        makeRowError({
          column: 'Supplier name',
          columnLetter: 'B',
          field: 'name',
          value: '',
          message: 'Required.',
        }),
        makeRowError({ message: 'Unknown country.' }),
      ],
    });
    const [lines] = rejectedRowLines([row]);
    expect(lines.rowNumber).toBe(49);
    expect(lines.lines.map((line) => [line.column, line.value, line.expected])).toEqual([
      ['B · Supplier name', '(empty)', 'Required.'],
      ['C · Country', 'Atlantis', 'Unknown country.'],
    ]);
  });

  it('names the field when the file had no header, and the whole row when there is no column', () => {
    const row = makeRejectedRow({
      errors: [
        makeRowError({ column: '', columnLetter: 'D', field: 'sector' }),
        makeRowError({
          column: '',
          columnLetter: undefined,
          field: null,
          value: 'S-1001',
          message: 'Duplicate.',
        }),
      ],
    });
    expect(rejectedRowLines([row])[0].lines.map((line) => line.column)).toEqual(['D · Sector', 'whole row']);
  });

  it('names the supplier by whichever of its ID and name the row has, or not at all without a mapping', () => {
    const row = makeRejectedRow({ cells: ['S-2002', null, 'India'] });
    expect(rejectedRowLines([row], columns)[0].supplier).toBe('S-2002');
    expect(rejectedRowLines([row])[0].supplier).toBe('');
  });

  it('still lists a row the service gave no reason for', () => {
    expect(rejectedRowLines([makeRejectedRow({ errors: [] })])[0].lines).toEqual([
      { column: 'whole row', value: '', expected: 'No reason given' },
    ]);
  });

  it('says a warning row was imported, with the cell that was left empty', () => {
    const row = makeRejectedRow({
      outcome: 'warning',
      errors: [
        makeRowError({
          column: '% Migrant workers',
          columnLetter: 'K',
          field: 'migrantWorkerPct',
          value: '110%',
          message: 'A percentage between 0 and 100; the cell was left empty.',
        }),
      ],
    });
    const [lines] = rejectedRowLines([row], columns);
    expect(lines.outcome).toBe('warning');
    expect(lines.outcomeLabel).toBe('imported with a warning');
    expect(lines.lines[0]).toMatchObject({ column: 'K · % Migrant workers', value: '110%' });
  });
});

describe(rowOutcomeLabel.name, () => {
  it.each([
    ['rejected', 'rejected'],
    ['duplicate', 'duplicate'],
    ['warning', 'imported with a warning'],
  ] as const)('calls a %p row %p', (outcome, label) => {
    expect(rowOutcomeLabel(outcome)).toBe(label);
  });
});

describe(rowProblems.name, () => {
  const counts = (rejected: number, duplicates: number, withWarnings: number) => ({
    rejected,
    duplicates,
    withWarnings,
  });

  it('has nothing to say when every row was imported cleanly', () => {
    expect(rowProblems(counts(0, 0, 0))).toBeNull();
  });

  it('counts only rejected rows and duplicates as not imported', () => {
    expect(rowsNotImported(counts(2, 1, 5))).toBe(3);
    expect(rowProblems(counts(2, 1, 5))).toEqual({
      title: 'Rows with errors and warnings',
      summary: '3 rows were not imported. 5 rows were imported with a cell left empty.',
      download: 'Download the rows with errors and warnings (xlsx)',
    });
  });

  it('speaks of errors only when no row has a warning', () => {
    expect(rowProblems(counts(1, 0, 0))).toEqual({
      title: 'Rows with errors',
      summary: '1 row was not imported.',
      download: 'Download the rows with errors (xlsx)',
    });
  });

  it('does not say rows were left out when every row was imported, some with warnings', () => {
    const said = rowProblems(counts(0, 0, 1));
    expect(said).toEqual({
      title: 'Rows with warnings',
      summary: '1 row was imported with a cell left empty.',
      download: 'Download the rows with warnings (xlsx)',
    });
    expect(said?.summary).not.toContain('not imported');
  });
});

describe(rejectedRowsNote.name, () => {
  it('says nothing when every rejected row is shown', () => {
    expect(rejectedRowsNote(2, 2)).toBeUndefined();
  });

  it('points to the workbook when only the first rows are shown', () => {
    expect(rejectedRowsNote(500, 1234)).toBe(
      'Showing 500 of 1,234 rows; download the workbook for all of them.',
    );
  });
});

function makeSourceList(overrides: Partial<SourceList> = {}): SourceList {
  return {
    id: 'list-1',
    name: 'Vendor Master',
    legacy: false,
    uploads: 3,
    sites: 1200,
    lastUploadAt: '2026-11-03T09:30:00Z',
    ...overrides,
  };
}

describe(sourceListKey.name, () => {
  it('folds case, accents and punctuation', () => {
    expect(sourceListKey('VENDOR-MASTER')).toBe('vendor master');
    expect(sourceListKey('  Vendor   master. ')).toBe('vendor master');
    expect(sourceListKey('Liste Fournisseurs Élevés')).toBe('liste fournisseurs eleves');
  });
});

describe(findSourceList.name, () => {
  const lists = [makeSourceList(), makeSourceList({ id: 'list-2', name: 'Brand facility list' })];

  it('finds the list a typed name means however it is written', () => {
    expect(findSourceList('vendor master', lists)?.id).toBe('list-1');
    expect(findSourceList('BRAND FACILITY-LIST', lists)?.id).toBe('list-2');
  });

  it('finds nothing for a new name or an empty one', () => {
    expect(findSourceList('Vendor Master EU', lists)).toBeUndefined();
    expect(findSourceList(' - ', lists)).toBeUndefined();
  });
});

describe(sourceListOption.name, () => {
  it('names the list with its uploads and sites', () => {
    expect(sourceListOption(makeSourceList())).toBe('Vendor Master · 3 uploads · 1,200 sites');
    expect(sourceListOption(makeSourceList({ uploads: 1, sites: 1 }))).toBe(
      'Vendor Master · 1 upload · 1 site',
    );
  });
});

describe(sourceListStatus.name, () => {
  const lists = [makeSourceList()];

  it('says an upload to a known list is its next upload, with the date of the last one', () => {
    expect(sourceListStatus('vendor master', lists)).toBe(
      'Next upload of the list “Vendor Master”, last uploaded 3 Nov 2026.',
    );
  });

  it('says a known list without an upload has none yet', () => {
    expect(sourceListStatus('Vendor Master', [makeSourceList({ lastUploadAt: null })])).toBe(
      'Next upload of the list “Vendor Master”, no upload yet.',
    );
  });

  it('says a name no list has starts a new list', () => {
    expect(sourceListStatus(' Brand facility list ', lists)).toBe(
      'A new list: “Brand facility list” is created with this upload.',
    );
  });

  it('says the service proposes a list when none is named', () => {
    expect(sourceListStatus('  ', lists)).toBe('No list named: Vigil proposes one from the file name.');
  });
});
