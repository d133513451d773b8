// The audit log for people: its actions in words, filtering, and a CSV an
// auditor can check without ssj: each entry's exact time and both hashes, so
// with the rule in chain.ts (SHA-256 over the previous hash and the entry's
// canonical JSON) the chain recomputes. A cell a spreadsheet would read as a
// formula is prefixed with ', as in every export.
import { stringify } from 'csv-stringify/sync';
import { chinaDateTime } from '../shared/chinaTime.ts';
import { spreadsheetText as safeCell } from '../shared/spreadsheet.ts';
import type { StoredAudit } from './chain.ts';

/** The action names staff read; steps and statuses by their prefix. */
const ACTION_NAMES: [RegExp, string][] = [
  [/^inspection\.open$/, '开启检查'],
  [/^inspection\.recusal$/, '回避（指定替换）'],
  [/^inspection\./, '检查环节'],
  [/^draw\.commit$/, '封存随机种子'],
  [/^draw\.record$/, '随机抽取'],
  [/^draw\.recusal$/, '回避重抽'],
  [/^plan\.round\.edit$/, '修改抽查轮次'],
  [/^plan\./, '年度计划'],
  [/^enterprise\.edit$/, '修改企业信息'],
  [/^inspector\.edit$/, '修改执法人员'],
  [/^item\.publish$/, '发布检查事项'],
  [/^roster\.import\./, '导入名录'],
  [/^calendar\.import$/, '导入节假日安排'],
  [/^user\.create$/, '新建用户'],
  [/^user\.password$/, '修改本人密码'],
  [/^user\.passwordReset$/, '重置密码'],
  [/^user\.role$/, '调整角色'],
  [/^user\.disable$/, '停用账户'],
  [/^user\.enable$/, '启用账户'],
  [/^category\.create$/, '新增公示类别'],
  [/^category\.update$/, '修改公示类别'],
  [/^category\.retire$/, '停用公示类别'],
  [/^category\.restore$/, '恢复公示类别'],
  [/^draw\./, '抽取会'],
  [/^system\./, '系统'],
];

export const actionName = (action: string) => ACTION_NAMES.find(([re]) => re.test(action))?.[1] ?? action;

export interface AuditQuery {
  action?: string;
  subject?: string;
}

/** By action prefix, and by text in the subject, the actor or the details (a person's or an enterprise's name). */
export function filtered<
  T extends { action: string; actor: string; subjectType: string; subjectId: string; details: unknown },
>(all: T[], q: AuditQuery): T[] {
  const text = q.subject?.trim();
  return all
    .filter((e) => !q.action || e.action.startsWith(q.action))
    .filter((e) => !text || `${e.subjectType} ${e.subjectId} ${e.actor} ${JSON.stringify(e.details)}`.includes(text));
}

const HEADERS = [
  '编号',
  '时间（北京时间）',
  '操作人',
  '操作',
  '操作代码',
  '对象类型',
  '对象',
  '详情',
  '时间（UTC，校验用）',
  '前一条哈希',
  '本条哈希',
];

export function auditCsv(entries: StoredAudit[]): Buffer {
  const rows = entries.map((e) =>
    [
      String(e.id),
      chinaDateTime(e.at.getTime()),
      e.actor,
      actionName(e.action),
      e.action,
      e.subjectType,
      e.subjectId,
      JSON.stringify(e.details),
      e.at.toISOString(),
      e.prevHash,
      e.hash,
    ].map(safeCell),
  );
  return Buffer.from(`\uFEFF${stringify([HEADERS, ...rows])}`, 'utf8');
}
