import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import { fieldSpec } from './field-catalogue.js';
import type { HeaderMapping } from './header-mapping.js';
import { inferPercentScale, type PercentScale } from './normalise-number.js';
import type { RawRow } from './raw-row.js';

/** A bare 1 in a percentage column means 1% or 100% depending on the column: decided per column from a sample. */
export function percentScalesOf(
  sample: readonly RawRow[],
  mapping: HeaderMapping,
): Partial<Record<SupplierField, PercentScale>> {
  const scales: Partial<Record<SupplierField, PercentScale>> = {};
  for (const column of mapping.columns) {
    if (column.field && fieldSpec(column.field).kind === 'percentage') {
      scales[column.field] = inferPercentScale(sample.map((row) => row.cells[column.index] ?? null));
    }
  }
  return scales;
}
