// The year in numbers (issue 7), for one unit or the whole bureau: what was
// inspected against the roster, how often each enterprise, what was found and
// done about it, whether deadlines held, recusals and escalations. Figures
// only — rendering is yearlyHtml.ts / yearlyPdf.ts. Definitions are printed
// with the report (DEFINITIONS), so a reader knows what each number counts.
import type { Db } from '../db/client.ts';
import { FOLLOW_UP_DECISION, nameOf, RECUSAL_MODE } from '../domain/glossary.ts';
import { SECTOR_NAMES } from '../domain/sectors.ts';
import { ON_TIME_DEFINITION, outcome, tally } from '../domain/timeliness.ts';
import { capExemption } from '../draw/eligibility.ts';
import type { Sector } from '../generated/sqlite/enums.ts';
import { DEADLINE_NAMES, type DeadlineKind } from '../workflows/inspection/types.ts';
import { yearOf, yearWhere } from './year.ts';

export const ANNUAL_CAP = 4; // Art. 15

export interface SectorRow {
  sector: string;
  name: string;
  /** Random inspections opened by the year's certified draws. */
  planned: number;
  /** Of those, with results recorded. */
  done: number;
  /** Of those, with the Art. 17 publication recorded. */
  published: number;
  /** Art. 8 inspections (complaints, referrals…), never counted as random. */
  other: number;
  /** Enterprises on the roster that are not closed. */
  roster: number;
  /** Of those, inspected at random at least once this year. */
  covered: number;
}

export interface EnterpriseCount {
  name: string;
  creditCode: string;
  count: number;
  exemption: string | null;
}

export interface TimelinessRow {
  kind: DeadlineKind;
  name: string;
  met: number;
  onTime: number;
  late: number;
  /** Median lateness of the late ones, in days (null when none was late). */
  medianDelayDays: number | null;
  open: number;
  openOverdue: number;
  /** Met, or past due: the on-time rate's denominator (src/domain/timeliness.ts). */
  due: number;
}

export interface YearlyReport {
  /** Month by month (index 0 = January, China time): inspections finished (results recorded) and results published. */
  months: { done: number[]; published: number[] };
  year: number;
  scope: string;
  generatedAt: string;
  sectors: SectorRow[];
  /** Enterprises of the roster by random inspections this year: 0, 1, 2, 3, 4 and more. */
  distribution: { label: string; enterprises: number }[];
  atCap: EnterpriseCount[];
  problems: { inspections: number; items: number; byDecision: { decision: string; count: number }[] };
  timeliness: TimelinessRow[];
  recusals: { total: number; byResolution: { resolution: string; count: number }[] };
  escalations: { level: string; kind: string; count: number }[];
}

export const DEFINITIONS = [
  '计划：当年经法规股随机抽取确定的检查（按检查时间段所在年度计）；完成：已录入检查结果；公示：已按第十七条录入平台并推送信用永州。',
  '覆盖面：名录库中非关闭企业在当年至少被随机抽查一次的比例；第八条规定的投诉举报、交办、移送等检查不计入随机抽查次数。',
  '第十五条：同一企业年度随机抽查不超过 4 次；严重违法失信、经营异常、已受行政处罚企业不受此限。',
  `${ON_TIME_DEFINITION}延误中位数：逾期完成环节的延误天数中位数。`,
];

const LEVEL_ORDER = ['REMINDER', 'SUPERVISOR', 'LEADER'];

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

async function loadYear(db: Db, year: number, unitId: number | null) {
  const inspections = (
    await db.inspection.findMany({
      where: yearWhere(year, unitId),
      include: {
        enterprise: true,
        publication: { select: { id: true, creditYongzhouAt: true } },
        followUp: { select: { decision: true } },
        results: { select: { result: true } },
        deadlines: true,
        recusals: { select: { resolution: true } },
        escalations: { select: { level: true, deadline: true } },
      },
    })
  ).filter((i) => yearOf(i) === year);
  const enterprises = await db.enterprise.findMany({ where: { operatingState: { not: 'CLOSED' } } });
  return { inspections, enterprises };
}

type Loaded = Awaited<ReturnType<typeof loadYear>>;

/** What the charts count: each inspection's kind, enterprise, end and publication; the roster by sector. */
interface ChartInputs {
  inspections: {
    origin: string;
    enterpriseId: number;
    endedAt: Date | null;
    publication: { creditYongzhouAt: Date } | null;
    enterprise: { sector: string };
  }[];
  enterprises: { id: number; sector: string }[];
}

/**
 * The year's charts (months and sectors, as the report counts them), read lean: the dashboard and the
 * public page draw them from ten thousand inspections without loading the whole report.
 */
export async function buildYearCharts(
  db: Db,
  year: number,
  unitId: number | null,
): Promise<Pick<YearlyReport, 'months' | 'sectors'>> {
  const [rows, enterprises] = await Promise.all([
    db.inspection.findMany({
      where: yearWhere(year, unitId),
      select: {
        origin: true,
        enterpriseId: true,
        endedAt: true,
        windowStart: true,
        createdAt: true,
        publication: { select: { creditYongzhouAt: true } },
      },
    }),
    db.enterprise.findMany({ where: { operatingState: { not: 'CLOSED' } }, select: { id: true, sector: true } }),
  ]);
  const sectorOf = new Map(enterprises.map((e) => [e.id, e.sector]));
  // A closed enterprise's inspections still count in their sector: those few are looked up on their own.
  const closed = [...new Set(rows.map((r) => r.enterpriseId).filter((id) => !sectorOf.has(id)))];
  if (closed.length)
    for (const e of await db.enterprise.findMany({ where: { id: { in: closed } }, select: { id: true, sector: true } }))
      sectorOf.set(e.id, e.sector);
  const inspections = rows
    .filter((i) => yearOf(i) === year)
    .map((i) => ({ ...i, enterprise: { sector: sectorOf.get(i.enterpriseId) ?? '' } }));
  const loaded = { inspections, enterprises };
  return { months: byMonth(loaded, year), sectors: sectorRows(loaded) };
}

