import { describe, expect, it } from '@jest/globals';
import type { OpenQuestion } from '../../web/src/api/types.js';
import {
  confidenceDetail,
  confidenceLabel,
  expectedText,
  formatRange,
  priorityReasonText,
  questionRows,
  questionsSummary,
  rangeBar,
  thresholdsFor,
} from '../../web/src/lib/uncertainty.js';

const THRESHOLDS = { medium: 25, high: 50, critical: 75 };

function makeQuestion(overrides: Partial<OpenQuestion> = {}): OpenQuestion {
  return {
    indicatorId: 'recruitment.fees',
    title: 'Workers paid recruitment fees',
    fields: ['recruitmentFeesPaidByWorkers'],
    followUp: 'Ask whether workers paid recruitment fees.',
    best: 0,
    worst: 12,
    openPoints: 10,
    couldRaiseRedFlag: false,
    ...overrides,
  };
}

describe(formatRange.name, () => {
  it('joins the two ends with an en dash', () => {
    expect(formatRange({ low: 12, high: 48 })).toBe('12\u201348');
  });

  it('keeps one decimal for fractional ends', () => {
    expect(formatRange({ low: 12.25, high: 48 })).toBe('12.3\u201348');
  });

  it('shows one number when nothing is open', () => {
    expect(formatRange({ low: 30, high: 30 })).toBe('30');
  });
});

describe(confidenceLabel.name, () => {
  it.each([
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
  ] as const)('names the level %p %p', (level, label) => {
    expect(confidenceLabel(level)).toBe(label);
  });
});

describe(confidenceDetail.name, () => {
  it('gives the share as a whole percent', () => {
    expect(confidenceDetail(0.617)).toBe('62% of the points at stake decided by known facts');
  });
});

describe(thresholdsFor.name, () => {
  it('takes the active thresholds when the assessment was made with that rule set', () => {
    expect(thresholdsFor('abc', { hash: 'abc', thresholds: THRESHOLDS })).toEqual(THRESHOLDS);
  });

  it('takes none from another version or before the rule set has loaded', () => {
    expect(thresholdsFor('abc', { hash: 'def', thresholds: THRESHOLDS })).toBeUndefined();
    expect(thresholdsFor('abc', undefined)).toBeUndefined();
  });
});

describe(rangeBar.name, () => {
  it('draws the tier bands, the range and the score on the 0-100 scale', () => {
    const sut = rangeBar({ low: 12, high: 48 }, 20, THRESHOLDS);
    expect(sut.bands).toEqual([
      { tier: 'low', from: 0, width: 25 },
      { tier: 'medium', from: 25, width: 25 },
      { tier: 'high', from: 50, width: 25 },
      { tier: 'critical', from: 75, width: 25 },
    ]);
    expect(sut.ticks).toEqual([0, 25, 50, 75, 100]);
    expect(sut).toMatchObject({ from: 12, width: 36, score: 20 });
    expect(sut.label).toBe(
      'Score range 12 to 48 out of 100; assessed score 20. Tiers start at medium 25, high 50, critical 75.',
    );
  });

  it('reads as plain numbers without thresholds', () => {
    const sut = rangeBar({ low: 12, high: 48 }, 20);
    expect(sut.bands).toEqual([]);
    expect(sut.ticks).toEqual([0, 100]);
    expect(sut.label).toBe('Score range 12 to 48 out of 100; assessed score 20.');
  });

  it('keeps a score below the range where it is (unknowns add nothing to it)', () => {
    expect(rangeBar({ low: 13, high: 40 }, 0)).toMatchObject({ from: 13, score: 0 });
  });

  it('keeps everything on the scale and each tick once', () => {
    const sut = rangeBar({ low: -5, high: 130 }, 120, { medium: 25, high: 50, critical: 100 });
    expect(sut).toMatchObject({ from: 0, width: 100, score: 100 });
    expect(sut.ticks).toEqual([0, 25, 50, 100]);
    expect(sut.bands.at(-1)).toEqual({ tier: 'critical', from: 100, width: 0 });
  });
});

describe(questionRows.name, () => {
  it('gives the title, follow-up, fields, points left open and what the answers add', () => {
    expect(questionRows([makeQuestion()])).toEqual([
      {
        key: 'recruitment.fees',
        title: 'Workers paid recruitment fees',
        followUp: 'Ask whether workers paid recruitment fees.',
        needs: 'Recruitment fees paid by workers',
        openPoints: '10',
        answers: '0 to +12',
        couldRaiseRedFlag: false,
      },
    ]);
  });

  it('marks a question that could raise a red flag, and keeps the order the service gave', () => {
    const rows = questionRows([
      makeQuestion({
        indicatorId: 'ilo.passports',
        couldRaiseRedFlag: true,
        best: 0,
        worst: 0,
        openPoints: 0,
      }),
      makeQuestion(),
    ]);
    expect(rows.map((row) => [row.key, row.couldRaiseRedFlag, row.answers])).toEqual([
      ['ilo.passports', true, '0, or a red flag'],
      ['recruitment.fees', false, '0 to +12'],
    ]);
  });

  it('shows a mitigation as points taken off', () => {
    const [row] = questionRows([makeQuestion({ best: -5, worst: 0, openPoints: 2.5 })]);
    expect(row.answers).toBe('\u22125 to 0');
    expect(row.openPoints).toBe('2.5');
  });

  it('names several fields, or the reference data when none is asked of the supplier', () => {
    expect(questionRows([makeQuestion({ fields: ['sector', 'products'] })])[0].needs).toBe(
      'Sector, Products',
    );
    expect(questionRows([makeQuestion({ fields: [] })])[0].needs).toBe('reference data');
  });
});

describe(questionsSummary.name, () => {
  it('counts the questions and those that could raise a red flag', () => {
    expect(questionsSummary([makeQuestion()])).toBe('1 open question');
    expect(questionsSummary([makeQuestion({ couldRaiseRedFlag: true }), makeQuestion()])).toBe(
      '2 open questions, 1 could raise a red flag',
    );
    expect(questionsSummary([])).toBe('0 open questions');
  });
});

describe(priorityReasonText.name, () => {
  it('turns the service reason into a sentence', () => {
    expect(priorityReasonText('high assessed tier, little known: its range reaches 48 (ask first)')).toBe(
      'High assessed tier, little known: its range reaches 48 (ask first).',
    );
  });

  it('leaves a finished sentence alone', () => {
    expect(priorityReasonText('Low assessed tier, score 4.')).toBe('Low assessed tier, score 4.');
  });
});

describe('expectedText', () => {
  const uncertainty = {
    range: { low: 10, high: 40 },
    confidence: 0.4,
    confidenceLevel: 'low' as const,
    openQuestions: [] as OpenQuestion[],
  };

  it('says nothing when the rules give no prior', () => {
    expect(expectedText(uncertainty)).toBeUndefined();
  });

  it('gives the expected score, the questions it rests on and each source once', () => {
    const question = (id: string, source: string): OpenQuestion => ({
      indicatorId: id,
      title: id,
      fields: [],
      followUp: '',
      best: 0,
      worst: 5,
      openPoints: 5,
      couldRaiseRedFlag: false,
      expected: 2,
      priorSource: source,
    });
    expect(
      expectedText({
        ...uncertainty,
        expected: { score: 24.5, questions: 2 },
        openQuestions: [question('a', 'Audit 2024'), question('b', 'Audit 2024')],
      }),
    ).toBe(
      "Expected 24.5 from the rule set's priors for 2 open questions, not counted in the score or tier (source: Audit 2024).",
    );
  });
});
