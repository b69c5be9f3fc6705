// The bands of scale and lookup indicators: numeric from/to bands (in order, without gaps or overlaps) or text
// value/values bands with at most one "otherwise", each value in one band only, and red-flag bands exactly when the
// indicator has a red flag. checkBandValues checks text values against the supplier field they are compared with.
import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELDS } from '../../suppliers/domain/supplier-fields.js';
import type { RuleReader } from './rule-file-reader.js';
import type { Band, NumericBand, SectorDefinition } from './rule-set-definition.js';
import { checkTextValue } from './parse-shared.js';
import { foldValue } from './text-matching.js';

export function readBands(
  reader: RuleReader,
  value: unknown,
  kind: 'numeric' | 'values' | 'either',
  hasRedFlag: boolean,
): Band[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const bandsReader = reader.at('bands');
  const items = bandsReader.list(value, 'bands');
  if (!items) {
    return undefined;
  }
  const bands: Band[] = [];
  let valid = true;
  items.forEach((item, index) => {
    const at = bandsReader.at(index);
    const map = at.mapping(
      item,
      ['from', 'to', 'value', 'values', 'otherwise', 'points', 'redFlag'],
      ['points'],
    );
    const points = map?.points === undefined ? undefined : at.at('points').points(map.points);
    const redFlag = map?.redFlag === undefined ? undefined : at.at('redFlag').boolean(map.redFlag);
    if (!map || points === undefined || (map.redFlag !== undefined && redFlag === undefined)) {
      valid = false;
      return;
    }
    const flag = redFlag ? { redFlag: true } : {};
    const shapes = [
      map.from !== undefined || map.to !== undefined,
      map.value !== undefined || map.values !== undefined,
      map.otherwise !== undefined,
    ].filter(Boolean).length;
    if (shapes !== 1) {
      at.report('a band has either from/to (numbers), value/values (text) or otherwise: true');
      valid = false;
    } else if (map.otherwise !== undefined) {
      if (map.otherwise !== true) {
        at.report('otherwise must be true', 'otherwise');
        valid = false;
      } else {
        bands.push({ otherwise: true, points, ...flag });
      }
    } else if (map.value !== undefined || map.values !== undefined) {
      if (kind === 'numeric') {
        at.report('this field is a number: use from/to bands');
        valid = false;
        return;
      }
      if (map.value !== undefined && map.values !== undefined) {
        at.report('use either value or values, not both');
        valid = false;
        return;
      }
      // Codes such as ITUC ratings are written 5 or "5+": accept bare numbers as text.
      const asText = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
      const values =
        map.value !== undefined
          ? at.at('value').textList([asText(map.value)], 'values')
          : at
              .at('values')
              .textList(Array.isArray(map.values) ? map.values.map(asText) : map.values, 'values');
      if (!values) {
        valid = false;
        return;
      }
      bands.push({ values, points, ...flag });
    } else {
      if (kind === 'values') {
        at.report('these values are text: use value/values bands, not from/to');
        valid = false;
        return;
      }
      const from = map.from === undefined ? undefined : at.at('from').number(map.from);
      const to = map.to === undefined ? undefined : at.at('to').number(map.to);
      if ((map.from !== undefined && from === undefined) || (map.to !== undefined && to === undefined)) {
        valid = false;
        return;
      }
      if (from !== undefined && to !== undefined && from >= to) {
        at.report(`band from (${from}) must be below to (${to})`, 'to');
        valid = false;
        return;
      }
      bands.push({
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        points,
        ...flag,
      });
    }
  });
  if (!valid) {
    return undefined;
  }
  const numeric = bands.filter((band): band is NumericBand => !('values' in band) && !('otherwise' in band));
  const valueBands = bands.filter((band) => 'values' in band);
  if (numeric.length > 0 && (valueBands.length > 0 || numeric.length !== bands.length)) {
    bandsReader.report('do not mix from/to bands with value or otherwise bands');
    return undefined;
  }
  if (bands.filter((band) => 'otherwise' in band).length > 1) {
    bandsReader.report('only one band may say otherwise: true');
    return undefined;
  }
  if (numeric.length > 0 && !checkNumericOrder(bandsReader, numeric)) {
    return undefined;
  }
  const seen = new Map<string, number>();
  let unique = true;
  bands.forEach((band, index) => {
    if ('values' in band) {
      for (const v of band.values) {
        const first = seen.get(foldValue(v));
        if (first !== undefined) {
          bandsReader.report(`value "${v}" is already in band ${first + 1}`, index);
          unique = false;
        }
        seen.set(foldValue(v), index);
      }
    }
  });
  if (!unique) {
    return undefined;
  }
  const flagged = bands.some((band) => band.redFlag);
  if (hasRedFlag && !flagged) {
    bandsReader.report('the indicator has a redFlag: mark the band(s) that raise it with redFlag: true');
    return undefined;
  }
  if (!hasRedFlag && flagged) {
    bandsReader.report('a band says redFlag: true but the indicator has no redFlag (minimumTier)');
    return undefined;
  }
  return bands;
}

function checkNumericOrder(reader: RuleReader, bands: NumericBand[]): boolean {
  let ordered = true;
  bands.forEach((band, index) => {
    if (index > 0 && band.from === undefined) {
      reader.report('only the first band may leave out "from"', index, 'from');
      ordered = false;
    }
    if (index < bands.length - 1 && band.to === undefined) {
      reader.report('only the last band may leave out "to"', index, 'to');
      ordered = false;
    }
    const previous = bands[index - 1];
    if (!previous || previous.to === undefined || band.from === undefined) {
      return;
    }
    if (band.from < previous.to) {
      reader.report(
        `bands out of order: band ${index + 1} starts at ${band.from}, before band ${index} ends at ${previous.to}; list bands from low to high without overlap`,
        index,
        'from',
      );
      ordered = false;
    } else if (band.from > previous.to) {
      reader.report(`gap between bands: nothing covers ${previous.to} up to ${band.from}`, index, 'from');
      ordered = false;
    }
  });
  return ordered;
}

export function checkBandValues(
  reader: RuleReader,
  bands: Band[],
  field: SupplierField,
  taxonomy: SectorDefinition[],
): boolean {
  let valid = true;
  const type = SUPPLIER_FIELDS[field].type;
  bands.forEach((band, index) => {
    if (!('values' in band)) {
      return;
    }
    for (const value of band.values) {
      const problem = checkTextValue(type, field, value, taxonomy);
      if (problem) {
        reader.at('bands', index).report(problem);
        valid = false;
      }
    }
  });
  return valid;
}
