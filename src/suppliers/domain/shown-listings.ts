// A list may hold several entries for one site: two rows an officer confirmed to be the same site, or an earlier
// spelling the list has since changed. The supplier page shows, per list, the entries its latest upload listed;
// a list whose latest upload no longer lists the site shows the entry that listed it last.

export interface ListedEntry {
  listId: string;
  inLatestUpload: boolean;
}

/** The entries to show, in the order given (newest upload first). */
export function shownListings<T extends ListedEntry>(entries: readonly T[]): T[] {
  const current = new Set(entries.filter((e) => e.inLatestUpload).map((e) => e.listId));
  const shown = new Set<string>();
  return entries.filter((entry) => {
    if (current.has(entry.listId)) {
      return entry.inLatestUpload;
    }
    if (shown.has(entry.listId)) {
      return false;
    }
    shown.add(entry.listId);
    return true;
  });
}
