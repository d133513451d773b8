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
