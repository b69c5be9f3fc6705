import { describe, expect, it } from '@jest/globals';
import { canonicalWord, screeningName, tokenClass } from './screening-names.js';

const tokens = (name: string) => screeningName(name).tokens;

describe(screeningName.name, () => {
  it('folds case, accents, punctuation, full-width forms and "&"', () => {
    expect(tokens('HETIAN TAIDA APPAREL CO., LTD')).toEqual(['hetian', 'taida', 'garment']);
    expect(tokens('Ｈｏｓｈｉｎｅ Silicon')).toEqual(['hoshine', 'silicon']);
    expect(tokens('Société Générale')).toEqual(['societe', 'generale']);
    expect(tokens('Hongchang Fruits & Vegetable Products')).toEqual([
      'hongchang',
      'fruit',
      'vegetable',
      'product',
    ]);
    expect(tokens('Sichuan Yuan’an Pharmaceutical')).toEqual(tokens('Sichuan Yuanan Pharmaceutical'));
  });

  it('removes legal forms wherever they are unambiguous, and the others only at the ends', () => {
    expect(tokens('China Cotton Group Henan Logistics Park Co., Ltd., Xinye Branch')).toEqual([
      'china',
      'cotton',
      'group',
      'henan',
      'logistic',
      'park',
      'xinye',
      'branch',
    ]);
    expect(tokens('Agropecuarios Tom S.A. de C.V.')).toEqual(['agropecuario', 'tom']);
    expect(tokens('Serbia Zijin Copper D.O.O.')).toEqual(['serbia', 'zijin', 'copper']);
    expect(tokens('Sime Darby Plantation Berhad')).toEqual(['sime', 'darby', 'plantation']);
    expect(tokens('PT Indah Kiat Pulp Tbk')).toEqual(['indah', 'kiat', 'pulp']);
    expect(tokens('Casual Wear Apparel L.L.C.')).toEqual(['casual', 'wear', 'garment']);
    expect(tokens('Muster GmbH')).toEqual(['muster']);
    expect(tokens('Kwong Ngai Industrial Company')).toEqual(['kwong', 'ngai', 'industry']);
    // "Co" inside a name is a word of it; a name made only of a legal form keeps it.
    expect(tokens('Co Op Textiles Ltd')).toEqual(['co', 'op', 'textile']);
    expect(tokens('Limited')).toEqual([]);
    expect(tokens('Company')).toEqual(['company']);
  });

  it('joins dotted initials and keeps "K.K." a word of the name', () => {
    expect(tokens('K.K. Carpet Industries')).toEqual(['kk', 'carpet', 'industry']);
  });

  it('folds the reviewed variant spellings of places and words', () => {
    expect(tokens('Hotan')).toEqual(tokens('Hetian'));
    expect(tokens('Kashi')).toEqual(tokens('Kashgar'));
    expect(tokens('Wulumuqi')).toEqual(tokens('Urumqi'));
    expect(tokens('Sinkiang')).toEqual(tokens('Xinjiang'));
    expect(tokens('Ili')).toEqual(tokens('Yili'));
    expect(tokens('Tulufan')).toEqual(tokens('Turpan'));
    expect(tokens('Akesu')).toEqual(tokens('Aksu'));
    expect(tokens('Kuqa')).toEqual(tokens('Kuche'));
    expect(tokens('Colour Fibre Aluminium')).toEqual(['color', 'fiber', 'aluminum']);
    expect(screeningName('Hotan Taida').variants).toEqual([{ from: 'hotan', to: 'hetian' }]);
    // Bazhou is not Bayingolin: a Hebei city bears the name too.
    expect(tokens('Bazhou')).not.toEqual(tokens('Bayingolin'));
  });

  it('keeps Chinese characters apart, without legal forms, and never transliterates them', () => {
    expect(screeningName('新疆中泰化学股份有限公司')).toEqual({
      tokens: [],
      han: '新疆中泰化学',
      variants: [],
    });
    expect(screeningName('合盛硅业(鄯善)有限公司').han).toBe('合盛硅业鄯善');
    expect(screeningName('Hoshine 合盛硅业有限公司')).toEqual({
      tokens: ['hoshine'],
      han: '合盛硅业',
      variants: [],
    });
    expect(screeningName('Xinjiang Textile').han).toBe('');
  });
});

describe(tokenClass.name, () => {
  it('tells distinctive words from places, sector and filler words', () => {
    expect(tokenClass('hoshine')).toBe('distinctive');
    expect(tokenClass('xinjiang')).toBe('place');
    expect(tokenClass(canonicalWord('textiles'))).toBe('sector');
    expect(tokenClass(canonicalWord('garments'))).toBe('sector');
    expect(tokenClass('trading')).toBe('filler');
    expect(tokenClass(canonicalWord('industrial'))).toBe('filler');
    expect(tokenClass('4')).toBe('filler');
  });
});
