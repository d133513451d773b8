// How big an .xlsx (a zip) really is once inflated, measured before any
// spreadsheet code reads it: a zip bomb (a small file that inflates to
// gigabytes) is refused after at most `limit` bytes of inflating, which are
// counted and dropped, never held. The sizes a zip declares can lie, so every
// part is inflated, not just its header read.
import { createInflateRaw } from 'node:zlib';

export class ZipRefused extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  method: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

function endOfCentralDirectory(b: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) if (b.readUInt32LE(i) === EOCD) return i;
  throw new ZipRefused('not a zip file');
}

function entries(b: Buffer): Entry[] {
  const eocd = endOfCentralDirectory(b);
  const count = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== CENTRAL) throw new ZipRefused('damaged central directory');
    const e = {
      method: b.readUInt16LE(at + 10),
      compressed: b.readUInt32LE(at + 20),
      declared: b.readUInt32LE(at + 24),
      localOffset: b.readUInt32LE(at + 42),
    };
    // ZIP64 (sizes of 4 GiB and more) has no place in a roster.
    if (e.compressed === 0xffffffff || e.declared === 0xffffffff) throw new ZipRefused('ZIP64');
    out.push(e);
    at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return out;
}

function dataOf(b: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  if (at + 30 > b.length || b.readUInt32LE(at) !== LOCAL) throw new ZipRefused('damaged local header');
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  if (start + e.compressed > b.length) throw new ZipRefused('truncated');
  return b.subarray(start, start + e.compressed);
}

/** Inflate `data`, counting; stop as soon as `budget` bytes are exceeded. Resolves to the inflated size. */
function inflatedSize(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    let n = 0;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) {
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(n));
    z.on('error', () => reject(new ZipRefused('damaged data')));
    z.end(data);
  });
}

/**
 * Throws ZipRefused when `bytes` is not a zip ssj can read, or TooBig (a
 * ZipRefused) when its parts inflate to more than `limit` bytes in all.
 */
export async function checkUnzippedSize(bytes: Buffer, limit: number): Promise<number> {
  const list = entries(bytes);
  // Declared sizes first: an honest big file is refused without inflating anything.
  if (list.reduce((n, e) => n + e.declared, 0) > limit) throw new TooBig();
  let total = 0;
  for (const e of list) {
    if (e.method !== 0 && e.method !== 8) throw new ZipRefused(`compression method ${e.method}`);
    const data = dataOf(bytes, e);
    total += e.method === 0 ? data.length : await inflatedSize(data, limit - total);
    if (total > limit) throw new TooBig();
  }
  return total;
}

export class TooBig extends ZipRefused {
  constructor() {
    super('inflates beyond the limit');
  }
}
