import { describe, expect, it } from '@jest/globals';
import { flatString } from './flat-string.js';

describe(flatString.name, () => {
  it.each([
    'VN|saigon footwear|road 12 tan thuan epz|ho chi minh',
    'CN|新疆华孚色纺有限公司|阿克苏市纺织工业城|阿克苏',
    'TR|menderes tekstil sanayi ve ticaret|sarayköy|denizli',
    '',
  ])('keeps the text as it is: %p', (text) => {
    expect(flatString(`${text.slice(0, 3)}${text.slice(3)}`)).toBe(text);
  });
});
