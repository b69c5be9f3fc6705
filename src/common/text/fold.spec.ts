import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  collapseSeparators,
  compatibilityForms,
  decompose,
  dropApostrophes,
  foldText,
  foldUndecomposedLetters,
  isMark,
  isPlainAscii,
  isWordCharacter,
  spellOutAmpersand,
  splitWords,
  stripAccents,
} from './fold.js';

describe(isPlainAscii.name, () => {
  it.each([
    ['', true],
    ['Cotton yarn & thread (5+) ~', true],
    ['tab\there', false],
    ['line\nbreak', false],
    ['Côte', false],
    ['ＡＢＣ', false],
    ['\u00a0', false],
  ])('%j is %s', (text, expected) => {
    expect(isPlainAscii(text)).toBe(expected);
  });
});

describe(compatibilityForms.name, () => {
  it.each([
    ['ＡＢＣ　１２３', 'ABC 123'],
    ['ﬁsh', 'fish'],
    ['Ⅻ', 'XII'],
    ['①', '1'],
    ['Côte', 'Côte'],
    ['5+', '5+'],
  ])('turns %j into %j', (text, expected) => {
    expect(compatibilityForms(text)).toBe(expected);
  });

  it('gives what NFKC gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(compatibilityForms(text)).toBe(text.normalize('NFKC'));
      }),
    );
  });
});

describe(decompose.name, () => {
  it('splits accents off as combining marks', () => {
    expect(decompose('é')).toBe('e\u0301');
    expect(decompose('ấ')).toBe('a\u0302\u0301');
  });

  it('replaces compatibility forms', () => {
    expect(decompose('ＡＢＣ')).toBe('ABC');
  });
});

describe(isMark.name, () => {
  it.each([
    ['\u0301', true],
    ['\u031b', true],
    ['e', false],
    ['é', false],
    ['đ', false],
    ["'", false],
  ])('%j is %s', (character, expected) => {
    expect(isMark(character)).toBe(expected);
  });
});

describe(isWordCharacter.name, () => {
  it.each([
    ['a', true],
    ['Z', true],
    ['7', true],
    ['đ', true],
    ['服', true],
    ['ก', true],
    ['²', true],
    [' ', false],
    ['-', false],
    ['&', false],
    ["'", false],
    ['\u0301', false],
  ])('%j is %s', (character, expected) => {
    expect(isWordCharacter(character)).toBe(expected);
  });
});

describe(stripAccents.name, () => {
  it.each([
    ['Côte d’Ivoire', 'Cote d’Ivoire'],
    ['Nguyễn', 'Nguyen'],
    ['TÜRKİYE', 'TURKIYE'],
    ['Gdańsk', 'Gdansk'],
    ['ＡＢＣ', 'ABC'],
    // Not accents: a stroke, a ligature and a dotless i are letters of their own.
    ['Đồng Łódź Øre Straße ı', 'Đong Łodz Øre Straße ı'],
  ])('turns %j into %j', (text, expected) => {
    expect(stripAccents(text)).toBe(expected);
  });
});

describe(foldUndecomposedLetters.name, () => {
  it('spells đ ł ø ß ı with the letters they come from', () => {
    expect(foldUndecomposedLetters('đồng łódź øre straße ıgdır')).toBe('dồng lódź ore strasse igdir');
  });

  it('leaves capitals alone (fold case first)', () => {
    expect(foldUndecomposedLetters('ĐŁØ')).toBe('ĐŁØ');
  });
});

describe(spellOutAmpersand.name, () => {
  it('turns "&" into " and "', () => {
    expect(spellOutAmpersand('Textiles&Apparel & Co')).toBe('Textiles and Apparel  and  Co');
  });
});

describe(dropApostrophes.name, () => {
  it.each([
    ["Cox's", 'Coxs'],
    ['d’Ivoire', 'dIvoire'],
    ['‘quoted', 'quoted'],
    ['d`Ivoire', 'dIvoire'],
    ['d´Ivoire', 'dIvoire'],
    ['"double"', '"double"'],
  ])('turns %j into %j', (text, expected) => {
    expect(dropApostrophes(text)).toBe(expected);
  });
});

describe(collapseSeparators.name, () => {
  it.each([
    ['  cotton -- yarn, (dyed)!  ', 'cotton yarn dyed'],
    ['服装、面料', '服装 面料'],
    ['a\u00a0\u3000b', 'a b'],
    ['...', ''],
  ])('turns %j into %j', (text, expected) => {
    expect(collapseSeparators(text)).toBe(expected);
  });

  it('keeps the words splitWords finds, one space apart', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(collapseSeparators(text)).toBe(splitWords(text).join(' '));
      }),
    );
  });
});

describe(splitWords.name, () => {
  it.each([
    ['Co.,Ltd.', ['Co', 'Ltd']],
    [' -- ', []],
    ['', []],
    ['No. 5 Nguyễn Trãi', ['No', '5', 'Nguyễn', 'Trãi']],
  ])('splits %j into %j', (text, expected) => {
    expect(splitWords(text)).toEqual(expected);
  });
});

describe(foldText.name, () => {
  it.each([
    ['Côte d’Ivoire', 'cote divoire'],
    ["  COTE D'IVOIRE ", 'cote divoire'],
    ['Textiles & Apparel', 'textiles and apparel'],
    ['ＣＯＴＴＯＮ　ＹＡＲＮ', 'cotton yarn'],
    ['Giày da', 'giay da'],
    // Only accents go: the letters NFKD leaves whole stay.
    ['Straße', 'straße'],
  ])('folds %j to %j', (text, expected) => {
    expect(foldText(text)).toBe(expected);
  });

  it('leaves only letters and digits, one space apart', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const folded = foldText(text);
        expect(folded).toBe(splitWords(folded).join(' '));
      }),
    );
  });
});
