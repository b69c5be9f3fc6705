import chardet from 'chardet';
import iconv from 'iconv-lite';

// Which legacy encoding a csv that is not UTF-8 was written in. Excel's "CSV" is in the Windows code page of the
// machine that saved it: GB18030/GBK on Chinese Windows, Big5 on Taiwanese, Shift-JIS on Japanese, EUC-KR on
// Korean, 1250/1251/1252/... in Europe. The statistical detector (chardet) ranks candidates by byte patterns; on
// its own it mistakes short lists (a Japanese list for Western European, a Russian one for Latin-1), so every
// candidate is also decoded and judged on what comes out: text in one script, made of letters, with no bytes
// the encoding cannot have. The guess is uncertain when the detector was unsure or another reading is as good,
// and the import then says so.

export const LEGACY_ENCODINGS = [
  'windows-1252',
  'windows-1250',
  'windows-1251',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'iso-8859-2',
  'koi8-r',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
] as const;
export type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];

/** Always judged, whatever the detector proposes: the code pages supplier lists come in. */
const ALWAYS_TRIED: LegacyEncoding[] = [
  'windows-1252',
  'windows-1250',
  'windows-1251',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-kr',
];

const DETECTOR_NAMES: Record<string, LegacyEncoding> = {
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'windows-1250': 'windows-1250',
  'iso-8859-2': 'iso-8859-2',
  'windows-1251': 'windows-1251',
  'iso-8859-5': 'windows-1251',
  'koi8-r': 'koi8-r',
  'windows-1253': 'windows-1253',
  'iso-8859-7': 'windows-1253',
  'windows-1254': 'windows-1254',
  'iso-8859-9': 'windows-1254',
  'windows-1255': 'windows-1255',
  'iso-8859-8': 'windows-1255',
  'windows-1256': 'windows-1256',
  'iso-8859-6': 'windows-1256',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  big5: 'big5',
  shift_jis: 'shift_jis',
  'euc-jp': 'euc-jp',
  'euc-kr': 'euc-kr',
};

/** What each encoding is for, in the warning a compliance officer reads. */
export const ENCODING_LABELS: Record<LegacyEncoding, string> = {
  'windows-1252': 'Windows-1252 (Western European)',
  'windows-1250': 'Windows-1250 (Central European)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'windows-1253': 'Windows-1253 (Greek)',
  'windows-1254': 'Windows-1254 (Turkish)',
  'windows-1255': 'Windows-1255 (Hebrew)',
  'windows-1256': 'Windows-1256 (Arabic)',
  'windows-1257': 'Windows-1257 (Baltic)',
  'windows-1258': 'Windows-1258 (Vietnamese)',
  'iso-8859-2': 'ISO-8859-2 (Central European)',
  'koi8-r': 'KOI8-R (Cyrillic)',
  gb18030: 'GB18030 / GBK (Simplified Chinese)',
  big5: 'Big5 (Traditional Chinese)',
  shift_jis: 'Shift-JIS (Japanese)',
  'euc-jp': 'EUC-JP (Japanese)',
  'euc-kr': 'EUC-KR (Korean)',
};

export interface EncodingGuess {
  encoding: LegacyEncoding;
  /** False when the detector was unsure, or another reading of the bytes is as plausible. */
  certain: boolean;
  /** The detector's confidence in the chosen encoding, 0-100 (0: it did not propose it). */
  confidence: number;
  /** Other readings nearly as plausible, best first. */
  alternatives: LegacyEncoding[];
}

const CONFIDENT = 50;
/** A reading this close to the best is as good as it, as far as the decoded text can tell. */
const NEARLY_AS_PLAUSIBLE = 0.9;

type Script = 'latin' | 'cyrillic' | 'greek' | 'cjk' | 'hangul' | 'arabic' | 'hebrew' | 'thai' | 'other';

function scriptOf(char: string): Script {
  if (/\p{Script=Latin}/u.test(char)) {
    return 'latin';
  }
  if (/\p{Script=Cyrillic}/u.test(char)) {
    return 'cyrillic';
  }
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char)) {
    return 'cjk';
  }
  if (/\p{Script=Hangul}/u.test(char)) {
    return 'hangul';
  }
  if (/\p{Script=Greek}/u.test(char)) {
    return 'greek';
  }
  if (/\p{Script=Arabic}/u.test(char)) {
    return 'arabic';
  }
  if (/\p{Script=Hebrew}/u.test(char)) {
    return 'hebrew';
  }
  return /\p{Script=Thai}/u.test(char) ? 'thai' : 'other';
}

/**
 * How much decoded text looks like writing, 0-1: its characters beyond ASCII are letters, of one script; Latin
 * ones come one or two at a time in words of Western languages (long runs are Asian or Cyrillic bytes read as a
 * Western code page); letters of other scripts do not sit inside Latin words ("Sociйtй" is French read as
 * Cyrillic). A byte the encoding cannot have makes the reading all but worthless.
 */
