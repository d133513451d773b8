// Feedback-card scans (满意度反馈卡): checked by their bytes, not their name,
// and stored content-addressed under .data/scans/ before the workflow hears
// of them — Temporal carries the reference, never the file.
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
  if (bytes.length === 0) throw new ScanRejected(`file: ${fileName} is empty`);
  if (bytes.length > MAX_SCAN_BYTES)
    throw new ScanRejected(
      `file: ${fileName} is ${(bytes.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_SCAN_BYTES / 1048576} MiB — scan at a lower resolution`,
    );
  const mimeType = sniffScan(bytes);
  if (!mimeType)
    throw new ScanRejected(
      `file: ${fileName} is not a PDF, JPEG or PNG (its content says otherwise); upload the scan itself`,
    );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = path.resolve(dataDir, 'scans');
  fs.mkdirSync(dir, { recursive: true });
  const ext = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' }[mimeType];
  const storagePath = path.join(dir, `${sha256}${ext}`);
  if (!fs.existsSync(storagePath)) fs.writeFileSync(storagePath, bytes);
  return { fileName: path.basename(fileName), mimeType, size: bytes.length, sha256, storagePath, actor };
}
