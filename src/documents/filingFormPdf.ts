// 《冷水滩区"双随机、一公开"涉企检查登记备案表》 as a printable A4 PDF with the
// CJK font embedded: one page per copy (区优化办 / 检查单位 / 检查对象).
import PDFDocument from 'pdfkit';
import { COPY_HOLDERS, type FilingFormData } from './filingForm.ts';
import { type CjkFont, useCjkFont } from './fonts.ts';

function rows(d: FilingFormData): [string, string][] {
  return [
    ['备案编号', d.formNo],
    ['检查单位', d.unitName],
    ['检查方式', d.origin],
    ['抽取记录', d.drawId ? `${d.drawId}\n校验值 ${d.drawDigest ?? ''}` : '非随机检查（第八条）'],
    ['检查对象', `${d.enterprise.name}\n统一社会信用代码 ${d.enterprise.creditCode}`],
    ['地址', d.enterprise.address],
    ['执法检查人员', d.inspectors.map((i) => `${i.name}（执法证号 ${i.certificateNo}）`).join('\n')],
    ['专家', d.experts.map((e) => e.name).join('、') || '无'],
    ['检查事项', d.items.map((i) => `${i.name}（${i.legalBasis}）`).join('\n')],
    ['检查时间段', `${d.window.start} 至 ${d.window.end}`],
    ['备案日期', d.filedOn],
  ];
}

export function renderFilingFormPdf(d: FilingFormData, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `登记备案表 ${d.formNo}`, Author: '冷水滩区应急管理局' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  useCjkFont(doc, font);
  doc.font('cjk');
  COPY_HOLDERS.forEach(([, label], k) => {
    if (k > 0) doc.addPage();
    doc.fontSize(16).text('冷水滩区“双随机、一公开”涉企检查登记备案表', { align: 'center' });
    doc.moveDown(0.3).fontSize(10).text(label, { align: 'right' }).moveDown(0.5);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    for (const [k2, v] of rows(d)) {
      const y = doc.y;
      doc.fontSize(10);
      const h = Math.max(doc.heightOfString(v, { width: width - 110 }), 14) + 10;
      doc
        .rect(left, y, 100, h)
        .rect(left + 100, y, width - 100, h)
        .stroke();
      doc.text(k2, left + 6, y + 5, { width: 88 });
      doc.text(v, left + 106, y + 5, { width: width - 112 });
      doc.y = y + h;
    }
    doc.moveDown(2).text('检查单位（盖章）：                    区优化办（签收）：', left);
  });
  doc.end();
  return done;
}