function sectorRows({ inspections, enterprises }: ChartInputs): SectorRow[] {
  return (Object.keys(SECTOR_NAMES) as Sector[]).map((sector) => {
    const mine = inspections.filter((i) => i.enterprise.sector === sector);
    const random = mine.filter((i) => i.origin === 'RANDOM');
    const covered = new Set(random.map((i) => i.enterpriseId));
    return {
      sector,
      name: SECTOR_NAMES[sector],
      planned: random.length,
      done: random.filter((i) => i.endedAt !== null).length,
      published: random.filter((i) => i.publication !== null).length,
      other: mine.length - random.length,
      roster: enterprises.filter((e) => e.sector === sector).length,
      covered: enterprises.filter((e) => e.sector === sector && covered.has(e.id)).length,
    };
  });
}

function perEnterprise({ inspections, enterprises }: Loaded) {
  const counts = countBy(
    inspections.filter((i) => i.origin === 'RANDOM'),
    (i) => String(i.enterpriseId),
  );
  const n = (id: number) => counts.get(String(id)) ?? 0;
  const distribution = ['0', '1', '2', '3', `${ANNUAL_CAP} 次及以上`].map((label, k) => ({
    label: k < ANNUAL_CAP ? `${label} 次` : label,
    enterprises: enterprises.filter((e) => (k < ANNUAL_CAP ? n(e.id) === k : n(e.id) >= ANNUAL_CAP)).length,
  }));
  const atCap = enterprises
    .filter((e) => n(e.id) >= ANNUAL_CAP)
    .map((e) => ({ name: e.name, creditCode: e.creditCode, count: n(e.id), exemption: capExemption(e) }))
    .sort((a, b) => b.count - a.count || a.creditCode.localeCompare(b.creditCode));
  return { distribution, atCap };
}

function timeliness({ inspections }: Loaded, now: Date): TimelinessRow[] {
  const all = inspections.flatMap((i) => i.deadlines);
  return (Object.keys(DEADLINE_NAMES) as DeadlineKind[])
    .filter((k) => k !== 'PLAN_APPROVAL')
    .map((kind) => {
      const rows = all.filter((d) => d.kind === kind);
      const t = tally(rows, now);
      const late = rows.filter((d) => outcome(d, now) === 'LATE');
      return {
        kind,
        name: DEADLINE_NAMES[kind],
        met: t.onTime + t.late,
        onTime: t.onTime,
        late: t.late,
        medianDelayDays: median(late.map((d) => ((d.metAt as Date).getTime() - d.dueAt.getTime()) / 86_400_000)),
        open: t.open + t.overdue,
        openOverdue: t.overdue,
        due: t.due,
      };
    });
}

/** The month (0–11) of a day stored as a China date at 00:00 UTC, or of an instant, in China time; null outside the year. */
function monthIn(year: number, d: Date | null | undefined): number | null {
  if (!d) return null;
  const china = new Date(d.getTime() + 8 * 3600_000);
  return china.getUTCFullYear() === year ? china.getUTCMonth() : null;
}

function byMonth({ inspections }: ChartInputs, year: number): YearlyReport['months'] {
  const done = Array<number>(12).fill(0);
  const published = Array<number>(12).fill(0);
  for (const i of inspections) {
    const d = monthIn(year, i.endedAt);
    if (d !== null) done[d] = (done[d] ?? 0) + 1;
    const p = monthIn(year, i.publication?.creditYongzhouAt);
    if (p !== null) published[p] = (published[p] ?? 0) + 1;
  }
  return { done, published };
}

export async function buildYearlyReport(
  db: Db,
  year: number,
  unitId: number | null,
  now: Date = new Date(),
): Promise<YearlyReport> {
  const loaded = await loadYear(db, year, unitId);
  const { inspections } = loaded;
  const unit = unitId === null ? null : await db.unit.findUniqueOrThrow({ where: { id: unitId } });
  const withProblems = inspections.filter((i) => i.results.some((r) => r.result === 'PROBLEM'));
  const decisions = countBy(
    inspections.flatMap((i) => (i.followUp ? [i.followUp] : [])),
    (f) => f.decision,
  );
  const recusals = inspections.flatMap((i) => i.recusals);
  const escalations = countBy(
    inspections.flatMap((i) => i.escalations),
    (e) => `${e.level}|${e.deadline}`,
  );
  return {
    year,
    scope: unit ? unit.name : '冷水滩区应急管理局（全局）',
    generatedAt: now.toISOString(),
    sectors: sectorRows(loaded),
    ...perEnterprise(loaded),
    problems: {
      inspections: withProblems.length,
      items: inspections.reduce((n, i) => n + i.results.filter((r) => r.result === 'PROBLEM').length, 0),
      byDecision: [...decisions].map(([d, count]) => ({ decision: nameOf(FOLLOW_UP_DECISION, d), count })),
    },
    timeliness: timeliness(loaded, now),
    months: byMonth(loaded, year),
    recusals: {
      total: recusals.length,
      byResolution: [...countBy(recusals, (r) => r.resolution)].map(([r, count]) => ({
        resolution: nameOf(RECUSAL_MODE, r),
        count,
      })),
    },
    escalations: [...escalations]
      .map(([k, count]) => {
        const [level, kind] = k.split('|') as [string, DeadlineKind];
        return { level, kind: DEADLINE_NAMES[kind] ?? kind, count };
      })
      .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.kind.localeCompare(b.kind)),
  };
}
