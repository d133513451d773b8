// Feedback-card scans (满意度反馈卡): checked by their bytes, not their name,
// and stored content-addressed under .data/scans/ before the workflow hears
// of them — Temporal carries the content id (sha256 and type), never the file
// and never a path: every reader finds the file under its own data directory.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type FeedbackCardUpload, MAX_SCAN_BYTES } from '../workflows/inspection/types.ts';

const SIGNATURES: [FeedbackCardUpload['mimeType'], number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

export class ScanRejected extends Error {}

export function sniffScan(bytes: Uint8Array): FeedbackCardUpload['mimeType'] | null {
  for (const [mime, sig] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return mime;
  return null;
}

export function storeScan(dataDir: string, fileName: string, bytes: Uint8Array, actor: string): FeedbackCardUpload {
  if (bytes.length === 0) throw new ScanRejected(`扫描件：${fileName} 是空文件，请重新扫描后上传`);
  if (bytes.length > MAX_SCAN_BYTES)
    throw new ScanRejected(
      `扫描件：${fileName} 有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${MAX_SCAN_BYTES / 1048576} MB 的上限，请降低扫描分辨率后重新上传`,
    );
  const mimeType = sniffScan(bytes);
  if (!mimeType)
    throw new ScanRejected(
      `扫描件：${fileName} 的内容不是 PDF、JPEG 或 PNG（只看文件内容，不看扩展名），请上传反馈卡的扫描件或照片`,
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = scanFile(dataDir, sha256, mimeType);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, bytes);
  return { fileName: path.basename(fileName).slice(0, 255), mimeType, size: bytes.length, sha256, actor };
}

/** Pixels a PNG may have: a phone's photo is 12–50 megapixels; a small file claiming more is a decompression bomb. */
const MAX_PNG_PIXELS = 50_000_000;

/**
 * What is wrong with a PNG to be put into a PDF, from its header alone: the
 * PDF library decodes every pixel of some PNGs (interlaced, with alpha), so
 * the size it claims is checked before anything is inflated.
 */
export function pngProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 33) return '不是完整的 PNG 文件，请重新拍照';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  if (width === 0 || height === 0 || width * height > MAX_PNG_PIXELS)
    return `的尺寸 ${width}×${height} 不像一张照片（最多 ${MAX_PNG_PIXELS / 1_000_000} 百万像素），请重新拍照`;
  if (bytes[28] === 1) return '是隔行扫描的 PNG，请改存为 JPEG 或普通 PNG';
  return null;
}

/** Photos a phone may send at once (the card's sides, a retake). */
export const MAX_PHOTOS = 6;

/**
 * The feedback card as uploaded: one file is stored as it is; several (photos
 * of its pages) must all be JPEG or PNG and are combined into one PDF, so
 * 区优化办 receives one attachment. The combined PDF is bound by the same limit.
 */
export async function storeScans(
  dataDir: string,
  files: { filename: string; bytes: Uint8Array }[],
  actor: string,
  combine: (photos: { bytes: Uint8Array }[]) => Promise<Uint8Array>,
): Promise<FeedbackCardUpload> {
  if (files.length === 0) throw new ScanRejected('扫描件：请选择要上传的反馈卡扫描件或照片');
  if (files.length > MAX_PHOTOS) throw new ScanRejected(`扫描件：一次最多 ${MAX_PHOTOS} 张照片`);
  const [only] = files;
  if (files.length === 1 && only) return storeScan(dataDir, only.filename, only.bytes, actor);
  for (const f of files) {
    const kind = f.bytes.length ? sniffScan(f.bytes) : null;
    if (kind !== 'image/jpeg' && kind !== 'image/png')
      throw new ScanRejected(`扫描件：${f.filename} 不是 JPEG 或 PNG 照片；多张上传时只能是照片，PDF 请单独上传`);
    const problem = kind === 'image/png' ? pngProblem(f.bytes) : null;
    if (problem) throw new ScanRejected(`扫描件：${f.filename} ${problem}`);
  }
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > MAX_SCAN_BYTES)
    throw new ScanRejected(
      `扫描件：${files.length} 张照片合计 ${(total / 1048576).toFixed(1)} MB，超过 ${MAX_SCAN_BYTES / 1048576} MB：请减少张数，或在相机设置中降低分辨率后重拍`,
    );
  const pdf = await combine(files).catch((e: unknown) => {
    // pdfkit reads every photo: one it cannot read is the photo's fault, said as such. (It throws strings too.)
    const why = (e instanceof Error ? e.message : String(e)).replace(/^PDF: /, '');
    throw new ScanRejected(`扫描件：有照片无法读取（${why}），请重新拍照后上传`);
  });
  return storeScan(dataDir, `满意度反馈卡（${files.length} 张照片）.pdf`, pdf, actor);
}

const EXT: Record<FeedbackCardUpload['mimeType'], string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
};

/** Where a scan with this content id lives: only ever inside the data directory, whatever the caller sent. */
export function scanFile(dataDir: string, sha256: string, mimeType: string): string {
  const ext = EXT[mimeType as FeedbackCardUpload['mimeType']];
  if (!/^[0-9a-f]{64}$/.test(sha256) || !ext)
    throw new ScanRejected(`扫描件：找不到已保存的扫描件（${sha256}），请重新上传`);
  return path.join(path.resolve(dataDir, 'scans'), `${sha256}${ext}`);
}
