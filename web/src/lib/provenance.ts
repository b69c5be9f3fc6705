import type {
  AssessmentCause,
  FieldDisagreement,
  FieldProvenance,
  MatchEvidence,
  SiteListing,
  SupplierDetail,
  UploadRef,
} from '../api/types.js';
import { fieldLabel, formatDate, formatFieldValue, shortHash } from './format.js';

// Where a site's data came from, in words: which source lists list it, how each list's row was tied to it, and
// which list, upload and row each field's value came from. Pure, like format.ts.

const EXTRA_PREFIX = 'extra:';

export const LEGACY_UPLOAD =
  'Before source lists: imported before uploads were grouped in lists; row unknown';

const MATCH_WORDS: Record<MatchEvidence, { text: string; weaker: boolean }> = {
  new: { text: 'new: this list brought the site in', weaker: false },
  reference: { text: 'by the list’s reference', weaker: false },
  'site-key': { text: 'by site key (name and address)', weaker: false },
  fuzzy: { text: 'by similar name and address', weaker: false },
  'name-city': { text: 'by name and city', weaker: true },
  'name-country': { text: 'by name and country', weaker: true },
  confirmed: { text: 'confirmed by an officer as the same site', weaker: false },
};

function isMatchEvidence(evidence: string): evidence is MatchEvidence {
  return Object.hasOwn(MATCH_WORDS, evidence);
}

/** How a list's row was tied to the site; name-only matches are weaker evidence and say so. */
export function matchEvidenceText(evidence: string): { text: string; weaker: boolean } {
  if (!isMatchEvidence(evidence)) {
    return { text: evidence, weaker: false };
  }
  const words = MATCH_WORDS[evidence];
  return words.weaker ? { text: `${words.text} (weaker evidence)`, weaker: true } : words;
}

/** "Vendor_Master_2026-11.xlsx · 3 Dec 2026 · row 12". */
export function uploadText(upload: UploadRef | null, rowNumber: number | null): string {
  return [
    upload?.fileName,
    upload ? formatDate(upload.uploadedAt) : undefined,
    rowNumber === null ? undefined : `row ${rowNumber}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The last upload that listed the site, or why there is none to name. */
export function listingUploadText(listing: SiteListing): string {
  if (listing.list.legacy) {
    return LEGACY_UPLOAD;
  }
  return uploadText(listing.upload, listing.rowNumber) || 'no upload recorded';
}

/** "from Vendor Master · vendors.xlsx row 12 · since 3 Dec 2026"; values from before lists say so. */
export function provenanceLine(provenance: FieldProvenance): string {
  if (provenance.list.legacy) {
    return 'before source lists';
  }
  const file = provenance.upload
    ? `${provenance.upload.fileName}${provenance.rowNumber === null ? '' : ` row ${provenance.rowNumber}`}`
    : undefined;
  return [`from ${provenance.list.name}`, file, `since ${formatDate(provenance.since)}`]
    .filter(Boolean)
    .join(' · ');
}

type InferredValue = NonNullable<SupplierDetail['inferred']['region']>;

const INFERRED_FROM: Record<InferredValue['from'], string> = {
  coordinates: 'the coordinates',
  city: 'the city',
  address: 'the address',
};

/** A value no list gave that Vigil read from another field: "inferred from the city “Ningbo”". */
export function inferredLine(inferred: InferredValue): string {
  return `inferred from ${INFERRED_FROM[inferred.from]} “${inferred.matched}”`;
}

/** The provenance key of an extra attribute, as the service writes it. */
export function extraKey(header: string): string {
  return `${EXTRA_PREFIX}${header}`;
}

/** A provenance or disagreement key as a label: a field's name, or an extra attribute's header. */
export function sourceKeyLabel(key: string): string {
  return key.startsWith(EXTRA_PREFIX) ? key.slice(EXTRA_PREFIX.length) : fieldLabel(key);
}

/** A value one list gives for a key (a field, or an extra attribute as uploaded). */
export function sourceValueText(key: string, value: unknown): string {
  if (key.startsWith(EXTRA_PREFIX)) {
    // Extra attributes are kept as the text uploaded.
    return typeof value === 'string' && value !== '' ? value : '(empty)';
  }
  return formatFieldValue(key, value);
}

export interface DisagreementLine {
  value: string;
  list: string;
  /** The upload and row, or that the value is from before source lists. */
  where: string;
  since: string;
  inUse: boolean;
}

/**
 * What each list says for a disputed field, the value in use first. The value in use is the one the field's
 * provenance names (for the site's identity that is the list that first described it, not the latest change);
 * without a provenance, the service's first value.
 */
export function disagreementLines(
  disagreement: FieldDisagreement,
  inUse: FieldProvenance | undefined,
): DisagreementLine[] {
  const usedIndex = inUse ? disagreement.values.findIndex((said) => said.list.id === inUse.list.id) : -1;
  const chosen = usedIndex === -1 ? 0 : usedIndex;
  const lines = disagreement.values.map((said, index) => ({
    value: sourceValueText(disagreement.field, said.value),
    list: said.list.name,
    where: said.list.legacy
      ? 'before source lists'
      : uploadText(said.upload, said.rowNumber) || 'no upload recorded',
    since: formatDate(said.since),
    inUse: index === chosen,
  }));
  return [lines[chosen], ...lines.filter((_, index) => index !== chosen)];
}

/** Why an assessment was made: "Upload vendors.xlsx of list Vendor Master", "Re-score after rule-set reload …". */
export function causeText(cause: AssessmentCause): string {
  switch (cause.kind) {
    case 'rescore':
      return `Re-score after rule-set reload ${shortHash(cause.ruleSetHash)}`;
    case 'import': {
      if (cause.list?.legacy) {
        return cause.upload
          ? `Upload ${cause.upload.fileName}, before source lists`
          : 'Upload before source lists';
      }
      const upload = cause.upload ? `Upload ${cause.upload.fileName}` : 'Upload';
      return cause.list ? `${upload} of list ${cause.list.name}` : upload;
    }
    case 'merge':
      return 'Two sites confirmed as one by an officer';
    case 'screening':
      return 'Enforcement-list screening: a hit raised, confirmed or dismissed';
  }
}
