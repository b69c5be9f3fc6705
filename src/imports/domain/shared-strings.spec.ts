import { describe, expect, it } from '@jest/globals';
import { SharedStringTable } from './shared-strings.js';

describe(SharedStringTable.name, () => {
  it('gives back every entry, across blocks, whatever its script or length', () => {
    const values = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0 ? '' : i % 5 === 0 ? `東莞市 工厂 ${i} 𠀋` : `Supplier ${i}`,
    );
    const sut = new SharedStringTable();
    values.forEach((value) => sut.add(value));
    sut.finish();
    expect(sut.size).toBe(10_000);
    values.forEach((value, i) => expect(sut.get(i)).toBe(value));
  });

  it('keeps only the length of an oversized entry, and answers nothing past the end', () => {
    const sut = new SharedStringTable();
    sut.add('Saigon Footwear');
    sut.addOversized(50_000);
    sut.add('Viet Nam');
    sut.finish();
    expect(sut.get(0)).toBe('Saigon Footwear');
    expect(sut.get(1)).toEqual({ oversizedLength: 50_000 });
    expect(sut.get(2)).toBe('Viet Nam');
    expect(sut.get(3)).toBeUndefined();
    expect(sut.get(-1)).toBeUndefined();
    expect(sut.get(1.5)).toBeUndefined();
  });
});
