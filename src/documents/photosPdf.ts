// Photos of a feedback card (taken with a phone at the enterprise, one per
// side) combined into one PDF for the email to 区优化办: an A4 page per photo,
// the photo fitted whole. No font: nothing is written but the pictures.
import PDFDocument from 'pdfkit';

export interface Photo {
  bytes: Uint8Array;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 24;

export function renderPhotosPdf(photos: Photo[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A fixed date: the same photos give the same bytes, so the stored scan (named by its hash) is the same.
    const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date(0), Title: '满意度反馈卡' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const p of photos) {
      doc.addPage({ size: 'A4', margin: MARGIN });
      doc.image(Buffer.from(p.bytes), MARGIN, MARGIN, {
        fit: [A4.width - 2 * MARGIN, A4.height - 2 * MARGIN],
        align: 'center',
        valign: 'center',
      });
    }
    doc.end();
  });
}
