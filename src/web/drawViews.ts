// A draw in words, for the console's draw page and the public one: the
// session's steps with their times, who was drawn for what (named from the
// record's own published inputs), what each recusal changed, and whether
// every record recomputes. Codes stay in the JSON download.
import type { AnyRecord, DrawExport, RecordCheck } from '../draw/export.ts';
import {
  RECORD_KIND_NAMES,
  RECUSAL_MODE_NAMES,
  reasonLabel,
  SESSION_STEP_NAMES,
  STRATUM_NAMES,
} from '../draw/labels.ts';
import type { TimelineEvent } from '../draw/timeline.ts';
import type { Assignment, RecusalRecordV3 } from '../draw/types.ts';
import { chinaDateTime } from '../shared/chinaTime.ts';
import { type Html, html, table } from './html.ts';

interface Named {
  id: number;
  name: string;
}

/** Names by id, from the inputs every record of the draw was made from. */
export function namesOf(x: DrawExport) {
  const map = (rows: Named[] | undefined) => new Map((rows ?? []).map((r) => [r.id, r.name]));
  const inputs = x.inputs as { enterprises: Named[]; inspectors: Named[]; experts: Named[]; items: Named[] };
  const [enterprises, inspectors, experts, items] = [
    map(inputs.enterprises),
    map(inputs.inspectors),
    map(inputs.experts),
    map(inputs.items),
  ];
  return {
    enterprise: (id: number) => enterprises.get(id) ?? `企业 ${id}`,
    inspector: (id: number) => inspectors.get(id) ?? `执法人员 ${id}`,
    expert: (id: number) => `${experts.get(id) ?? id}（专家）`,
    item: (id: number) => items.get(id) ?? `事项 ${id}`,
  };
}
type Names = ReturnType<typeof namesOf>;

const team = (n: Names, a: Assignment) => [...a.inspectorIds.map(n.inspector), ...a.expertIds.map(n.expert)].join('、');

/** Who inspects whom and on what, as the newest record of the chain has it. */
export function outcomeTable(x: DrawExport): Html {
  const n = namesOf(x);
  const head = x.records.at(-1) as AnyRecord;
  const first = x.records[0] as AnyRecord;
  const strata = first.outputs.strata.map(
    (s) => `${STRATUM_NAMES[s.stratum] ?? s.stratum}：符合条件 ${s.eligible} 家，抽取 ${s.drawn} 家`,
  );
  const excluded = [
    ...first.outputs.excludedEnterprises.map((e) => `${reasonLabel(e.reason)}：企业 ${e.ids.length} 家`),
    ...first.outputs.excludedInspectors.map((e) => `${reasonLabel(e.reason)}：${e.ids.map(n.inspector).join('、')}`),
  ];
  return html`<p>${strata.join('；')}</p>${table(
    ['检查对象', '检查人员', '检查事项'],
    head.outputs.assignments.map((a) => [n.enterprise(a.enterpriseId), team(n, a), a.itemIds.map(n.item).join('；')]),
  )}${excluded.length ? html`<p>未参加抽取：${excluded.join('；')}</p>` : null}`;
}

/** What each recusal changed, in order. */
export function recusalList(x: DrawExport): Html {
  const n = namesOf(x);
  const rows = x.records.slice(1).map((r, k) => {
    const before = (x.records[k] as AnyRecord).outputs.assignments;
    const changed = r.outputs.assignments.filter(
      (a) => JSON.stringify(a) !== JSON.stringify(before.find((b) => b.enterpriseId === a.enterpriseId)),
    );
    const req = (r as Partial<RecusalRecordV3>).request ?? (r as { request?: RecusalRecordV3['request'] }).request;
    const who = req
      ? `${n.inspector(req.inspectorId)} 回避 ${n.enterprise(req.enterpriseId)}：${RECUSAL_MODE_NAMES[req.mode] ?? req.mode}`
      : '';
    return [r.drawId, who, changed.map((a) => `${n.enterprise(a.enterpriseId)} 改由 ${team(n, a)} 检查`).join('；')];
  });
  return html`${rows.length ? html`<h2>回避（第十四条）</h2>${table(['记录', '回避', '变化'], rows)}` : null}`;
}

/** The session's steps, oldest first, with their times (every session of the round). */
export function timelineTable(timeline: TimelineEvent[]): Html {
  return table(
    ['时间', '抽取会', '步骤', '人员', '公布的内容'],
    timeline.map((e) => [
      chinaDateTime(Date.parse(e.at)),
      `第 ${e.details.session ?? ''} 次`,
      SESSION_STEP_NAMES[e.action] ?? e.action,
      e.actor,
      html`<code class="wrap">${stepDetail(e)}</code>`,
    ]),
  );
}

function stepDetail(e: TimelineEvent): string {
  const d = e.details as Record<string, unknown>;
  switch (e.action) {
    case 'draw.session': {
      const b = d.beacon as { source: string; availableAt: string | null; count: number; max: number };
      const who = (d.participants as { name: string }[]).map((p) => p.name).join('、');
      const when = b.availableAt ? `，${chinaDateTime(Date.parse(b.availableAt))} 公布` : '';
      return `参与人：${who}；公开随机源：${b.source}（${b.count} 个号码，每个不超过 ${b.max}${when}）`;
    }
    case 'draw.commitment':
      return `${d.participant}：${d.commitment}`;
    case 'draw.freeze':
      return `名录校验值 ${d.inputDigest}`;
    case 'draw.reveal':
      return `${d.participant}：${d.secret}`;
    case 'draw.revealsClosed':
      return (d.withheld as string[]).length ? `未揭示：${(d.withheld as string[]).join('、')}` : '全部已揭示';
    case 'draw.beaconEntered':
      return `${d.participant}：${d.value}`;
    case 'draw.record':
      return `公开随机数 ${d.beacon}；抽取企业 ${d.drawn} 家`;
    case 'draw.failed':
      return String(d.reason ?? '');
    default:
      return '';
  }
}

/** Every record recomputed, and the session's order checked. */
export function checksTable(checks: RecordCheck[]): Html {
  return table(
    ['记录', '内容', '由公开记录重新计算'],
    checks.map((c) => [
      c.drawId,
      RECORD_KIND_NAMES[c.kind] ?? c.kind,
      c.ok ? '一致' : html`<span class="overdue">不一致：${c.problems.join('；')}</span>`,
    ]),
  );
}
