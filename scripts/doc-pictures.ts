// Pictures of every generated document for docs/documents/: each is rendered
// from the same seeded year the tests use, as PDF, then PDF → PNG with
// poppler's pdftoppm (Debian: poppler-utils).
//   npm run docs:pictures
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrate } from '../src/db/client.ts';
import { renderFeedbackCardPdf } from '../src/documents/feedbackCardPdf.ts';
import { renderFilingFormPdf } from '../src/documents/filingFormPdf.ts';
import { findCjkFont } from '../src/documents/fonts.ts';
import { renderSchemePdf, schemeDraft } from '../src/documents/scheme.ts';
import { loadSchemeData } from '../src/records/scheme.ts';
import { buildYearlyReport } from '../src/reports/yearly.ts';
import { renderYearlyReportPdf } from '../src/reports/yearlyPdf.ts';
import { seedReportYear } from '../test/support/reportYear.ts';

const YEAR = 2027;
const out = path.resolve(import.meta.dirname, '..', 'docs', 'documents');
const font = findCjkFont();
if (!font) throw new Error('SSJ_CJK_FONT: no CJK font (apt-get install fonts-noto-cjk)');
try {
  execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
} catch {
  throw new Error('pdftoppm not found: apt-get install poppler-utils');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-pictures-'));
const url = `file:${path.join(dir, 'pictures.db')}`;
await migrate(url);
const db = createDb(url);
const { schemeInspectionId } = await seedReportYear(db, YEAR);
const d = await loadSchemeData(db, schemeInspectionId);
const id = String(schemeInspectionId).padStart(5, '0');

const documents: [string, Buffer][] = [
  [
    'filing-form',
    await renderFilingFormPdf(
      {
        formNo: `LSTBA-${YEAR}-${id}`,
        unitName: d.unitName,
        origin: d.origin,
        drawId: d.draw?.id ?? null,
        drawDigest: d.draw?.digest ?? null,
        enterprise: d.enterprise,
        inspectors: d.inspectors,
        experts: d.experts,
        items: d.items,
        window: d.window,
        filedOn: `${YEAR}-02-26`,
      },
      font,
    ),
  ],
  [
    'feedback-card',
    await renderFeedbackCardPdf(
      {
        reference: `FK-${id}`,
        workflowId: `inspection-${id}`,
        unitName: d.unitName,
        enterpriseName: d.enterprise.name,
        creditCode: d.enterprise.creditCode,
        inspectors: d.inspectors.map((i) => i.name),
        date: `${YEAR}-03-10`,
      },
      font,
    ),
  ],
  ['scheme', await renderSchemePdf({ ...d, submitted: schemeDraft(d) }, font)],
  [
    'yearly-report',
    await renderYearlyReportPdf(await buildYearlyReport(db, YEAR, null, new Date(`${YEAR}-12-31T08:00:00Z`)), font),
  ],
];
fs.mkdirSync(out, { recursive: true });
for (const [name, pdf] of documents) {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(out, name)]);
  console.log(
    `${name}: ${fs
      .readdirSync(out)
      .filter((f) => f.startsWith(`${name}-`))
      .join(', ')}`,
  );
}
await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
