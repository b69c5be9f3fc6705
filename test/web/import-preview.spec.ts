import { describe, expect, it } from '@jest/globals';
import type { ImportPreview, PreviewColumn } from '../../web/src/api/types.js';
import {
  blockingProblems,
  columnChoice,
  EXTRA_ATTRIBUTE,
  fieldOptions,
  isChanged,
  mappedByText,
  mappingFor,
  possibleDuplicatesText,
  previewChoice,
  previewWhere,
  sampleIssueOutcome,
  samplePairs,
  sampleSummary,
} from '../../web/src/lib/imports.js';

function makeColumn(overrides: Partial<PreviewColumn> = {}): PreviewColumn {
  return {
    index: 0,
    letter: 'A',
    header: 'Factory Name',
    field: 'name',
    mappedBy: 'header',
    annotation: false,
    samples: [],
    normalised: [],
    ...overrides,
  };
}

// The German plant list of test/imports/preview.e2e-spec.ts: its name column's header is the company's own.
const WERKE: PreviewColumn[] = [
  makeColumn({ index: 0, letter: 'A', header: 'Betriebsstätte', field: null, mappedBy: null }),
  makeColumn({ index: 1, letter: 'B', header: 'Anschrift', field: 'address' }),
  makeColumn({ index: 2, letter: 'C', header: 'Ort', field: 'city' }),
  makeColumn({ index: 3, letter: 'D', header: 'Land', field: 'country' }),
  makeColumn({ index: 4, letter: 'E', header: 'Mitarbeiter', field: 'workerCount' }),
];

describe(mappingFor.name, () => {
  it('sends nothing while the officer has changed nothing', () => {
    expect(mappingFor(WERKE, {})).toBeUndefined();
  });

  it('sends nothing when a choice was set back to what Vigil read', () => {
    expect(mappingFor(WERKE, { Ort: 'city', Betriebsstätte: EXTRA_ATTRIBUTE })).toBeUndefined();
  });

  it('names every column once one is changed, as a mapping sent replaces the one saved with the list', () => {
    expect(JSON.parse(mappingFor(WERKE, { Betriebsstätte: 'name' }) ?? '')).toEqual({
      Betriebsstätte: 'name',
      Anschrift: 'address',
      Ort: 'city',
      Land: 'country',
      Mitarbeiter: 'workerCount',
    });
  });

  it('sends a column kept as an extra attribute as "ignore", which the service keeps as an extra attribute', () => {
    const mapping = JSON.parse(mappingFor(WERKE, { Mitarbeiter: EXTRA_ATTRIBUTE }) ?? '');
    expect(mapping).toMatchObject({ Mitarbeiter: 'ignore', Betriebsstätte: 'ignore', Land: 'country' });
  });

  it('keeps a column the list saved as it is when another one changes', () => {
    const columns = [
      makeColumn({ header: 'Lieferant', field: 'name', mappedBy: 'list' }),
      makeColumn({ index: 1, letter: 'B', header: 'Staat', field: null, mappedBy: null }),
    ];
    expect(JSON.parse(mappingFor(columns, { Staat: 'country' }) ?? '')).toEqual({
      Lieferant: 'name',
      Staat: 'country',
    });
  });

  it('leaves out the notes Vigil’s error workbook adds, which the service skips', () => {
    const columns = [
      ...WERKE,
      makeColumn({ index: 5, letter: 'F', header: 'Errors found by Vigil', field: null, annotation: true }),
    ];
    expect(Object.keys(JSON.parse(mappingFor(columns, { Betriebsstätte: 'name' }) ?? ''))).not.toContain(
      'Errors found by Vigil',
    );
  });

  it('names a header two columns share once, with the first column’s choice', () => {
    const columns = [
      makeColumn({ header: 'Name', field: 'name' }),
      makeColumn({ index: 1, letter: 'B', header: 'Name', field: null, mappedBy: null }),
      makeColumn({ index: 2, letter: 'C', header: 'Land', field: null, mappedBy: null }),
    ];
    expect(JSON.parse(mappingFor(columns, { Land: 'country' }) ?? '')).toEqual({
      Name: 'name',
      Land: 'country',
    });
  });
});

describe(columnChoice.name, () => {
  it('is the officer’s choice, else what Vigil read (an unknown column is an extra attribute)', () => {
    const [betrieb, anschrift] = WERKE;
    expect(previewChoice(betrieb)).toBe(EXTRA_ATTRIBUTE);
    expect(columnChoice(betrieb, {})).toBe(EXTRA_ATTRIBUTE);
    expect(columnChoice(betrieb, { Betriebsstätte: 'name' })).toBe('name');
    expect(columnChoice(anschrift, { Betriebsstätte: 'name' })).toBe('address');
    expect(isChanged(betrieb, { Betriebsstätte: 'name' })).toBe(true);
    expect(isChanged(anschrift, { Anschrift: 'address' })).toBe(false);
  });

  it('does not take a choice from an inherited property name', () => {
    expect(columnChoice(makeColumn({ header: 'constructor', field: null }), {})).toBe(EXTRA_ATTRIBUTE);
  });
});

