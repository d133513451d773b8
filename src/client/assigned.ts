// An Art. 8 inspection (投诉, 举报, 上级交办, 专项行动, 其他部门移送) as staff
// describe it in the console or the CLI: its origin and basis, the
// enterprise, at least two inspectors and the items, chosen rather than
// drawn, and its window. Checked field by field, in Chinese, against the
// rosters; never counted as random (Art. 15 counts random inspections only).
import type { Db } from '../db/client.ts';
import { ORIGIN_NAMES } from '../domain/sectors.ts';
import type { DeadlinePolicy, InspectionInput, Origin } from '../workflows/inspection/types.ts';

export interface AssignedForm {
  origin: string;
  /** The basis: the complaint's or the referral's number, the leader's instruction, the campaign. */
  basis: string;
  unitCode: string;
  creditCode: string;
  inspectorCerts: string[];
  itemCodes: string[];
  from: string;
  to: string;
}

export class AssignedFormError extends Error {
  constructor(readonly problems: string[]) {
    super(`未开始检查，请修改后重试：\n${problems.join('\n')}`);
    this.name = 'AssignedFormError';
  }
}

const ORIGINS = Object.keys(ORIGIN_NAMES).filter((o) => o !== 'RANDOM') as Exclude<Origin, 'RANDOM'>[];
const DAY = /^\d{4}-\d\d-\d\d$/;
const realDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** The business key: one inspection per origin, enterprise and start day, so a retried start starts nothing. */
export const assignedWorkflowId = (f: AssignedForm) => `inspection:${f.unitCode}:${f.origin}:${f.creditCode}:${f.from}`;

export async function assignedInspectionInput(
  db: Db,
  policy: DeadlinePolicy,
  f: AssignedForm,
): Promise<InspectionInput> {
  const problems: string[] = [];
  const origin = f.origin as Exclude<Origin, 'RANDOM'>;
  if (!ORIGINS.includes(origin))
    problems.push(`「来源」：请选择 ${ORIGINS.map((o) => ORIGIN_NAMES[o]).join('、')} 之一`);
  const basis = f.basis.trim();
  if (!basis || basis.length > 500)
    problems.push('「依据」：请写明投诉举报编号、交办文件或专项行动名称（不超过 500 字）');
  const unit = await db.unit.findFirst({ where: { code: f.unitCode } });
  if (!unit) problems.push(`「承办单位」：没有单位 ${f.unitCode}`);
  const enterprise = await db.enterprise.findUnique({ where: { creditCode: f.creditCode.trim() } });
  if (!enterprise) problems.push(`「企业」：名录中没有统一社会信用代码为 ${f.creditCode} 的企业，请先导入或核对`);
  if (!realDay(f.from) || !realDay(f.to) || f.to < f.from)
    problems.push('「检查时间」：请填写起止日期（年-月-日），结束不早于开始');
  const certs = [...new Set(f.inspectorCerts.map((c) => c.trim()).filter(Boolean))];
  const inspectors = await db.inspector.findMany({ where: { certificateNo: { in: certs } } });
  if (certs.length < 2) problems.push('「执法人员」：至少两名（行政执法须两人以上）');
  for (const c of certs) {
    const i = inspectors.find((x) => x.certificateNo === c);
    if (!i) problems.push(`「执法人员」：没有执法证号为 ${c} 的执法人员`);
    else if (i.certificateStatus !== 'VALID' || !i.active || i.certificateTo.toISOString().slice(0, 10) < f.from)
      problems.push(`「执法人员」：${i.name} 的执法证在检查时不在有效期或已暂扣、吊销`);
  }
  const codes = [...new Set(f.itemCodes.map((c) => c.trim()).filter(Boolean))];
  const versions = await db.itemVersion.findMany({
    where: {
      reviewState: 'PUBLISHED',
      OR: [{ effectiveTo: null }, { effectiveTo: { gt: new Date() } }],
      item: { code: { in: codes } },
    },
    include: { item: true },
  });
  if (!codes.length) problems.push('「检查事项」：至少选择一项（事项清单中已公示的）');
  for (const c of codes)
    if (!versions.some((v) => v.item.code === c)) problems.push(`「检查事项」：${c} 不在已公示的事项清单中`);
  if (problems.length || !unit || !enterprise) throw new AssignedFormError(problems);
  return {
    workflowId: assignedWorkflowId(f),
    origin,
    originNote: basis,
    unitId: unit.id,
    unitCode: unit.code,
    enterprise: { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode },
    drawId: null,
    team: certs.map((c) => {
      const i = inspectors.find((x) => x.certificateNo === c) as (typeof inspectors)[number];
      return { kind: 'INSPECTOR' as const, id: i.id, name: i.name };
    }),
    itemIds: codes.map((c) => (versions.find((v) => v.item.code === c) as (typeof versions)[number]).id),
    window: { start: f.from, end: f.to },
    policy,
  };
}
