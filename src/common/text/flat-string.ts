/**
 * The same text stored as one flat string. Strings built by concatenation (template literals, `+`) are ropes of
 * their pieces, several times the size of their text; one kept for a long time (a key remembered for every row of
 * an upload) is worth copying flat. Costs a UTF-8 round trip.
 */
export function flatString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
