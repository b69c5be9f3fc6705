import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer } from '../support/workbooks.js';

// A brand disclosure list as brands publish them: name, address, country, a product type and worker counts, no
// questionnaire. What the API says about each site: the assessed score from known facts, the range the unknowns
// leave open, data confidence, the questions to ask first and why the site is where it is in the work list.

describe('assessments of a disclosure list: known risk, a range for the unknowns', () => {
  let sut: TestApp;
  const bySupplier = new Map<string, any>();

  beforeAll(async () => {
    sut = await startTestApp();
    const file = await xlsxBuffer([
      ['Facility Name', 'Address', 'Country', 'Product Type', 'Number of Workers', 'Forced labour indicator'],
      [
        'Pearl River Garment Co., Ltd.',
        '18 Industrial Road, Dongguan, Guangdong',
        'China',
        'Apparel',
        850,
        '',
      ],
      ['Tianshan Knitting Co., Ltd.', '9 Youhao Road, Urumqi, Xinjiang', 'China', 'Apparel', 600, ''],
      ['Midtown Print Shop Inc.', '221 W 37th St, New York, NY', 'United States', '', 12, ''],
    ]);
    await sut
      .as()
      .post('/imports')
      .field('list', 'Brand disclosure')
      .attach('file', file, 'factories.xlsx')
      .expect(201);
    const list = await sut.as().get('/suppliers?pageSize=100').expect(200);
    for (const item of list.body.items) {
      bySupplier.set(item.name, (await sut.as().get(`/suppliers/${item.id}`).expect(200)).body);
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  it('scores a site known by name and address on its country, sector and goods only, and shows what is open', () => {
    const guangdong = bySupplier.get('Pearl River Garment Co., Ltd.');
    const { assessment } = guangdong;
    expect(assessment.contributions.every((c: any) => !c.missingData)).toBe(true);
    expect(assessment.contributions.map((c: any) => c.category)).toEqual(
      expect.arrayContaining(['country', 'sector']),
    );
    expect(assessment.tier).not.toBe('critical');
    expect(assessment.redFlags).toEqual([]);
    const { uncertainty } = assessment;
    expect(uncertainty.range.high).toBeGreaterThan(assessment.score);
    // Country, sector and goods are known; the site itself is not: not a high confidence.
    expect(uncertainty.confidenceLevel).not.toBe('high');
    expect(uncertainty.confidence).toBeLessThan(
      bySupplier.get('Tianshan Knitting Co., Ltd.').assessment.uncertainty.confidence + 0.001,
    );
    // The ILO indicators could raise red flags: asked first, never assumed.
    expect(uncertainty.openQuestions[0]).toMatchObject({
      couldRaiseRedFlag: true,
      fields: expect.any(Array),
    });
    expect(uncertainty.openQuestions.some((q: any) => !q.couldRaiseRedFlag && q.openPoints > 0)).toBe(true);
    expect(guangdong.priorityReason).toContain(`${assessment.tier} assessed tier`);
  });

  it('raises the import-ban red flag from the address, and says so as a fact', () => {
    const urumqi = bySupplier.get('Tianshan Knitting Co., Ltd.').assessment;
    expect(urumqi.tier).toBe('critical');
    expect(urumqi.redFlags.map((f: any) => f.indicatorId)).toEqual(['country.xinjiang-uflpa']);
  });

  it('keeps a print shop in a low-risk country low or medium, with a range and low confidence', () => {
    const printShop = bySupplier.get('Midtown Print Shop Inc.').assessment;
    expect(['low', 'medium']).toContain(printShop.tier);
    expect(printShop.uncertainty.range.high).toBeGreaterThan(printShop.uncertainty.range.low);
    expect(printShop.uncertainty.confidenceLevel).toBe('low');
  });

  it("lists each supplier's range, confidence and place in the work list as its own assessment gives them", async () => {
    const list = await sut.as().get('/suppliers?pageSize=100&sort=priority').expect(200);
    expect(list.body.items).toHaveLength(bySupplier.size);
    for (const item of list.body.items) {
      const detail = bySupplier.get(item.name);
      const { uncertainty } = detail.assessment;
      expect([item.name, item.range, item.confidenceLevel, item.priorityReason]).toEqual([
        item.name,
        uncertainty.range,
        uncertainty.confidenceLevel,
        detail.priorityReason,
      ]);
      expect(item.confidence).toBeCloseTo(uncertainty.confidence, 5);
    }
  });

  it('orders the work list by tier and red flags first', async () => {
    const list = await sut.as().get('/suppliers?pageSize=100&sort=priority').expect(200);
    expect(list.body.items[0].name).toBe('Tianshan Knitting Co., Ltd.');
  });
});
