import { describe, expect, it } from '@jest/globals';
import { RefusedRequestTally, type RefusedRequest } from './refused-requests.js';

const anonymous: RefusedRequest = {
  status: 401,
  code: 'NOT_SIGNED_IN',
  method: 'GET',
  route: '/suppliers',
  actor: null,
  role: null,
  address: '203.0.113.7',
};
const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 10, 0, second));

describe(RefusedRequestTally.name, () => {
  it('counts a flood of the same refusal as one group with its first and last time', () => {
    const sut = new RefusedRequestTally();
    for (let i = 0; i < 1_000; i++) {
      sut.note(anonymous, at(Math.floor(i / 20)));
    }

    expect(sut.drain()).toEqual([{ request: anonymous, count: 1_000, first: at(0), last: at(49) }]);
    expect(sut.drain()).toEqual([]);
  });

  it('keeps callers, routes and reasons apart', () => {
    const sut = new RefusedRequestTally();
    sut.note(anonymous, at(0));
    sut.note({ ...anonymous, address: '203.0.113.8' }, at(1));
    sut.note({ ...anonymous, route: '/suppliers/:id' }, at(2));
    sut.note(
      { ...anonymous, status: 403, code: 'FORBIDDEN', actor: 'buyer@x.test', role: 'procurement' },
      at(3),
    );

    expect(sut.drain().map((group) => group.count)).toEqual([1, 1, 1, 1]);
  });

  it('counts groups past its bound in one overflow group, so memory stays bounded', () => {
    const sut = new RefusedRequestTally(3);
    for (let i = 0; i < 10; i++) {
      sut.note({ ...anonymous, address: `198.51.100.${i}` }, at(i));
    }

    const groups = sut.drain();

    expect(groups).toHaveLength(4);
    expect(groups[3]).toMatchObject({
      request: { code: 'MANY_KINDS', route: '*' },
      count: 7,
      first: at(3),
      last: at(9),
    });
  });
});
