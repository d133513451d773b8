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
  if (!/^[0-9a-f]{64}$/.test(sha256) || !ext) throw new ScanRejected(`sha256/mimeType: not a stored scan (${sha256})`);
  return path.join(path.resolve(dataDir, 'scans'), `${sha256}${ext}`);
}
