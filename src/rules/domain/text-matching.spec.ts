import { describe, expect, it } from '@jest/globals';
import { PhraseIndex, closestMatch, foldText, phraseKey, singular } from './text-matching.js';

describe(foldText.name, () => {
  it('folds case, accents, apostrophes and punctuation', () => {
    expect(foldText('Côte d’Ivoire')).toBe('cote divoire');
    expect(foldText("  COTE D'IVOIRE ")).toBe('cote divoire');
    expect(foldText('Textiles & Apparel')).toBe('textiles and apparel');
  });
});

describe(singular.name, () => {
  it.each([
    ['beans', 'bean'],
    ['tomatoes', 'tomato'],
    ['berries', 'berry'],
    ['peaches', 'peach'],
    ['glass', 'glass'],
    ['cactus', 'cactus'],
    ['tea', 'tea'],
  ])('%s -> %s', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });

  it('gives singular and plural the same key even where the singular is not English', () => {
    expect(phraseKey('shoes')).toBe(phraseKey('shoe'));
    expect(phraseKey('Cocoa Beans')).toBe(phraseKey('cocoa bean'));
  });
});

describe(PhraseIndex.name, () => {
  const index = new PhraseIndex<string>();
  index.add('cotton', 'Cotton');
  index.add('cotton yarn', 'Thread/Yarn');
  index.add('cocoa butter', 'Cocoa Butter');
  index.add('cocoa', 'Cocoa');

  it('takes the longest phrase at each position and goes on after it', () => {
    expect(index.find('Cotton Yarn, 30s').map((m) => m.value)).toEqual(['Thread/Yarn']);
    expect(index.find('raw cocoa and cocoa butter').map((m) => m.value)).toEqual(['Cocoa', 'Cocoa Butter']);
    expect(index.find('organic cotton shirts').map((m) => m.value)).toEqual(['Cotton']);
    expect(index.find('steel pipes')).toEqual([]);
  });
});

describe(closestMatch.name, () => {
  it('suggests a near miss and nothing for an unrelated word', () => {
    expect(closestMatch('migrantWorkerPtc', ['migrantWorkerPct', 'femaleWorkerPct'])).toBe(
      'migrantWorkerPct',
    );
    expect(closestMatch('colour', ['points', 'evidence'])).toBeUndefined();
  });
});
