import { SECTORS, type Sector, type SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { CellValue } from './cell-value.js';
import { accept, type NormaliseResult } from './normalise-result.js';
import { cellText, cleanText, foldCaseAndAccents } from './normalise-text.js';

/** Sector synonyms from the active rule set's taxonomy ("cocoa farming" -> agriculture / cocoa). */
export type SectorResolver = (raw: string) => { sector: Sector; subSector?: string } | undefined;

export interface SectorValue {
  sector?: Sector;
  subSector?: string;
}

// The labels DESIGN.md gives the canonical sectors themselves ("electronics (ICT)", "garments (textiles,
// apparel, footwear)"); every other synonym belongs to the rule set's taxonomy, reached through the resolver.
const SECTOR_LABELS: ReadonlyMap<string, Sector> = new Map<string, Sector>([
  ...SECTORS.map((sector): [string, Sector] => [sector, sector]),
  ['ict', 'electronics'],
  ['textiles', 'garments'],
  ['textile', 'garments'],
  ['apparel', 'garments'],
  ['footwear', 'garments'],
]);

function resolveOne(text: string, resolver: SectorResolver | undefined): SectorValue | undefined {
  const label = SECTOR_LABELS.get(foldCaseAndAccents(text));
  if (label) {
    return { sector: label };
  }
  const resolved = resolver?.(text);
  return resolved
    ? { sector: resolved.sector, ...(resolved.subSector ? { subSector: resolved.subSector } : {}) }
    : undefined;
}

/**
 * Sector text to a canonical sector. A canonical name or label is taken directly, anything else goes to the
 * injected taxonomy resolver; a combined label ("Garments/Textiles", "Electronics & ICT") counts when all its
 * parts agree. Text nobody recognises is never an error: a compliance officer's own category is kept as the
 * sub-sector, and the sector is left unknown for the scoring to infer from the products.
 */
export function normaliseSector(value: CellValue, resolver?: SectorResolver): NormaliseResult<SectorValue> {
  const text = cleanText(cellText(value));
  if (text === '') {
    return accept(undefined);
  }
  const whole = resolveOne(text, resolver);
  if (whole) {
    return accept(whole);
  }
  const parts = text
    .split(/\s*(?:[/&,;|+]|\band\b)\s*/i)
    .filter((part) => part !== '')
    .map((part) => resolveOne(part, resolver));
  const sectors = new Set(parts.map((part) => part?.sector));
  if (parts.length > 1 && sectors.size === 1 && !sectors.has(undefined)) {
    return accept({ sector: parts[0]?.sector });
  }
  return accept({ subSector: text });
}

/** The sector most of a supplier's products point to (the rule set's taxonomy), for a row that gives none. */
export type SectorInference = (products: readonly string[]) => SectorValue | undefined;

/** DESIGN: the sector is inferred from the products when the list does not say it (the row's own sub-sector stays). */
export function inferSectorFromProducts(record: SupplierRecord, infer: SectorInference): void {
  if (record.sector || !record.products?.length) {
    return;
  }
  const inferred = infer(record.products);
  if (inferred?.sector) {
    record.sector = inferred.sector;
    record.subSector ??= inferred.subSector;
  }
}
