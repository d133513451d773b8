// Each deadline of an inspection, as it stands: due when, met when. One row
// per (inspection, deadline), upserted, so a retried write stays one row and
// a due date that moved is simply the latest one. The yearly report reads these.
import type { DeadlineKind } from '../workflows/inspection/types.ts';
import type { ActivityDeps } from './deps.ts';

export interface DeadlineState {
  inspectionId: number;
  kind: DeadlineKind;
  dueAt: number;
  /** Workflow time the step was done; null while open. */
  metAt: number | null;
}

export function deadlineActivities({ db }: ActivityDeps) {
  async function recordDeadline(d: DeadlineState): Promise<void> {
    const data = { dueAt: new Date(d.dueAt), metAt: d.metAt === null ? null : new Date(d.metAt) };
    await db.deadlineRecord.upsert({
      where: { inspectionId_kind: { inspectionId: d.inspectionId, kind: d.kind } },
      create: { inspectionId: d.inspectionId, kind: d.kind, ...data },
      update: data,
    });
  }
  /**
   * A due date the holiday schedule moved (a provisional one, recounted when the year's schedule arrived):
   * only while the deadline is open, so a move that runs after the step was done never reopens it.
   */
  async function moveDeadline(d: Omit<DeadlineState, 'metAt'>): Promise<void> {
    await db.deadlineRecord.updateMany({
      where: { inspectionId: d.inspectionId, kind: d.kind, metAt: null },
      data: { dueAt: new Date(d.dueAt) },
    });
  }
  return { recordDeadline, moveDeadline };
}
