// Fixtures shared by tests and bench scripts (no vitest here: bench/ imports it).
import { deflateSync } from 'node:zlib';
import type { DeadlinePolicy } from '../../src/workflows/inspection/types.ts';

const HOUR = 3600_000;

/** Deadlines far enough away that nothing escalates during a test. */
export const CALM_POLICY: DeadlinePolicy = {
  recusal: { afterMs: 24 * HOUR },
  scheme: { afterMs: 24 * HOUR },
  inspection: { afterMs: 24 * HOUR },
  feedbackCard: { afterMs: 24 * HOUR },
  publication: { workingDays: 7 },
  followUp: { afterMs: 24 * HOUR },
  remindBeforeMs: HOUR,
  leaderAfterMs: HOUR,
};

/** A 1×1 PNG: a feedback-card "scan" that passes the type sniffing. */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** A valid PNG of w×h grey pixels (a photo stand-in that image readers such as pdfkit decode). */
export function pngOf(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w, 0x80)])));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
