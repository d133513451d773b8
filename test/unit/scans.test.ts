// Feedback-card photos: several become one PDF; a PNG whose header claims a
// bomb's size, or that is interlaced, is refused before anything is inflated;
// an image the PDF library cannot read is refused in words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPhotosPdf } from '../../src/documents/photosPdf.ts';
import { pngProblem, ScanRejected, storeScans } from '../../src/documents/scans.ts';
import { pngOf } from '../support/fixtures.ts';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-scans-'));

/** A PNG header claiming w×h (and interlace), with no pixels behind it. */
function claimed(w: number, h: number, interlace = 0): Buffer {
  const png = Buffer.from(pngOf(1, 1));
  png.writeUInt32BE(w, 16);
  png.writeUInt32BE(h, 20);
  png[28] = interlace;
  return png;
}

describe('feedback-card photos', () => {
  it('refuses a PNG that claims a bomb’s size, or is interlaced, from its header', () => {
    expect(pngProblem(pngOf(40, 30))).toBeNull();
    expect(pngProblem(claimed(4000, 3000))).toBeNull(); // a 12-megapixel phone photo
    expect(pngProblem(claimed(100_000, 100_000))).toMatch(/尺寸 100000×100000 不像一张照片/);
    expect(pngProblem(claimed(40, 30, 1))).toMatch(/隔行扫描/);
    expect(pngProblem(Buffer.from('89504e47', 'hex'))).toMatch(/不是完整的 PNG/);
  });

  it('combines photos into one PDF, a page each, the same bytes for the same photos', async () => {
    const files = [
      { filename: 'a.png', bytes: pngOf(40, 60) },
      { filename: 'b.png', bytes: pngOf(60, 40) },
    ];
    const d = dir();
    const one = await storeScans(d, files, '张', (p) => renderPhotosPdf(p));
    const two = await storeScans(d, files, '张', (p) => renderPhotosPdf(p));
    expect(one).toMatchObject({ mimeType: 'application/pdf', fileName: '满意度反馈卡（2 张照片）.pdf' });
    expect(two.sha256).toBe(one.sha256);
    const bomb = [files[0] as (typeof files)[0], { filename: 'bomb.png', bytes: claimed(100_000, 100_000) }];
    await expect(storeScans(d, bomb, '张', (p) => renderPhotosPdf(p))).rejects.toThrow(ScanRejected);
  });

  it('refuses in words an image the PDF library cannot read', async () => {
    const broken = Buffer.concat([pngOf(4, 4).subarray(0, 33), Buffer.from('IDATnotzlib')]);
    const files = [
      { filename: 'a.png', bytes: pngOf(4, 4) },
      { filename: '坏.png', bytes: broken },
    ];
    const failing = () => Promise.reject('Invalid PNG.'); // pdfkit throws strings
    await expect(storeScans(dir(), files, '张', failing)).rejects.toThrow(/有照片无法读取（Invalid PNG\.）/);
  });
});
