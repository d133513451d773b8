// The draw's random source: SHA-256 in counter mode, keyed by the revealed
// seed. Anyone can recompute it with any SHA-256 implementation:
//
//   block(stream, i) = SHA-256( key ‖ 0x00 ‖ utf8(stream) ‖ 0x00 ‖ uint32be(i) )
//   words            = the block's 8 big-endian uint32s, blocks i = 0, 1, 2, …
//
// Each purpose ("enterprises:C", "team:42", …) has its own stream, so adding
// a step never shifts the numbers another step sees. Integers in [0, n) use
// rejection sampling (no modulo bias). Never Math.random.
import { hash } from 'node:crypto';

export class DrawRandom {
  private block: Buffer = Buffer.alloc(0);
  private offset = 32;
  private counter = 0;
  /** key ‖ 0x00 ‖ stream ‖ 0x00 ‖ counter: one buffer, the counter rewritten in place. */
  private readonly input: Buffer;

  constructor(key: string, stream: string) {
    // NUL is one zero byte in UTF-8, so this is exactly the layout above.
    const prefix = `${key}\0${stream}\0`;
    const n = Buffer.byteLength(prefix, 'utf8');
    this.input = Buffer.allocUnsafe(n + 4);
    this.input.write(prefix, 0, 'utf8');
  }

  nextUint32(): number {
    if (this.offset >= 32) {
      this.input.writeUInt32BE(this.counter++, this.input.length - 4);
      // One-shot hash: half the cost of createHash().update().digest() per block.
      this.block = hash('sha256', this.input, 'buffer') as unknown as Buffer;
      this.offset = 0;
    }
    const v = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /** Uniform integer in [0, n), n ≤ 2^32, by rejection sampling. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0x1_0000_0000) throw new RangeError(`below(${n})`);
    const limit = Math.floor(0x1_0000_0000 / n) * n;
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }
}

/**
 * k distinct elements of xs, uniformly, in draw order: a partial
 * Fisher–Yates shuffle (for i = 0…k−1 swap positions i and i + below(n − i);
 * the first k are the sample). Done sparsely — only moved positions are
 * remembered — so drawing 1,000 of 100,000 copies nothing; the result is the
 * same as shuffling a copy of the array.
 */
export function sample<T>(xs: ArrayLike<T>, k: number, rnd: DrawRandom): T[] {
  const n = xs.length;
  if (k > n) throw new RangeError(`sample ${k} of ${n}`);
  const moved = new Map<number, number>(); // position → index of the element now there
  const out: T[] = new Array(k);
  for (let i = 0; i < k; i++) {
    const j = i + rnd.below(n - i);
    out[i] = xs[moved.get(j) ?? j] as T;
    moved.set(j, moved.get(i) ?? i);
  }
  return out;
}

/** The textbook version on a copy of the array: the reference `sample` must equal (and the benchmark's baseline). */
export function sampleByCopy<T>(xs: readonly T[], k: number, rnd: DrawRandom): T[] {
  if (k > xs.length) throw new RangeError(`sample ${k} of ${xs.length}`);
  const a = xs.slice();
  for (let i = 0; i < k; i++) {
    const j = i + rnd.below(a.length - i);
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a.slice(0, k);
}
