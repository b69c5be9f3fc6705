import { describe, expect, it } from '@jest/globals';
import {
  errorCode,
  errorMessage,
  issueLocation,
  listEditionIssues,
  readCookie,
  ruleIssues,
} from '../../web/src/lib/api-errors.js';

describe(errorMessage.name, () => {
  it("shows the API's own message", () => {
    const body = { statusCode: 400, code: 'NO_HEADER_ROW', message: 'Row 1 to 20 hold no column headers.' };
    expect(errorMessage(400, body)).toBe('Row 1 to 20 hold no column headers.');
    expect(errorCode(body)).toBe('NO_HEADER_ROW');
  });

  it('explains a status when the answer has no message', () => {
    expect(errorMessage(403, undefined)).toMatch(/role/);
    expect(errorMessage(0, undefined)).toMatch(/does not answer/);
    expect(errorMessage(418, { message: '' })).toBe('The service answered with an error (HTTP 418).');
  });
});

describe(ruleIssues.name, () => {
  it('reads the issues of a RULESET_INVALID answer', () => {
    const details = {
      issues: [
        { file: 'ruleset.yaml', line: 14, field: 'thresholds.high', message: 'must be above medium' },
        {
          file: 'indicators/workforce.yaml',
          indicatorId: 'workforce.migrant-share',
          message: 'bands overlap',
        },
      ],
    };
    expect(ruleIssues(details)).toEqual([
      { file: 'ruleset.yaml', line: 14, field: 'thresholds.high', message: 'must be above medium' },
      { file: 'indicators/workforce.yaml', indicatorId: 'workforce.migrant-share', message: 'bands overlap' },
    ]);
  });

  it('skips malformed entries and anything that is not an issue list', () => {
    expect(ruleIssues({ issues: [{ file: 'x.yaml' }, 'oops', { message: 'kept' }] })).toEqual([
      { file: '', message: 'kept' },
    ]);
    expect(ruleIssues(['a'])).toEqual([]);
    expect(ruleIssues(undefined)).toEqual([]);
  });
});

describe(listEditionIssues.name, () => {
  it('reads every refused line of a LIST_EDITION_INVALID answer', () => {
    const details = {
      issues: [
        {
          file: 'uflpa-december.csv',
          line: 3,
          column: 'section',
          message: 'section must be one the law names (2(d)(2)(B)(i), (ii), (iv) or (v)).',
        },
        { file: 'uflpa-december.csv', line: 3, column: 'effective_date', message: 'must be a date.' },
        { file: '(none)', message: 'Attach the list as the form field "file".' },
      ],
    };
    expect(listEditionIssues(details)).toEqual(details.issues);
  });

  it('skips malformed entries and anything that is not an issue list', () => {
    expect(listEditionIssues({ issues: [{ line: 2 }, 7, { message: 'kept', line: '2' }] })).toEqual([
      { file: '', message: 'kept' },
    ]);
    expect(listEditionIssues(null)).toEqual([]);
    expect(listEditionIssues({ issues: 'none' })).toEqual([]);
  });
});

describe(issueLocation.name, () => {
  it('names the file, line, indicator and field it knows', () => {
    expect(issueLocation({ file: 'ruleset.yaml', line: 3, field: 'thresholds', message: '' })).toBe(
      'ruleset.yaml, line 3, field thresholds',
    );
    expect(issueLocation({ file: '', indicatorId: 'country.tip', message: '' })).toBe(
      'rule set, indicator country.tip',
    );
  });
});

describe(readCookie.name, () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; vigil_csrf=abc%3D%3D; b=2', 'vigil_csrf')).toBe('abc==');
  });

  it('does not confuse a cookie whose name ends the same', () => {
    expect(readCookie('not_vigil_csrf=x', 'vigil_csrf')).toBeUndefined();
    expect(readCookie('', 'vigil_csrf')).toBeUndefined();
  });
});
