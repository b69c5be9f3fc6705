// Text folding: the steps that make two spellings of one thing meet ("Côte d’Ivoire" / "COTE D'IVOIRE",
// "ＡＢＣ" / "abc"). Each matcher composes its own fold from these steps, because they must keep different things:
//
//   foldText (here; rules phrase matching: sectors, text conditions, English goods names; countries)
//     accents, apostrophes and punctuation go, "&" is "and": only words separated by single spaces remain.
//   countryKey (common/countries/country-resolver.ts)
//     foldText without a leading "the" ("The Gambia" is "Gambia").
//   readUnits (rules/domain/goods-matching.ts)
//     as foldText, but keeps each word's accents beside it, since Vietnamese words differ by their accents
//     alone (giày "shoes", giấy "paper"); đ counts as d plus an accent; Chinese, Thai ... are read a
//     character at a time. Plain ASCII takes foldText's words.
//   foldValue (rules/domain/text-matching.ts)
//     case and compatibility forms only: codes and categorical values keep punctuation and accents ("5+" is
//     not "5").
//   foldCaseAndAccents (imports/domain/normalise-text.ts; names, addresses, yes/no, sectors, list names)
//     case, accents and the letters NFKD leaves whole (đ ł ø ß ı) fold; punctuation stays, because each caller
//     splits on it its own way (dots inside "S.A.", "（株）", "yes.").
//   headerKey (imports/domain/header-mapping.ts)
//     case, accents and punctuation go, "&", "%" and "#" are spelt out, and the words are joined without spaces
//     ("Supplier Name" is "SupplierName").

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}/gu;
const MARK = /\p{M}/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const NON_WORD_RUN = /[^\p{L}\p{N}]+/gu;
const NON_WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const APOSTROPHES = /['’‘`´]/g;

// Letters with a stroke, a ligature and a dotless i: NFKD has no decomposition for them.
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = { đ: 'd', ł: 'l', ø: 'o', ß: 'ss', ı: 'i' };
const UNDECOMPOSED_LETTER = /[đłøßı]/g;

/** Printable ASCII only (the usual case): Unicode normalisation would change nothing. */
export function isPlainAscii(text: string): boolean {
  return PLAIN_ASCII.test(text);
}

/** NFKC (full-width "ＡＢＣ" becomes "ABC", "ﬁ" becomes "fi"), skipped for plain ASCII. */
export function compatibilityForms(text: string): string {
  return isPlainAscii(text) ? text : text.normalize('NFKC');
}

/** NFKD: compatibility forms replaced and accents split off as combining marks ("é" becomes "e" + U+0301). */
export function decompose(text: string): string {
  return text.normalize('NFKD');
}

/** One character: a combining mark (an accent once decomposed). */
export function isMark(character: string): boolean {
  return MARK.test(character);
}

/** One character: a letter or a digit, in any script. */
export function isWordCharacter(character: string): boolean {
  return WORD_CHARACTER.test(character);
}

/** NFKD without the combining marks: "Côte" becomes "Cote", "ＡＢＣ" becomes "ABC". Case is kept. */
export function stripAccents(text: string): string {
  return decompose(text).replace(MARKS, '');
}

/** đ, ł, ø, ß and ı as d, l, o, ss and i (lower case: fold case first). */
export function foldUndecomposedLetters(text: string): string {
  return text.replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED_LETTERS[letter]);
}

export function spellOutAmpersand(text: string): string {
  return text.replace(/&/g, ' and ');
}

/** Apostrophes and the accents typed in their place go without a trace: "d’Ivoire" is "dIvoire". */
export function dropApostrophes(text: string): string {
  return text.replace(APOSTROPHES, '');
}

/** Each run of characters that are not letters or digits becomes one space; trimmed. */
export function collapseSeparators(text: string): string {
  return text.replace(NON_WORD_RUN, ' ').trim();
}

/** The runs of letters and digits in text. */
export function splitWords(text: string): string[] {
  return text.split(NON_WORD_SPLIT).filter((word) => word !== '');
}

/** Folds case, accents, apostrophes and punctuation: "Côte d’Ivoire" and "COTE D'IVOIRE" meet. */
export function foldText(text: string): string {
  return collapseSeparators(dropApostrophes(spellOutAmpersand(stripAccents(text).toLowerCase())));
}
