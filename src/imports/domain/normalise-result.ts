// What every value normaliser returns: a value (undefined = the cell says nothing, i.e. unknown) or, in plain
// words for a compliance officer, what the cell should have contained.

export type NormaliseResult<T> = { ok: true; value: T | undefined } | { ok: false; expected: string };

export function accept<T>(value: T | undefined): NormaliseResult<T> {
  return { ok: true, value };
}

export function reject<T = never>(expected: string): NormaliseResult<T> {
  return { ok: false, expected };
}
