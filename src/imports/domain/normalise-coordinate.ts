import type { CellValue } from './cell-value.js';
import { accept, reject, type NormaliseResult } from './normalise-result.js';
import { cleanText } from './normalise-text.js';

export type CoordinateAxis = 'latitude' | 'longitude';

interface AxisRule {
  limit: number;
  positive: string;
  negative: string;
  expected: string;
}

export const LATITUDE_EXPECTED =
  "a latitude in decimal degrees from -90 to 90 (south negative), e.g. 43.8, 43,8, 43.8° or 43°48'N";
export const LONGITUDE_EXPECTED =
  "a longitude in decimal degrees from -180 to 180 (west negative), e.g. 11.25, 11,25, 11.25° or 11°15'E";

const AXES: Readonly<Record<CoordinateAxis, AxisRule>> = {
  latitude: { limit: 90, positive: 'n', negative: 's', expected: LATITUDE_EXPECTED },
  longitude: { limit: 180, positive: 'e', negative: 'w', expected: LONGITUDE_EXPECTED },
};

const HEMISPHERE_WORDS: ReadonlyMap<string, string> = new Map([
  ['north', 'n'],
  ['south', 's'],
  ['east', 'e'],
  ['west', 'w'],
]);

const DECIMAL = String.raw`\d+(?:[.,]\d+)?`;
// 43.8, 43,8 (decimal comma: coordinates never group thousands), 43.8°
const DECIMAL_DEGREES = new RegExp(`^(${DECIMAL})\\s*°?$`);
// 43°48'N, 43° 48.5', 43°48'30"
const DEGREES_MINUTES_SECONDS = new RegExp(`^(\\d+)\\s*°\\s*(${DECIMAL})\\s*'(?:\\s*(${DECIMAL})\\s*")?$`);
// "43.8, 12.3" or "43.8 12.3": a latitude and longitude pair in one cell.
const PAIR = new RegExp(`^[-+]?${DECIMAL}°?\\s*[,;\\s]\\s*[-+]?${DECIMAL}°?$`);

function decimal(text: string): number {
  return Number(text.replace(',', '.'));
}

// Seven decimals are about 1 cm, finer than any address-level source; this also tidies 43 + 48/60 and
// spreadsheet artefacts such as 43.799999999999997.
function tidy(value: number): number {
  const rounded = Number(value.toFixed(7));
  return rounded === 0 ? 0 : rounded;
}

function unsignedDegrees(body: string): number | undefined {
  const plain = DECIMAL_DEGREES.exec(body);
  if (plain) {
    return decimal(plain[1]);
  }
  const dms = DEGREES_MINUTES_SECONDS.exec(body);
  if (!dms) {
    return undefined;
  }
  const minutes = decimal(dms[2]);
  const seconds = dms[3] === undefined ? 0 : decimal(dms[3]);
  // Only the last part may carry a fraction, and minutes and seconds stay below 60.
  if (minutes >= 60 || seconds >= 60 || (dms[3] !== undefined && !Number.isInteger(minutes))) {
    return undefined;
  }
  return Number(dms[1]) + minutes / 60 + seconds / 3600;
}

/** Degree, prime and double-prime marks as typed in practice (º, ˚, ’, ′, ″, '') folded to °, ' and ". */
function foldMarks(text: string): string {
  return text
    .toLowerCase()
    .replace(/[º˚]/g, '°')
    .replace(/''|[″”]/g, '"')
    .replace(/[’′]/g, "'")
    .replace(/\u2212/g, '-');
}

function parseCoordinate(text: string, rule: AxisRule): number | undefined {
  let body = foldMarks(text);
  let hemisphere: string | undefined;
  const lead = /^(north|south|east|west|[nsew])(?![a-z])\s*(.*)$/.exec(body);
  const trail = /^(.*?\d\s*[°'"]?)\s*(north|south|east|west|[nsew])$/.exec(body);
  if (lead) {
    hemisphere = lead[1];
    body = lead[2];
  } else if (trail) {
    hemisphere = trail[2];
    body = trail[1];
  }
  hemisphere = hemisphere === undefined ? undefined : (HEMISPHERE_WORDS.get(hemisphere) ?? hemisphere);
  const signed = /^([+-])\s*(.*)$/.exec(body);
  const sign = signed?.[1];
  if (signed) {
    body = signed[2];
  }
  const degrees = unsignedDegrees(body.trim());
  if (degrees === undefined) {
    return undefined;
  }
  if (hemisphere === undefined) {
    return sign === '-' ? -degrees : degrees;
  }
  // A hemisphere of the other axis ("12.3 E" for a latitude) or a minus sign next to one ("-43.8 S") is a mistake.
  if ((hemisphere !== rule.positive && hemisphere !== rule.negative) || sign !== undefined) {
    return undefined;
  }
  return hemisphere === rule.negative ? -degrees : degrees;
}

function inRange(value: number, axis: CoordinateAxis): NormaliseResult<number> {
  const rule = AXES[axis];
  if (Math.abs(value) <= rule.limit) {
    return accept(tidy(value));
  }
  if (axis === 'latitude' && Math.abs(value) <= AXES.longitude.limit) {
    return reject(`${rule.expected}; ${value} is beyond 90, so it may be a longitude (columns swapped?)`);
  }
  return reject(rule.expected);
}

/**
 * One coordinate in WGS 84 decimal degrees: a number cell, or text written as decimal degrees with "." or ","
 * as the decimal mark, with an optional ° sign, a leading sign or a hemisphere letter (N/S for a latitude,
 * E/W for a longitude), or as degrees, minutes and seconds (43°48'30"N). Blank is unknown.
 */
export function normaliseCoordinate(value: CellValue, axis: CoordinateAxis): NormaliseResult<number> {
  const rule = AXES[axis];
  if (value === null) {
    return accept(undefined);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? inRange(value, axis) : reject(rule.expected);
  }
  if (typeof value !== 'string') {
    return reject(rule.expected);
  }
  const text = cleanText(value);
  if (text === '') {
    return accept(undefined);
  }
  const parsed = parseCoordinate(text, rule);
  if (parsed !== undefined) {
    return inRange(parsed, axis);
  }
  if (PAIR.test(text)) {
    return reject(
      `${rule.expected}; this cell holds two numbers: put the latitude and the longitude in two columns`,
    );
  }
  return reject(rule.expected);
}
