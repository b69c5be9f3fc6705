import { describe, expect, it } from '@jest/globals';
import { matchAreaOrder, originQuestions, parseAreaScope, type AreaSubject } from './area-orders.js';
import type { AreaHit } from './name-matching.js';
import { shippedLists } from './testing/shipped-lists.js';

function areaHits(subject: AreaSubject): AreaHit[] {
  return shippedLists().index.screen({ ...subject, parties: [] }).areaHits;
}

const byArea = (hits: AreaHit[]) => hits.map((hit) => [hit.areaLabel, hit.strength, hit.good]);
const XUAR = 'the Xinjiang Uyghur Autonomous Region (China)';
const inXinjiang = (hits: AreaHit[]) => hits.filter((hit) => hit.areaLabel === XUAR);

describe(matchAreaOrder.name, () => {
  it('hits a site in Xinjiang making cotton or tomato products', () => {
    // Cotton anywhere may be Turkmen: the Turkmenistan order asks about it too.
    expect(byArea(areaHits({ country: 'CN', region: 'Xinjiang', products: ['raw cotton'] }))).toEqual([
      ['Turkmenistan', 'potential', 'cotton'],
      [XUAR, 'hit', 'cotton'],
    ]);
    expect(
      byArea(
        areaHits({ country: 'CN', region: 'Xinjiang Uyghur Autonomous Region', products: ['tomato paste'] }),
      ),
    ).toEqual([['the Xinjiang Uyghur Autonomous Region (China)', 'hit', 'tomato']]);
    expect(
      inXinjiang(areaHits({ country: 'CN', city: 'Kashgar', products: ['knitted garments'] }))[0].strength,
    ).toBe('hit');
  });

  it('is China and the Xinjiang region, not all of China', () => {
    const guangdong = inXinjiang(areaHits({ country: 'CN', region: 'Guangdong', products: ['raw cotton'] }));
    expect(guangdong.map((hit) => hit.strength)).toEqual(['potential']);
    expect(guangdong[0].question).toBe(
      "Does this supplier's cotton come from the Xinjiang Uyghur Autonomous Region (China)?",
    );
    expect(areaHits({ country: 'CN', region: 'Guangdong', products: ['printed circuit boards'] })).toEqual(
      [],
    );
    expect(areaHits({ country: 'CN', region: 'Xinjiang', products: ['polysilicon'] })).toEqual([]);
  });

  it('asks about the origin of cotton for a garment maker anywhere', () => {
    const sut = areaHits({ country: 'BD', products: ['Knitted T-shirts', 'polo shirts'] });
    expect(byArea(sut)).toEqual([
      ['Turkmenistan', 'potential', 'cotton'],
      ['the Xinjiang Uyghur Autonomous Region (China)', 'potential', 'cotton'],
    ]);
    expect(sut[0].matchedProducts).toEqual(['Knitted T-shirts', 'polo shirts']);
    expect(originQuestions(sut)).toEqual([
      "Does this supplier's cotton come from Turkmenistan or the Xinjiang Uyghur Autonomous Region (China)?",
    ]);
    expect(areaHits({ country: 'BD', sector: 'garments' }).map((hit) => hit.strength)).toEqual([
      'potential',
      'potential',
    ]);
  });

  it('does not ask about cotton for garments of another material, unless cotton is named too', () => {
    for (const products of [['Merino wool knitwear'], ['Polyester jackets'], ['真丝 服装']]) {
      expect(areaHits({ country: 'PT', products })).toEqual([]);
    }
    expect(byArea(areaHits({ country: 'PT', products: ['Cotton/polyester blend T-shirts'] }))).toEqual([
      ['Turkmenistan', 'potential', 'cotton'],
      [XUAR, 'potential', 'cotton'],
    ]);
    // One product of another material does not clear the others.
    expect(areaHits({ country: 'PT', products: ['Merino wool knitwear', 'Denim jeans'] })).toHaveLength(2);
  });

  it('hits a site in Turkmenistan growing cotton, and a Malawi tobacco buyer', () => {
    expect(byArea(areaHits({ country: 'TM', products: ['cotton lint'] }))).toEqual([
      ['Turkmenistan', 'hit', 'cotton'],
      [XUAR, 'potential', 'cotton'],
    ]);
    const malawi = areaHits({ country: 'MW', products: ['leaf tobacco'] });
    expect(malawi.map((hit) => hit.strength)).toEqual(['hit']);
    expect(malawi[0].reasons.join(' ')).toContain('exempted: Alliance One International (2020-06-03)');
    expect(areaHits({ country: 'ID', products: ['cigarettes'] })[0].question).toBe(
      "Does this supplier's tobacco come from Malawi?",
    );
  });

  it('does not extend an order without downstream cover beyond its country', () => {
    expect(areaHits({ country: 'CD', products: ['gold'] })[0].reasons.join(' ')).toContain(
      'partially modified by CBP',
    );
    expect(areaHits({ country: 'AE', products: ['gold jewellery'] })).toEqual([]);
  });

  it('asks, when the region or the products are not known', () => {
    expect(
      areaHits({ country: 'CN', products: ['cotton yarn'] }).find((hit) => hit.areaLabel.includes('Xinjiang'))
        ?.question,
    ).toBe(
      'Is this site in the Xinjiang Uyghur Autonomous Region (China), and does its cotton come from there?',
    );
    expect(
      areaHits({ country: 'CN', region: 'Xinjiang' }).map((hit) => [hit.strength, hit.question]),
    ).toEqual([['potential', 'Does this supplier make or use cotton or products made with it?']]);
    expect(areaHits({ country: 'FR', products: ['wine'] })).toEqual([]);
  });

  it('reads Chinese product names', () => {
    expect(inXinjiang(areaHits({ country: 'CN', region: '新疆', products: ['棉纱'] }))[0].strength).toBe(
      'hit',
    );
  });
});

describe(parseAreaScope.name, () => {
  it('reads goods, region and downstream cover from the merchandise text', () => {
    expect(
      parseAreaScope(
        'CN',
        'Cotton, Tomatoes and Downstream Products (region-wide: Xinjiang Uyghur Autonomous Region (XUAR))',
        'China',
      ),
    ).toMatchObject({
      products: ['cotton', 'tomato'],
      coversDownstream: true,
      areaLabel: 'the Xinjiang Uyghur Autonomous Region (China)',
    });
    expect(parseAreaScope('BR', 'Charcoal', 'Brazil')).toEqual({
      country: 'BR',
      products: ['charcoal'],
      coversDownstream: false,
      areaLabel: 'Brazil',
    });
  });
});