describe(fieldOptions.name, () => {
  it('offers every field by its label, then keeping the column as an extra attribute', () => {
    expect(
      fieldOptions([
        { field: 'name', label: 'Supplier name' },
        { field: 'country', label: 'Country' },
      ]),
    ).toEqual([
      { value: 'name', label: 'Supplier name' },
      { value: 'country', label: 'Country' },
      { value: 'ignore', label: 'Keep as extra attribute (no field)' },
    ]);
  });
});

describe(mappedByText.name, () => {
  it.each<[Partial<PreviewColumn>, string]>([
    [{ mappedBy: 'header' }, 'recognised header'],
    [{ mappedBy: 'list' }, 'saved with this list'],
    [{ mappedBy: 'profile' }, 'saved mapping profile'],
    [{ mappedBy: 'request' }, 'your choice'],
    [{ mappedBy: null, field: null }, 'header not recognised'],
    [{ annotation: true, field: null, mappedBy: null }, 'Vigil’s own note from an error workbook: skipped'],
  ])('says how %p was chosen', (overrides, text) => {
    expect(mappedByText(makeColumn(overrides), {})).toBe(text);
  });

  it('says "your choice" once the officer changed the column', () => {
    expect(mappedByText(WERKE[0], { Betriebsstätte: 'name' })).toBe('your choice');
    expect(mappedByText(WERKE[1], { Anschrift: EXTRA_ATTRIBUTE })).toBe('your choice');
  });
});

describe(samplePairs.name, () => {
  it('puts each first value beside what the import makes of it', () => {
    expect(samplePairs(makeColumn({ samples: ['5%', '110%'], normalised: ['5', ''] }))).toEqual([
      { value: '5%', read: '5' },
      { value: '110%', read: '' },
    ]);
  });

  it('reads a missing normalised value as left empty', () => {
    expect(samplePairs(makeColumn({ samples: ['Sri Lanka'], normalised: [] }))).toEqual([
      { value: 'Sri Lanka', read: '' },
    ]);
  });
});

describe(blockingProblems.name, () => {
  it('keeps the errors, which stop the import, and leaves the warnings', () => {
    const problems: ImportPreview['problems'] = [
      { severity: 'warning', message: 'Two columns map to Name' },
      { severity: 'error', message: 'No column holds the supplier name' },
    ];
    expect(blockingProblems({ problems })).toEqual([problems[1]]);
    expect(blockingProblems({ problems: [problems[0]] })).toEqual([]);
  });
});

describe(previewWhere.name, () => {
  it('names the sheet, the other sheets when there are several, and the header row', () => {
    expect(previewWhere({ sheetName: 'Suppliers', sheetNames: ['Suppliers'], headerRow: 3 })).toBe(
      'Sheet “Suppliers” · header row 3',
    );
    expect(previewWhere({ sheetName: 'Plants', sheetNames: ['Notes', 'Plants'], headerRow: 1 })).toBe(
      'Sheet “Plants” (of 2: Notes, Plants) · header row 1',
    );
  });

  it('names only the header row of a csv file', () => {
    expect(previewWhere({ sheetName: null, sheetNames: [], headerRow: 1 })).toBe('header row 1');
  });
});

describe(sampleSummary.name, () => {
  it('says how the first rows would fare', () => {
    expect(sampleSummary({ rows: 20, rejected: 2, withWarnings: 1, issues: [] })).toBe(
      'The first 20 rows: 2 would be rejected, 1 imported with a cell left empty.',
    );
    expect(sampleSummary({ rows: 1, rejected: 0, withWarnings: 0, issues: [] })).toBe(
      'The first row: all would be imported as they are.',
    );
    expect(sampleSummary({ rows: 0, rejected: 0, withWarnings: 0, issues: [] })).toBe(
      'No supplier rows were found below the header.',
    );
  });

  it('says what becomes of a row with an error and one with a warning', () => {
    expect(sampleIssueOutcome('error')).toBe('row rejected');
    expect(sampleIssueOutcome('warning')).toBe('imported, cell left empty');
  });
});

describe(possibleDuplicatesText.name, () => {
  const changes = (possibleDuplicates?: number) => ({
    created: 3,
    updated: [],
    noLongerListed: [],
    ...(possibleDuplicates === undefined ? {} : { possibleDuplicates }),
  });

  it('counts the new sites that may be known ones', () => {
    expect(possibleDuplicatesText(changes(1))).toBe('1 new site may be a duplicate of a known site');
    expect(possibleDuplicatesText(changes(1200))).toBe('1,200 new sites may be duplicates of known sites');
  });

  it('says nothing when the upload raised no question, or an older import did not count them', () => {
    expect(possibleDuplicatesText(changes(0))).toBeUndefined();
    expect(possibleDuplicatesText(changes())).toBeUndefined();
    expect(possibleDuplicatesText(null)).toBeUndefined();
  });
});
