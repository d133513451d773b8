// Render a PDF on a thread of its own, so the CPU it takes (font subsetting,
// layout) never blocks this process's event loop. One long-lived thread,
// started on first use and not keeping the process alive.
import type { YearlyReport } from '../reports/yearly.ts';
import { JobThread } from '../threads/jobThread.ts';
import type { FeedbackCardData } from './feedbackCardPdf.ts';
import type { FilingFormData } from './filingForm.ts';
import type { CjkFont } from './fonts.ts';
import type { Photo } from './photosPdf.ts';
import type { SchemeData } from './scheme.ts';

export type PdfJob =
  | { kind: 'filing'; data: FilingFormData; font: CjkFont }
  | { kind: 'feedbackCard'; data: FeedbackCardData; font: CjkFont }
  | { kind: 'scheme'; data: SchemeData; font: CjkFont }
  | { kind: 'yearlyReport'; data: YearlyReport; font: CjkFont }
  | { kind: 'photos'; data: Photo[] };

const thread = new JobThread<PdfJob, Uint8Array>(new URL('./pdfWorker.mjs', import.meta.url), 'PDF');

export async function renderPdf(job: PdfJob): Promise<Buffer> {
  return Buffer.from(await thread.run(job));
}
