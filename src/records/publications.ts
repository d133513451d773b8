// Publication records (Art. 17, 18) in forms the provincial platform and
// 信用永州 staff can paste or upload: .xlsx and .csv with Chinese headers,
// and JSON for machines.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.ts';
import { FOLLOW_UP_DECISION, ITEM_RESULT, nameOf } from '../domain/glossary.ts';
import { spreadsheetText } from '../shared/spreadsheet.ts';

export const PUBLICATION_HEADERS = [
  '检查对象',
  '统一社会信用代码',
  '抽取方式',
  '执法检查人员',
  '检查时间',
  '检查过程',
  '检查结果',
  '公示类别',
  '反馈情况',
  '意见建议',
  '结果运用',
  '后续处置',
  '公示日期',
];

interface Content {
  drawnBy?: { drawId?: string; digest?: string; origin?: string };
  inspectors?: { name: string; certificateNo: string }[];
  time?: { scheduled?: string; ended?: string };
  process?: string | null;
  results?: { item: string; result: string; notes?: string | null }[];
  feedback?: { received: boolean };
  enterpriseOpinion?: string | null;
  useOfResults?: string;
}

export async function publicationRows(db: Db, onProgress?: (done: number, total: number) => void) {
  const total = await db.publication.count();
  const out: { record: Record<string, unknown>; row: string[] }[] = [];
  for (let skip = 0; skip < total; skip += 200) {
    const batch = await db.publication.findMany({
      include: { inspection: { include: { enterprise: true, followUp: true } } },
      orderBy: { id: 'asc' },
      skip,
      take: 200,
    });
    for (const p of batch) {
      const c = p.content as Content;
      const f = p.inspection.followUp;
      const row = [
        p.inspection.enterprise.name,
        p.inspection.enterprise.creditCode,
        c.drawnBy?.drawId
          ? `双随机抽取 ${c.drawnBy.drawId}（校验值 ${c.drawnBy.digest ?? ''}）`
          : (c.drawnBy?.origin ?? ''),
        (c.inspectors ?? []).map((i) => `${i.name}（${i.certificateNo}）`).join('、'),
        c.time?.ended ?? c.time?.scheduled ?? '',
        c.process ?? '',
        (c.results ?? [])
          .map((r) => `${r.item}：${nameOf(ITEM_RESULT, r.result)}${r.notes ? `（${r.notes}）` : ''}`)
          .join('；'),
        p.categoryName ?? '',
        c.feedback?.received ? '已报送满意度反馈卡' : '未报送',
        c.enterpriseOpinion ?? '',
        c.useOfResults ?? '',
        f ? `${nameOf(FOLLOW_UP_DECISION, f.decision)}：${f.reasons}` : '',
        p.creditYongzhouAt.toISOString().slice(0, 10),
      ];
      out.push({
        record: {
          ...c,
          enterprise: p.inspection.enterprise.name,
          creditCode: p.inspection.enterprise.creditCode,
          followUp: f,
        },
        row,
      });
    }
    onProgress?.(Math.min(skip + 200, total), total);
  }
  return out;
}

export async function exportPublications(
  db: Db,
  format: 'xlsx' | 'csv' | 'json',
  onProgress?: (done: number, total: number) => void,
): Promise<Buffer> {
  const rows = await publicationRows(db, onProgress);
  if (format === 'json')
    return Buffer.from(
      JSON.stringify(
        rows.map((r) => r.record),
        null,
        2,
      ),
    );
  const table = rows.map((r) => r.row.map(spreadsheetText));
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([PUBLICATION_HEADERS, ...table])}`);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('双随机抽查结果');
  sheet.addRow(PUBLICATION_HEADERS);
  for (const r of table) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
