import { copyValue } from '../../database/copy-text.js';
import type { FreshHit } from './supplier-screening.js';

// A new hit as a line of `COPY screening_hits`: rendered by a screening run, and by an import's staging for the
// new sites it screens. The id, status, dates and `current` are the table's defaults (a new hit is open).

export const HIT_COPY_TARGET =
  'screening_hits (supplier_id, list, entry_id, entry_key, names_key, kind, strength, score, party_role, ' +
  'party_name, entry_name, listed_name, details, edition_id)';

export function hitLine(supplierId: string, hit: FreshHit): string {
  return (
    `${supplierId}\t${hit.list}\t${copyValue(hit.entryId)}\t${hit.entryKey}\t${hit.namesKey}\t${hit.kind}\t` +
    `${hit.strength}\t${copyValue(hit.score)}\t${copyValue(hit.partyRole)}\t${copyValue(hit.partyName)}\t` +
    `${copyValue(hit.entryName)}\t${copyValue(hit.listedName)}\t${copyValue(JSON.stringify(hit.details))}\t` +
    `${hit.editionId}\n`
  );
}
