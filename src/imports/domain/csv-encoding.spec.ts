import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import {
  guessLegacyEncoding,
  plausibility,
  uncertainEncodingNote,
  type LegacyEncoding,
} from './csv-encoding.js';

// Supplier lists as Excel's "CSV" writes them on Chinese, Taiwanese, Japanese, Korean, Central European, Russian
// and Western European Windows: an English header from the ERP, local names and cities.
const HEADER = 'Vendor No.,Vendor Name,Country,Sector,City';
const LISTS: Record<string, { encoding: LegacyEncoding; rows: string[] }> = {
  'Simplified Chinese': {
    encoding: 'gb18030',
    rows: [
      '深圳市华强电子有限公司,China,electronics,深圳',
      '东莞纺织制衣厂,China,garments,东莞',
      '浙江茶叶合作社,China,agriculture,杭州',
    ],
  },
  'Traditional Chinese': {
    encoding: 'big5',
    rows: [
      '台灣積體電路製造股份有限公司,Taiwan,electronics,新竹',
      '鴻海精密工業,Taiwan,electronics,台北',
      '南亞塑膠工業,Taiwan,plastics,高雄',
    ],
  },
  Japanese: {
    encoding: 'shift_jis',
    rows: [
      '株式会社東京繊維,Japan,garments,東京',
      '大阪電子工業株式会社,Japan,electronics,大阪',
      'ナカムラ農園,Japan,agriculture,静岡',
    ],
  },
  Korean: {
    encoding: 'euc-kr',
    rows: [
      '삼성전자 주식회사,Korea,electronics,수원',
      '서울섬유,Korea,garments,서울',
      '부산수산,Korea,fishing,부산',
    ],
  },
  'Central European': {
    encoding: 'windows-1250',
    rows: [
      'Łódzkie Zakłady Włókiennicze,Poland,garments,Łódź',
      'Česká Textilní,Czechia,garments,Brno',
      'Győri Keksz,Hungary,food,Győr',
    ],
  },
  Russian: {
    encoding: 'windows-1251',
    rows: [
      'ООО Текстиль Россия,Russia,garments,Москва',
      'Иваново Ткани,Russia,garments,Иваново',
      'Сибирский Лес,Russia,timber,Томск',
    ],
  },
  'Western European': {
    encoding: 'windows-1252',
    rows: [
      'Müller Garn GmbH,Germany,garments,München',
      'Textil Peñalver,Spain,garments,Alcoy',
      'Bræk Fisk,Norway,fishing,Ålesund',
    ],
  },
};

function csv(rows: string[], count: number): string {
  const lines = Array.from({ length: count }, (_, i) => `V${1000 + i},${rows[i % rows.length]}`);
  return `${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}

describe('guessLegacyEncoding', () => {
  it.each(Object.entries(LISTS))(
    'reads a %s list in the code page it was saved in',
    (_name, { encoding, rows }) => {
      const text = csv(rows, 40);

      const guess = guessLegacyEncoding(iconv.encode(text, encoding));

      expect(guess.encoding).toBe(encoding);
      expect(iconv.decode(iconv.encode(text, encoding), guess.encoding)).toBe(text);
    },
  );

  it('reads a long list from its head, whatever byte the head ends on', () => {
    const { encoding, rows } = LISTS['Simplified Chinese'] ?? { encoding: 'gb18030', rows: [] };
    const bytes = iconv.encode(csv(rows, 20_000), encoding);

    // Heads ending inside a two-byte character, and between two.
    for (const length of [300_001, 300_002, 300_003]) {
      expect(guessLegacyEncoding(bytes.subarray(0, length))).toMatchObject({ encoding, certain: true });
    }
  });

  it('is sure of lists the detector recognises and no other reading fits', () => {
    for (const name of ['Simplified Chinese', 'Korean']) {
      const { encoding, rows } = LISTS[name] ?? { encoding: 'windows-1252', rows: [] };
      expect(guessLegacyEncoding(iconv.encode(csv(rows, 40), encoding))).toMatchObject({
        encoding,
        certain: true,
      });
    }
  });

  it('says it is unsure when another code page reads the bytes as well, naming it', () => {
    // Two rows of kanji only: too little for the detector, and GB18030 reads the same bytes as Chinese.
    const rows = ['株式会社東京繊維,Japan,garments,東京', '大阪電子工業株式会社,Japan,electronics,大阪'];

    const guess = guessLegacyEncoding(iconv.encode(csv(rows, 2), 'shift_jis'));

    expect(guess).toMatchObject({ encoding: 'shift_jis', certain: false });
    expect(guess.alternatives).toContain('gb18030');
  });

  it('does not count as rivals code pages that read this file the same', () => {
    // Only letters Windows-1252 and Windows-1254 (Turkish) share: either reading gives the same names.
    const text = csv(
      ['Müller Garn GmbH,Germany,garments,München', 'Weberei Köhler,Germany,garments,Köln'],
      40,
    );

    const guess = guessLegacyEncoding(iconv.encode(text, 'windows-1252'));

    expect(guess.encoding).toBe('windows-1252');
    expect(guess.alternatives).not.toContain('windows-1254');
  });
});

describe('plausibility', () => {
  it('scores text in one script made of letters high, and mojibake low', () => {
    const chinese = '深圳市华强电子有限公司,China';
    const asWestern = iconv.decode(iconv.encode(chinese, 'gb18030'), 'windows-1252');

    expect(plausibility(chinese)).toBeCloseTo(1);
    expect(plausibility('Müller Garn GmbH, München')).toBeCloseTo(1);
    expect(plausibility(asWestern)).toBeLessThan(0.5);
    expect(plausibility('only ASCII')).toBe(1);
  });

  it('scores a byte the encoding cannot have as unreadable', () => {
    expect(plausibility('Fabrik \uFFFD\uFFFD Nord')).toBeLessThan(0.1);
  });
});

describe('uncertainEncodingNote', () => {
  it('names the guess, the other readings and the way to be sure', () => {
    expect(uncertainEncodingNote({ encoding: 'shift_jis', alternatives: ['gb18030'] })).toBe(
      'The file is not UTF-8; it was read as Shift-JIS (Japanese), a guess Vigil is not sure of (it could also be ' +
        'GB18030 / GBK (Simplified Chinese)). Check that names with accents or non-Latin letters read correctly; ' +
        'to be sure, save the list from Excel as "CSV UTF-8" or as .xlsx and upload it again.',
    );
  });
});
