// Predictable ids for tests: ORD-0001, QUO-0002…
import type { IdGenerator, IdPrefix } from '../../src/domain/ports.js';

export class SequentialIds implements IdGenerator {
  private n = 0;
  next(prefix: IdPrefix): string {
    this.n += 1;
    return `${prefix}-${String(this.n).padStart(4, '0')}`;
  }
}
