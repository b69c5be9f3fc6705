/** Injected wherever "today" matters (assessment dates, mitigation recency), so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
