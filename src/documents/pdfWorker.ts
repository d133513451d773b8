// The thread that renders PDFs (see pdfThread.ts): laying out pages and
// subsetting a CJK font takes 100–250 ms of CPU, which must not stall the
// worker's event loop — heartbeats, other activities, the console.
import { renderYearlyReportPdf } from '../reports/yearlyPdf.ts';
import { serveJobs } from '../threads/jobThread.ts';
import { renderFeedbackCardPdf } from './feedbackCardPdf.ts';
import { renderFilingFormPdf } from './filingFormPdf.ts';
import type { PdfJob } from './pdfThread.ts';
import { renderPhotosPdf } from './photosPdf.ts';
import { renderSchemePdf } from './scheme.ts';

function render(job: PdfJob): Promise<Buffer> {
  switch (job.kind) {
    case 'filing':
      return renderFilingFormPdf(job.data, job.font);
    case 'feedbackCard':
      return renderFeedbackCardPdf(job.data, job.font);
    case 'scheme':
      return renderSchemePdf(job.data, job.font);
    case 'yearlyReport':
      return renderYearlyReportPdf(job.data, job.font);
    case 'photos':
      return renderPhotosPdf(job.data);
  }
}

serveJobs(render);
