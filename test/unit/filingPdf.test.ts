// The filing form PDF: A4, CJK font embedded, three copies, and the text a
// reader needs — checked by extracting the text back out with pdf.js.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { FilingFormData } from '../../src/documents/filingForm.ts';
import { renderFilingFormPdf } from '../../src/documents/filingFormPdf.ts';
import { findCjkFont } from '../../src/documents/fonts.ts';
import { pdfPagesText } from '../support/pdf.ts';

const form: FilingFormData = {
  formNo: 'LSTBA-2027-00042',
  unitName: '非煤矿山安全监督管理股',
  origin: '双随机抽查',
  drawId: 'D2027-FMG-01',
  drawDigest: 'deb76ed30bb988445997f61bf2170fb3183f2d9683e9ab3f6d39ada15c103001',
  enterprise: {
    name: '冷水滩区富泰页岩矿',
    creditCode: '91431103MA4L8UK46T',
    address: '永州市冷水滩区梅湾街道建设路12号',
  },
  inspectors: [
    { name: '彭敏', certificateNo: '湘43110384' },
    { name: '雷明', certificateNo: '湘43110342' },
  ],
  experts: [],
  items: [{ name: '边坡管理', legalBasis: '《金属非金属矿山安全规程》（GB 16423）' }],
  window: { start: '2027-01-15', end: '2027-03-15' },
  filedOn: '2027-01-12',
};

// CI installs Debian's fonts-noto-cjk; elsewhere the test says why it did not run.
const font = findCjkFont();
describe.runIf(font || process.env.CI === 'true')('filing form PDF', () => {
  it('has three A4 copies with the enterprise, the team, the items and the draw reference', async () => {
    const pdf = await renderFilingFormPdf(form, font as NonNullable<typeof font>);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPagesText(pdf);
    expect(pages).toHaveLength(3);
    expect(pages.map((t) => t.match(/(区优化办|检查单位|检查对象)留存/)?.[0])).toEqual([
      '区优化办留存',
      '检查单位留存',
      '检查对象留存',
    ]);
    for (const t of pages) {
      expect(t).toContain('冷水滩区“双随机、一公开”涉企检查登记备案表');
      expect(t).toContain('冷水滩区富泰页岩矿');
      expect(t).toContain('91431103MA4L8UK46T');
      expect(t).toContain('彭敏（执法证号 湘43110384）');
      expect(t).toContain('《金属非金属矿山安全规程》');
      expect(t).toContain('D2027-FMG-01');
    }
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    const { view } = await doc.getPage(1);
    expect([Math.round(view[2] ?? 0), Math.round(view[3] ?? 0)]).toEqual([595, 842]); // A4 in points
  });

  it('is the same document whether the shaped text came fresh or from the process-wide cache', async () => {
    const f = font as NonNullable<typeof font>;
    // Only the dates and the random document ID may differ between two renders.
    const body = (pdf: Buffer) =>
      pdf
        .toString('latin1')
        .replace(/\(D:\d{14}Z\)/g, '(D:…)')
        .replace(/\/ID \[[^\]]*\]/, '');
    const other = {
      ...form,
      formNo: 'LSTBA-2027-00043',
      enterprise: { ...form.enterprise, name: '冷水滩区石门采石场' },
    };
    const first = await renderFilingFormPdf(other, f); // its names are new to the cache
    await renderFilingFormPdf(form, f);
    const again = await renderFilingFormPdf(other, f); // every run now comes from the cache
    expect(body(again)).toBe(body(first));
  });
});
