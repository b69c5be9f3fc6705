import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CellValue } from './cell-value.js';
import {
  LATITUDE_EXPECTED,
  LONGITUDE_EXPECTED,
  normaliseCoordinate,
  type CoordinateAxis,
} from './normalise-coordinate.js';

describe(normaliseCoordinate.name, () => {
  it.each<[CellValue, CoordinateAxis, number | undefined]>([
    [43.8, 'latitude', 43.8],
    [-6.2088, 'latitude', -6.2088],
    [0, 'latitude', 0],
    [90, 'latitude', 90],
    [-90, 'latitude', -90],
    [180, 'longitude', 180],
    [-180, 'longitude', -180],
    [106.65, 'longitude', 106.65],
    [43.799999999999997, 'latitude', 43.8],
    ['43.8', 'latitude', 43.8],
    ['43,8', 'latitude', 43.8],
    ['43.8°', 'latitude', 43.8],
    ['43,8 °', 'latitude', 43.8],
    ['43.8º', 'latitude', 43.8],
    ['-43.8', 'latitude', -43.8],
    ['\u221243.8', 'latitude', -43.8],
    ['+43.8', 'latitude', 43.8],
    [' 43.8 ', 'latitude', 43.8],
    ['43', 'latitude', 43],
    ['106,6602', 'longitude', 106.6602],
    ['43.8 N', 'latitude', 43.8],
    ['43.8S', 'latitude', -43.8],
    ['43.8° s', 'latitude', -43.8],
    ['S 43.8', 'latitude', -43.8],
    ['N43.8', 'latitude', 43.8],
    ['106.65 E', 'longitude', 106.65],
    ['106.65 W', 'longitude', -106.65],
    ['73.9 west', 'longitude', -73.9],
    ["43°48'N", 'latitude', 43.8],
    ["43° 48' N", 'latitude', 43.8],
    ["43°48'", 'latitude', 43.8],
    ["43°48.5'N", 'latitude', 43.8083333],
    ['43°48\'36"N', 'latitude', 43.81],
    ['43°48′36″S', 'latitude', -43.81],
    ["43°48'36''N", 'latitude', 43.81],
    ["106°39'E", 'longitude', 106.65],
    ['74°0\'21"W', 'longitude', -74.0058333],
    ['-74°0\'21"', 'longitude', -74.0058333],
    [null, 'latitude', undefined],
    ['', 'latitude', undefined],
    ['   ', 'longitude', undefined],
  ])('reads %p (%s) as %p', (value, axis, expected) => {
    expect(normaliseCoordinate(value, axis)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, CoordinateAxis]>([
    [90.5, 'latitude'],
    [-91, 'latitude'],
    ['190', 'longitude'],
    [-180.01, 'longitude'],
    ['43.8 E', 'latitude'],
    ['106.65 N', 'longitude'],
    ['-43.8 S', 'latitude'],
    ["43°60'N", 'latitude'],
    ['43°48\'60"N', 'latitude'],
    ['43°48.5\'10"N', 'latitude'],
    ['1,250.5', 'longitude'],
    ['43.8.1', 'latitude'],
    ['43 48', 'latitude'],
    ['near Dhaka', 'latitude'],
    ['n/a', 'latitude'],
    ['unknown', 'longitude'],
    ['N', 'latitude'],
    ['°', 'latitude'],
    ['0x2A', 'latitude'],
    ['1e3', 'longitude'],
    [true, 'latitude'],
    [new Date(Date.UTC(2024, 0, 1)), 'latitude'],
    [Number.NaN, 'latitude'],
    [Number.POSITIVE_INFINITY, 'longitude'],
  ])('rejects %p (%s)', (value, axis) => {
    const result = normaliseCoordinate(value, axis);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.expected).toContain(
      axis === 'latitude' ? LATITUDE_EXPECTED : LONGITUDE_EXPECTED,
    );
  });

  it('says what was expected, with the range and the accepted forms', () => {
    expect(normaliseCoordinate('somewhere', 'latitude')).toEqual({
      ok: false,
      expected:
        "a latitude in decimal degrees from -90 to 90 (south negative), e.g. 43.8, 43,8, 43.8° or 43°48'N",
    });
    expect(normaliseCoordinate('somewhere', 'longitude')).toEqual({
      ok: false,
      expected:
        "a longitude in decimal degrees from -180 to 180 (west negative), e.g. 11.25, 11,25, 11.25° or 11°15'E",
    });
  });

  it('points at swapped columns when a latitude lies beyond 90 but within a longitude’s range', () => {
    expect(normaliseCoordinate('106.65', 'latitude')).toEqual({
      ok: false,
      expected: `${LATITUDE_EXPECTED}; 106.65 is beyond 90, so it may be a longitude (columns swapped?)`,
    });
  });

  it.each([['10.98, 106.65'], ['10.98;106.65'], ['10,98 106,65'], ['43, 8']])(
    'asks for two columns when %j holds a latitude and longitude pair',
    (text) => {
      expect(normaliseCoordinate(text, 'latitude')).toEqual({
        ok: false,
        expected: `${LATITUDE_EXPECTED}; this cell holds two numbers: put the latitude and the longitude in two columns`,
      });
    },
  );

  it('reads back every coordinate written with a point or a decimal comma', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CoordinateAxis>('latitude', 'longitude'),
        fc.integer({ min: -90_000_000, max: 90_000_000 }),
        fc.boolean(),
        (axis, micro, comma) => {
          const degrees = (axis === 'latitude' ? micro : micro * 2) / 1e6;
          const text = String(degrees).replace('.', comma ? ',' : '.');
          expect(normaliseCoordinate(text, axis)).toEqual({ ok: true, value: degrees });
        },
      ),
    );
  });

  it('never accepts a number outside the axis range', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CoordinateAxis>('latitude', 'longitude'),
        fc.double({ noNaN: true, min: -1000, max: 1000 }),
        (axis, value) => {
          const result = normaliseCoordinate(value, axis);
          const limit = axis === 'latitude' ? 90 : 180;
          expect(result.ok).toBe(Math.abs(value) <= limit);
        },
      ),
    );
  });
});
