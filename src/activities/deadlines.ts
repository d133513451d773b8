// Each deadline of an inspection, as it stands: due when, met when. One row
// per (inspection, deadline), upserted, so a retried write stays one row and
// a due date that moved is simply the latest one. The yearly report reads these;
// the task lists read the inspection's earliest open one, kept beside them.
import type { DeadlineKind } from '../workflows/inspection/types.ts';
import type { Tx } from './audit.ts';
import type { ActivityDeps } from './deps.ts';

export interface DeadlineState {
  inspectionId: number;
  kind: DeadlineKind;
  dueAt: number;
  /** Counted on a year whose holiday schedule is not published yet (absent from builds before it: false). */
  provisional?: boolean;
  /** Workflow time the step was done; null while open. */
  metAt: number | null;
}

export function deadlineActivities({ db }: ActivityDeps) {
  /**
   * A change to an inspection's deadlines, and its earliest open one counted again in the same transaction.
   * The inspection's row is written first: two changes to one inspection take turns (PostgreSQL's row lock;
   * SQLite has one writer), so the second counts over the first.
   */
  function changeDeadlines(inspectionId: number, change: (tx: Tx) => Promise<unknown>): Promise<void> {
    return db.$transaction(async (tx) => {
      await tx.inspection.update({ where: { id: inspectionId }, data: { updatedAt: new Date() } });
      await change(tx);
      const next = await tx.deadlineRecord.findFirst({
        where: { inspectionId, metAt: null },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      });
      await tx.inspection.update({
        where: { id: inspectionId },
        data: { nextDueAt: next?.dueAt ?? null, nextDueProvisional: next?.provisional ?? false },
      });
    });
  }

  async function recordDeadline(d: DeadlineState): Promise<void> {
    const data = {
      dueAt: new Date(d.dueAt),
      provisional: d.provisional ?? false,
      metAt: d.metAt === null ? null : new Date(d.metAt),
    };
    await changeDeadlines(d.inspectionId, (tx) =>
      tx.deadlineRecord.upsert({
        where: { inspectionId_kind: { inspectionId: d.inspectionId, kind: d.kind } },
        create: { inspectionId: d.inspectionId, kind: d.kind, ...data },
        update: data,
      }),
    );
  }

  /**
   * A due date the holiday schedule moved (a provisional one, recounted when the year's schedule arrived):
   * only while the deadline is open, so a move that runs after the step was done never reopens it.
   */
  async function moveDeadline(d: Omit<DeadlineState, 'metAt'>): Promise<void> {
    await changeDeadlines(d.inspectionId, (tx) =>
      tx.deadlineRecord.updateMany({
        where: { inspectionId: d.inspectionId, kind: d.kind, metAt: null },
        data: { dueAt: new Date(d.dueAt), provisional: d.provisional ?? false },
      }),
    );
  }
  return { recordDeadline, moveDeadline };
}
