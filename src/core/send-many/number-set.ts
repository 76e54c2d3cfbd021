/**
 * A set of phone numbers as `numberKey`s (E.164 digits as a number), in open addressing over a
 * Float64Array: 8 to 32 bytes a number, where a `Set<number>` of numbers above 2^31 (heap numbers)
 * takes about 50, and twice that while it grows. A million recipients fit in 16 MB. Pure.
 */
export class NumberSet {
  private table: Float64Array;
  private mask: number;
  /** How many numbers it holds. */
  size = 0;

  constructor(expected = 1024) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.table = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** Whether `key` (a positive whole number below 2^53) is in the set. */
  has(key: number): boolean {
    const t = this.table;
    for (let i = slot(key, this.mask); ; i = (i + 1) & this.mask) {
      const v = t[i];
      if (v === key) return true;
      if (v === 0) return false;
    }
  }

  /** Adds `key`; false when it was there already. */
  add(key: number): boolean {
    if (!(key > 0)) throw new RangeError(`not a number key: ${key}`);
    const t = this.table;
    for (let i = slot(key, this.mask); ; i = (i + 1) & this.mask) {
      const v = t[i];
      if (v === key) return false;
      if (v === 0) {
        t[i] = key;
        if (++this.size * 2 > t.length) this.grow();
        return true;
      }
    }
  }

  *[Symbol.iterator](): IterableIterator<number> {
    for (const v of this.table) if (v !== 0) yield v;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      let i = slot(v, this.mask);
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = v;
    }
  }
}

/** Mixes both halves of the key (ToUint32 takes it modulo 2^32) into a slot. */
function slot(key: number, mask: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return h & mask;
}
