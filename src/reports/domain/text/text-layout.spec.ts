import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fontCoverage, type FontFamily } from '../fonts/font-catalogue.js';
import { analyseParagraph, logicalRuns, visualOrder } from './script-runs.js';
import { breakOpportunities, layoutText, type TextMeasurer, type TextStyle } from './text-layout.js';

// A measurer where every code point is one unit wide at size 1: line widths are easy to reason about.
const unitMeasurer: TextMeasurer = {
  measure: (text: string, _family: FontFamily, _weight, size: number) => [...text].length * size,
};
const style: TextStyle = { size: 1 };
const coverage = fontCoverage();

function layout(text: string, width: number): string[] {
  return layoutText(text, width, style, coverage, unitMeasurer).map((line) => line.text);
}

describe(layoutText.name, () => {
  it('wraps at spaces and never exceeds the width', () => {
    expect(layout('Zakłady Odzieżowe Łódź Spółka Akcyjna', 18)).toEqual([
      'Zakłady Odzieżowe',
      'Łódź Spółka',
      'Akcyjna',
    ]);
  });

  it('measures text that fits as one line, once, without measuring word by word', () => {
    const measured: string[] = [];
    const counting: TextMeasurer = {
      measure: (text, family, weight, size, rtl) => {
        measured.push(text);
        return unitMeasurer.measure(text, family, weight, size, rtl);
      },
    };
    const lines = layoutText('Ho Chi Minh City Garment Co.  ', 40, style, coverage, counting);
    expect(lines.map((line) => [line.text, line.width])).toEqual([['Ho Chi Minh City Garment Co.', 28]]);
    expect(measured).toEqual(['Ho Chi Minh City Garment Co.']);
    expect(layoutText('Ho Chi Minh City Garment Co.', 27, style, coverage, counting)).toHaveLength(2);
  });

  it('splits a word longer than the line between characters instead of clipping it', () => {
    expect(layout('Donaudampfschifffahrtsgesellschaft GmbH', 10)).toEqual([
      'Donaudampf',
      'schifffahr',
      'tsgesellsc',
      'haft GmbH',
    ]);
  });

  it('keeps a combining accent with its letter when splitting a long word', () => {
    const decomposed = 'Nguye\u0302\u0303n'.normalize('NFD').repeat(3);

    const lines = layout(decomposed, 4);

    expect(lines.join('')).toBe(decomposed.normalize('NFC'));
    for (const line of lines) {
      expect(line.normalize('NFD').charAt(0)).not.toMatch(/\p{M}/u);
    }
  });

  it('breaks Chinese between ideographs but never before closing punctuation', () => {
    const lines = layout('深圳华强电子有限公司。', 5);

    // "子有限公司" would fit, but "。" may not start a line, so "司" moves down with it.
    expect(lines).toEqual(['深圳华强电', '子有限公', '司。']);
  });

  it('breaks Thai between words found by the dictionary, not inside them', () => {
    const lines = layout('บริษัทอาหารทะเลไทยจำกัด', 8);

    expect(lines.join('')).toBe('บริษัทอาหารทะเลไทยจำกัด');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toContain('บริษัท');
  });

  it('starts a new line for each line break in the text and gives no line for empty text', () => {
    expect(layout('first line\nsecond', 40)).toEqual(['first line', 'second']);
    expect(layout('', 40)).toEqual([]);
  });

  it('reproduces every non-space character, in order, for any text and width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 1, max: 30 }), (text, width) => {
        const lines = layoutText(text, width, style, coverage, unitMeasurer);
        const squash = (value: string) => value.normalize('NFC').replace(/\s+/gu, '');
        expect(squash(lines.map((line) => line.text).join(''))).toBe(squash(text));
        for (const line of lines) {
          const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(line.text)]
            .length;
          expect(line.width <= width || graphemes === 1).toBe(true);
        }
      }),
    );
  });
});

describe(analyseParagraph.name, () => {
  function familiesOf(text: string): string {
    const analysis = analyseParagraph(text, 'sans', coverage);
    return logicalRuns(analysis, 0, text.length)
      .map((run) => `${run.family}:${run.logicalText}`)
      .join(' | ');
  }

  it('draws each script with the font that has its glyphs', () => {
    expect(familiesOf('深圳华强 Electronics Co.')).toBe('cjk:深圳华强  | sans:Electronics Co.');
    expect(familiesOf('Dhaka ঢাকা গার্মেন্টস')).toBe('sans:Dhaka  | bengali:ঢাকা গার্মেন্টস');
    expect(familiesOf('Công ty Şahin Łódź')).toBe('sans:Công ty Şahin Łódź');
  });

  it('keeps spaces and punctuation in the run of the script around them', () => {
    expect(familiesOf('（深圳）华强')).toBe('cjk:（深圳）华强');
  });

  it('orders Arabic words right to left with Latin digits kept left to right', () => {
    const text = 'مصنع 12 للنسيج';
    const analysis = analyseParagraph(text, 'sans', coverage);

    const visual = visualOrder(logicalRuns(analysis, 0, text.length)).map((run) => run.logicalText);

    expect(visual).toEqual([' للنسيج', '12', 'مصنع ']);
  });

  it('leaves purely left-to-right text in logical order without running the bidi algorithm', () => {
    const analysis = analyseParagraph('Şahin Tekstil 2024', 'sans', coverage);

    expect(analysis.levels).toBeUndefined();
  });
});

describe(breakOpportunities.name, () => {
  it('allows a break after spaces and after hyphens between letters, not after a leading hyphen', () => {
    expect(breakOpportunities('cut-make-trim -2 ab')).toEqual([0, 4, 9, 14, 17, 19]);
  });
});

describe(visualOrder.name, () => {
  it('reverses nested runs level by level (UAX #9 rule L2)', () => {
    const runs = [
      { id: 'a', level: 0 },
      { id: 'b', level: 1 },
      { id: 'c', level: 2 },
      { id: 'd', level: 1 },
      { id: 'e', level: 0 },
    ];

    expect(visualOrder(runs).map((run) => run.id)).toEqual(['a', 'd', 'c', 'b', 'e']);
  });
});
