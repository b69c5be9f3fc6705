// Text folding and phrase matching shared by sector resolution, goods matching and text conditions.
import { compatibilityForms, foldText } from '../../common/text/fold.js';

// The rules' fold is the shared one; rules code imports it from here with the rest of phrase matching.
export { foldText };

/** Case-insensitive but punctuation-keeping, for codes and categorical values ("5+" is not "5"). */
export function foldValue(value: string): string {
  return compatibilityForms(value).trim().toLowerCase();
}

/**
 * A crude English singular, applied the same way to rule text and supplier text so both meet:
 * "cocoa beans" -> "cocoa bean", "tomatoes" -> "tomato", "berries" -> "berry", "shoes"/"shoe" -> "sho".
 */
export function singular(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) {
    return word;
  }
  if (word.endsWith('ies')) {
    return `${word.slice(0, -3)}y`;
  }
  if (/(sses|shes|ches|xes|zes|oes)$/.test(word)) {
    return word.slice(0, -2);
  }
  if (word.endsWith('oe')) {
    return word.slice(0, -1);
  }
  if (/(ss|us|is)$/.test(word)) {
    return word;
  }
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

export function phraseTokens(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ').map(singular);
}

export function phraseKey(text: string): string {
  return phraseTokens(text).join(' ');
}

export interface PhraseMatch<T> {
  value: T;
  /** Token position where the phrase starts. */
  start: number;
  /** Number of tokens matched. */
  length: number;
}

/**
 * Finds known phrases in free text, token by token, case/plural/punctuation-insensitive.
 * Scanning left to right it takes the longest phrase starting at each position and skips past it,
 * so "cotton yarn" is one match (yarn) rather than two (cotton + yarn).
 */
export class PhraseIndex<T> {
  private readonly byKey = new Map<string, T[]>();
  private longest = 0;

  add(phrase: string, value: T): void {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) {
      return;
    }
    const key = tokens.join(' ');
    const values = this.byKey.get(key) ?? [];
    if (!values.includes(value)) {
      values.push(value);
    }
    this.byKey.set(key, values);
    this.longest = Math.max(this.longest, tokens.length);
  }

  get(phrase: string): T[] {
    return this.byKey.get(phraseKey(phrase)) ?? [];
  }

  find(text: string): PhraseMatch<T>[] {
    const tokens = phraseTokens(text);
    const matches: PhraseMatch<T>[] = [];
    let start = 0;
    while (start < tokens.length) {
      let matched = 0;
      for (let length = Math.min(this.longest, tokens.length - start); length > 0; length--) {
        const values = this.byKey.get(tokens.slice(start, start + length).join(' '));
        if (values) {
          values.forEach((value) => matches.push({ value, start, length }));
          matched = length;
          break;
        }
      }
      start += matched > 0 ? matched : 1;
    }
    return matches;
  }
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest candidate to a misspelt name, if it is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { candidate, distance };
    }
  }
  const tolerance = Math.max(2, Math.floor(input.length / 3));
  return best && best.distance <= tolerance ? best.candidate : undefined;
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const suggestion = closestMatch(input, candidates);
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}
