// The inspection as the database records it, in the shape the workflow's
// query answers: for when the workflow cannot be asked (its worker stopped or
// too busy to answer in time, or its history gone). Each step writes its row
// before it answers, so this is the state as of the last step recorded; what
// only the workflow knows (a due date still provisional, a team change sent
// by another inspection's recusal) is left out, and no step is offered from it.
import type { Db } from '../db/client.ts';
import type { RecusalMode } from '../domain/glossary.ts';
import { chinaDate } from '../shared/chinaTime.ts';
import {
  ADVANCE_STEPS,
  type AdvanceStep,
  type Deadline,
  type DeadlineKind,
  type HistoryEntry,
  type InspectionState,
  type Stage,
  type TeamMember,
} from '../workflows/inspection/types.ts';

const isAdvanceStep = (key: string): key is AdvanceStep => (ADVANCE_STEPS as readonly string[]).includes(key);

/** The state as recorded, or null when the database has no such inspection. */
export async function recordedState(db: Db, workflowId: string, now: number): Promise<InspectionState | null> {
  const row = await db.inspection.findUnique({
    where: { workflowId },
    include: {
      members: { where: { active: true }, include: { inspector: true, expert: true }, orderBy: { id: 'asc' } },
      steps: { orderBy: { id: 'asc' } },
      recusals: true,
      deadlines: { orderBy: { id: 'asc' } }, // as they opened
      escalations: { orderBy: { raisedAt: 'asc' } },
      results: { select: { result: true } },
      feedbackCard: true,
    },
  });
  if (!row) return null;
  // Who declared each recusal is in its audit entry (src/activities/draw.ts: recusal:<inspection>:<inspector>).
  const filed = await db.auditLog.findMany({
    where: { key: { in: row.recusals.map((r) => `recusal:${row.id}:${r.inspectorId}`) } },
    select: { key: true, actor: true },
  });
  const declaredBy = new Map(filed.map((a) => [a.key, a.actor]));
  const team: TeamMember[] = row.members.map((m) =>
    m.role === 'EXPERT'
      ? { kind: 'EXPERT', id: m.expertId ?? 0, name: m.expert?.name ?? '' }
      : { kind: 'INSPECTOR', id: m.inspectorId ?? 0, name: m.inspector?.name ?? '' },
  );
  const confirmedIds = row.steps.flatMap((s) => (s.stepKey.startsWith('confirm:') ? [Number(s.stepKey.slice(8))] : []));
  const at = (d: Date) => d.getTime();
  const opened: HistoryEntry = {
    kind: 'opened',
    origin: row.origin,
    drawId: row.drawRecordId,
    at: at(row.createdAt),
    stage: 'RECUSAL',
    actor: 'system',
  };
  const history: HistoryEntry[] = [
    opened,
    ...row.steps.flatMap((s): HistoryEntry[] => {
      const base = { at: at(s.at), stage: s.stage as Stage, actor: s.actor };
      if (s.stepKey.startsWith('confirm:'))
        return [{ kind: 'confirm', inspectorId: Number(s.stepKey.slice(8)), ...base }];
      return isAdvanceStep(s.stepKey) ? [{ kind: s.stepKey, ...base }] : [];
    }),
    ...row.recusals.map(
      (r): HistoryEntry => ({
        kind: 'recusal',
        inspectorId: r.inspectorId,
        mode: r.resolution as RecusalMode,
        reason: r.reason,
        at: at(r.createdAt),
        stage: 'RECUSAL',
        actor: declaredBy.get(`recusal:${row.id}:${r.inspectorId}`) ?? '',
      }),
    ),
    ...row.escalations.map(
      (e): HistoryEntry => ({
        kind: 'escalation',
        deadline: e.deadline as DeadlineKind,
        level: e.level,
        to: e.recipient,
        at: at(e.raisedAt),
        stage: row.stage as Stage,
        actor: 'system',
      }),
    ),
  ].sort((a, b) => a.at - b.at);
  const deadlines: Deadline[] = row.deadlines.map((d) => ({
    kind: d.kind as DeadlineKind,
    from: null,
    workingDays: null,
    dueAt: at(d.dueAt),
    dueDate: chinaDate(at(d.dueAt)),
    provisional: d.provisional && !d.metAt,
    status: d.metAt ? 'MET' : at(d.dueAt) < now ? 'OVERDUE' : 'OPEN',
  }));
  return {
    inspectionId: row.id,
    stage: row.stage as Stage,
    team,
    confirmed: confirmedIds.filter((id) => team.some((t) => t.kind === 'INSPECTOR' && t.id === id)),
    drawId: row.drawRecordId,
    scheme: row.scheme,
    scheduledDate: row.scheduledDate ? row.scheduledDate.toISOString().slice(0, 10) : null,
    endedOn: row.endedAt ? row.endedAt.toISOString().slice(0, 10) : null,
    problemsFound: row.results.some((r) => r.result === 'PROBLEM'),
    feedbackCard: row.feedbackCard ? { sha256: row.feedbackCard.sha256, fileName: row.feedbackCard.fileName } : null,
    deadlines,
    history,
    escalations: row.escalations.map((e) => ({ kind: e.deadline as DeadlineKind, level: e.level, at: at(e.raisedAt) })),
  };
}