export function plausibility(text: string): number {
  let nonAscii = 0;
  let invalid = 0;
  let letters = 0;
  let latinInRuns = 0;
  let foreignInLatinWords = 0;
  let run = 0;
  const scripts = new Map<Script, number>();
  const chars = [...text];
  const asciiLetter = (char: string | undefined) => char !== undefined && /^[A-Za-z]$/.test(char);
  chars.forEach((char, i) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      run = 0;
      return;
    }
    nonAscii++;
    run++;
    if (char === '\uFFFD' || code < 0xa0) {
      invalid++;
      return;
    }
    if (!/[\p{L}\p{M}]/u.test(char)) {
      return;
    }
    letters++;
    const script = scriptOf(char);
    scripts.set(script, (scripts.get(script) ?? 0) + 1);
    const next = chars[i + 1];
    if (script === 'latin') {
      const nextNonAscii = next !== undefined && (next.codePointAt(0) ?? 0) >= 0x80;
      if (run >= 3 || (run >= 2 && nextNonAscii)) {
        latinInRuns++;
      }
    } else if (asciiLetter(chars[i - 1]) && asciiLetter(next)) {
      foreignInLatinWords++;
    }
  });
  if (nonAscii === 0) {
    return 1;
  }
  if (invalid > 0) {
    return Math.max(0, 0.5 - invalid / nonAscii) * (letters / nonAscii);
  }
  const dominant = Math.max(0, ...scripts.values());
  const [dominantScript] = [...scripts.entries()].find(([, n]) => n === dominant) ?? ['other'];
  const runPenalty = dominantScript === 'latin' && letters > 0 ? latinInRuns / letters : 0;
  const mixPenalty = letters > 0 ? foreignInLatinWords / letters : 0;
  return (letters / nonAscii) * (dominant / Math.max(letters, 1)) * (1 - runPenalty) * (1 - mixPenalty);
}

/** Bytes the detector reads: statistics enough, and some 70 ms on these machines. */
const DETECTOR_BYTES = 256 * 1024;
/** Bytes each candidate decodes to be judged (16 candidates, each character looked at). */
const JUDGED_BYTES = 64 * 1024;

/**
 * The first `bytes` of the sample, ended at a line break: no character of a multi-byte code page is cut in two
 * (their trail bytes are never 0x0A), which would read as a byte the encoding cannot have.
 */
function wholeLines(sample: Buffer, bytes: number): Buffer {
  if (sample.length <= bytes) {
    return sample;
  }
  const end = sample.lastIndexOf(0x0a, bytes - 1);
  return sample.subarray(0, end > 0 ? end + 1 : bytes);
}

/** Guesses the encoding of bytes that are not UTF-8 (nor UTF-16), from the head of the file. */
export function guessLegacyEncoding(head: Buffer): EncodingGuess {
  const detected = new Map<LegacyEncoding, number>();
  const judged = wholeLines(head, JUDGED_BYTES);
  for (const match of chardet.analyse(wholeLines(head, DETECTOR_BYTES))) {
    const encoding = DETECTOR_NAMES[match.name.toLowerCase()];
    if (encoding && !detected.has(encoding)) {
      detected.set(encoding, match.confidence);
    }
  }
  const candidates = [...new Set<LegacyEncoding>([...detected.keys(), ...ALWAYS_TRIED])].map((encoding) => {
    const text = iconv.decode(judged, encoding);
    return { encoding, text, confidence: detected.get(encoding) ?? 0, plausibility: plausibility(text) };
  });
  const best = Math.max(...candidates.map((c) => c.plausibility));
  const readable = candidates
    .filter((c) => c.plausibility >= best * NEARLY_AS_PLAUSIBLE)
    .sort((a, b) => b.confidence - a.confidence || b.plausibility - a.plausibility);
  const [chosen, ...others] = readable;
  if (!chosen || best === 0) {
    return { encoding: 'windows-1252', certain: false, confidence: 0, alternatives: [] };
  }
  // Readings that give the same text for these bytes are no rivals: the choice makes no difference to this file.
  const rivals = others.filter((c) => c.text !== chosen.text);
  const outranked = rivals.every((c) => c.confidence < chosen.confidence - 15);
  return {
    encoding: chosen.encoding,
    certain:
      chosen.plausibility >= 0.5 && (rivals.length === 0 || (chosen.confidence >= CONFIDENT && outranked)),
    confidence: chosen.confidence,
    alternatives: rivals.slice(0, 3).map((c) => c.encoding),
  };
}

/** What the import says about an uncertain guess. */
export function uncertainEncodingNote(guess: Pick<EncodingGuess, 'encoding' | 'alternatives'>): string {
  const others = guess.alternatives.map((encoding) => ENCODING_LABELS[encoding]);
  return (
    `The file is not UTF-8; it was read as ${ENCODING_LABELS[guess.encoding]}, a guess Vigil is not sure of` +
    (others.length > 0 ? ` (it could also be ${others.join(' or ')})` : '') +
    '. Check that names with accents or non-Latin letters read correctly; to be sure, save the list from Excel ' +
    'as "CSV UTF-8" or as .xlsx and upload it again.'
  );
}
