// What the parse-* modules share: the rule file and parsed-YAML shapes, the id pattern, the code-point order that keeps
// the definition's hash the same on every machine, and the readers of supplier field names and text values that
// scale indicators, bands and conditions all check against (so the messages are the same wherever they are used).
import { SECTORS, type Sector, type SupplierField } from '../../suppliers/domain/supplier-record.js';
import {
  SUPPLIER_FIELD_NAMES,
  isSupplierField,
  type FieldType,
} from '../../suppliers/domain/supplier-fields.js';
import type { RuleReader } from './rule-file-reader.js';
import type { SectorDefinition } from './rule-set-definition.js';
import { didYouMean } from './text-matching.js';

export interface RuleFile {
  /** Relative to the rules directory, with forward slashes: "ruleset.yaml", "indicators/country.yaml". */
  path: string;
  content: string;
}

export const ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

// Locale-independent, so the definition (and its hash) is the same on every machine.
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ParsedYaml {
  reader: RuleReader;
  value: unknown;
}

export function checkTextValue(
  type: FieldType,
  field: SupplierField,
  value: string,
  taxonomy: SectorDefinition[],
): string | undefined {
  if (type === 'sector' && !SECTORS.includes(value as Sector)) {
    return `"${value}" is not a sector${didYouMean(value, SECTORS)}`;
  }
  if (type === 'country' && !/^[A-Z]{2}$/.test(value)) {
    return `${field} holds ISO alpha-2 codes such as "CN": "${value}" is not one`;
  }
  // With a broken taxonomy there is nothing to check sub-sectors against; its own issues are reported.
  if (field === 'subSector' && taxonomy.length > 0) {
    const ids = taxonomy.flatMap((sector) => sector.subSectors.map((sub) => sub.id));
    if (!ids.includes(value)) {
      return `"${value}" is not a sub-sector in the taxonomy${didYouMean(value, ids)}`;
    }
  }
  return undefined;
}

export function readField(reader: RuleReader, value: unknown): SupplierField | undefined {
  if (typeof value !== 'string') {
    reader.report(`expected a supplier field name, found ${typeof value}`);
    return undefined;
  }
  if (value === 'extra') {
    reader.report('"extra" holds uploaded columns that map to no field; rules cannot read it');
    return undefined;
  }
  if (!isSupplierField(value)) {
    reader.report(`unknown supplier field "${value}"${didYouMean(value, SUPPLIER_FIELD_NAMES)}`);
    return undefined;
  }
  return value;
}
