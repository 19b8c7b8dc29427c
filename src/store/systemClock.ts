// The wall clock, injected into the domain by the composition root (tests inject a FakeClock).
import type { Clock } from '../domain/ports.js';

export const systemClock: Clock = { now: (): Date => new Date() };
