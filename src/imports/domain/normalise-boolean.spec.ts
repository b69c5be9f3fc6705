import { describe, expect, it } from '@jest/globals';
import type { CellValue } from './cell-value.js';
import { YES_NO_EXPECTED, normaliseYesNo } from './normalise-boolean.js';

describe(normaliseYesNo.name, () => {
  it.each<[CellValue]>([
    ['yes'],
    ['Yes'],
    ['YES'],
    [' y '],
    ['Y'],
    ['true'],
    ['TRUE'],
    ['t'],
    ['1'],
    [1],
    [true],
    ['x'],
    ['X'],
    ['✓'],
    ['✔'],
    ['✔️'],
    ['☑'],
    ['Yes.'],
    ['Yes - reported'],
    ['yes – 3 cases found in 2023 audit'],
    ['Yes: passports kept by the agent'],
    ['yes (see audit)'],
    ['Yes, 12 workers'],
    ['Reported'],
    ['confirmed'],
  ])('reads %p as yes', (value) => {
    expect(normaliseYesNo(value)).toEqual({ ok: true, value: true });
  });

  it.each<[CellValue]>([
    ['no'],
    ['No'],
    ['NO'],
    ['n'],
    ['N'],
    ['false'],
    ['FALSE'],
    ['f'],
    ['0'],
    [0],
    [false],
    ['✗'],
    ['✘'],
    ['None'],
    ['not reported'],
    ['No (audit 2023)'],
    ['no - checked by auditor'],
    ['No.'],
  ])('reads %p as no', (value) => {
    expect(normaliseYesNo(value)).toEqual({ ok: true, value: false });
  });

  // Unknown is never "no": a missing answer must not lower a risk score.
  it.each<[CellValue]>([
    [null],
    [''],
    ['   '],
    ['\u00A0'],
    ['unknown'],
    ['Unknown'],
    ['UNK'],
    ['n/a'],
    ['N/A'],
    ['NA'],
    ['n.a.'],
    ['not applicable'],
    ['Not known'],
    ["Don't know"],
    ['don’t know'],
    ['no data'],
    ['No information'],
    ['not assessed'],
    ['TBC'],
    ['pending'],
    ['?'],
    ['-'],
    ['—'],
    ['Unknown - ask supplier'],
  ])('reads %p as unknown', (value) => {
    expect(normaliseYesNo(value)).toEqual({ ok: true, value: undefined });
  });

  it.each<[CellValue]>([
    ['maybe'],
    ['sometimes'],
    ['yes/no'],
    ['yess'],
    ['nope'],
    ['2'],
    [2],
    [-1],
    [0.5],
    ['yes reported'],
    ['the agent keeps them'],
    [new Date(Date.UTC(2024, 0, 1))],
  ])('rejects %p, saying yes or no is expected', (value) => {
    expect(normaliseYesNo(value)).toEqual({ ok: false, expected: YES_NO_EXPECTED });
  });

  it('explains the accepted answers in plain words', () => {
    expect(YES_NO_EXPECTED).toMatch(/^yes or no/);
    expect(YES_NO_EXPECTED).toContain('unknown');
  });
});
