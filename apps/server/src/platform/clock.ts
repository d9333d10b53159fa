export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand instead of sleeping. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-20T02:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
  advanceMinutes(m: number) {
    this.advance(m * 60_000);
  }
  advanceHours(h: number) {
    this.advance(h * 3_600_000);
  }
  advanceDays(d: number) {
    this.advance(d * 86_400_000);
  }
}
