/**
 * The key of a source list's entry: the list's reference for the row, else the site key of its spelling (unique
 * within one upload, since rows of the same key are duplicates). "ref:V-1001", "key:VN|saigon footwear|...".
 */
export function listingEntry(
  externalRef: string | null | undefined,
  country: string,
  siteKey: string,
): string {
  return externalRef ? `ref:${externalRef}` : `key:${country}|${siteKey}`;
}
