import { describe, expect, it } from '@jest/globals';
import { shownListings } from './shown-listings.js';

describe(shownListings.name, () => {
  it('shows every entry of a list its latest upload listed, and not the spellings it no longer uses', () => {
    const entries = [
      { listId: 'a', name: 'Row 5', inLatestUpload: true },
      { listId: 'a', name: 'Row 9', inLatestUpload: true },
      { listId: 'a', name: 'Old spelling', inLatestUpload: false },
    ];
    expect(shownListings(entries).map((e) => e.name)).toEqual(['Row 5', 'Row 9']);
  });

  it('shows the entry that listed the site last when the latest upload of its list no longer does', () => {
    const entries = [
      { listId: 'a', name: 'Newest', inLatestUpload: false },
      { listId: 'b', name: 'Other list', inLatestUpload: true },
      { listId: 'a', name: 'Older', inLatestUpload: false },
    ];
    expect(shownListings(entries).map((e) => e.name)).toEqual(['Newest', 'Other list']);
  });
});
