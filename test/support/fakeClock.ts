// A clock the test moves by hand.
import type { Clock } from '../../src/domain/ports.js';

export class FakeClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2026-11-23T10:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: string | Date): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  advanceDays(days: number): void {
    this.current += days * 24 * 60 * 60 * 1000;
  }
}
