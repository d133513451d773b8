import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/activities/snapshot.ts';
import { importCalendarYear } from '../../src/calendar/import.ts';
import { notifyCalendarChanged } from '../../src/client/calendar.ts';
import { startAssignedInspection } from '../../src/client/start.ts';
import { endOfChinaDay } from '../../src/shared/chinaTime.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { ANY_RULE, CALM_POLICY, demoInput, driveToFeedback, eventually } from '../support/inspection.ts';
import { recordHistories } from '../support/replay.ts';
import { useStack } from '../support/stack.ts';

describe('deadlines, calendar and mail outages', () => {
  let smtpDown = false;
  const stack = useStack({ refuseMail: () => (smtpDown ? '451 4.3.0 mailbox temporarily unavailable' : null) });

  const due = (st: Awaited<ReturnType<typeof driveToFeedback>>, kind: string) =>
    st.deadlines.find((d) => d.kind === kind);

  it.each([
    [
      '国庆 2026 (中秋 + 国庆, make-up Saturday 10-10)',
      { start: '2026-09-01', end: '2026-09-30' },
      '2026-09-22',
      '2026-09-23',
      '2026-10-10',
      '2026-09-29',
    ],
    [
      '春节 2026 (make-up Saturdays 02-14 and 02-28)',
      { start: '2026-02-01', end: '2026-02-13' },
      '2026-02-11',
      '2026-02-12',
      '2026-02-28',
      '2026-02-24',
    ],
  ])(
    'computes the 7-working-day publication deadline across %s',
    async (_name, window, date, endedOn, publication, feedback) => {
      const id = `dl-${endedOn}`;
      const input = await demoInput(stack.t.db, id, {
        window,
        policy: { ...CALM_POLICY, feedbackCard: { workingDays: 3 } },
      });
      const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
      const st = await driveToFeedback(handle, input, date, endedOn);
      expect(due(st, 'PUBLICATION')).toMatchObject({ dueDate: publication, provisional: false });
      expect(due(st, 'FEEDBACK_CARD')).toMatchObject({ dueDate: feedback, provisional: false });
      await handle.terminate('test done');
    },
  );

  it('shows a due date in an unpublished year as provisional, and recomputes it when the schedule arrives', async () => {
    // An inspection cannot end in the future, so the deadline reaches into next year instead: 30 working days
    // after Fri 2026-11-27 run into 2027, whose schedule is not published yet (Mon–Fri, provisional).
    const input = await demoInput(stack.t.db, 'dl-2027', {
      window: { start: '2026-11-20', end: '2026-12-31' },
      policy: { ...CALM_POLICY, publication: { workingDays: 30 } },
    });
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    const st = await driveToFeedback(handle, input, '2026-11-27', '2026-11-27');
    // 24 working days to Thu 12-31; then Fri 01-01 … Fri 01-08 (provisional: 元旦 not yet known).
    expect(due(st, 'PUBLICATION')).toMatchObject({ dueDate: '2027-01-08', provisional: true });
    const publication = { inspection: { workflowId: 'dl-2027' }, kind: 'PUBLICATION' };
    await eventually(async () =>
      expect(await stack.t.db.deadlineRecord.findFirstOrThrow({ where: publication })).toMatchObject({
        dueAt: new Date(endOfChinaDay('2027-01-08')),
        provisional: true,
      }),
    );
    // The schedule is published (a fixture, not the real 2027 one): 01-01 and 01-04 off.
    await importCalendarYear(
      stack.t.db,
      2027,
      [
        { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2027-01-04', kind: 'HOLIDAY', name: '元旦' },
      ],
      { source: 'test fixture (not the real 2027 schedule)', actor: '办公室' },
    );
    await eventually(async () => {
      await notifyCalendarChanged(stack.h.client);
      const after = await handle.query(m.stateQuery);
      // 01-05 … 01-08 and 01-11, 01-12: the 30th working day.
      expect(due(after, 'PUBLICATION')).toMatchObject({ dueDate: '2027-01-12', provisional: false });
    });
    // The database's copy follows: the task lists and the yearly report read it.
    await eventually(async () => {
      const record = await stack.t.db.deadlineRecord.findFirstOrThrow({ where: publication });
      expect([record.dueAt.getTime(), record.provisional]).toEqual([endOfChinaDay('2027-01-12'), false]);
      // …and the inspection's earliest open due date, which 我的待办 sorts and filters by.
      const open = await stack.t.db.deadlineRecord.findMany({
        where: { inspection: { workflowId: 'dl-2027' }, metAt: null },
      });
      const row = await stack.t.db.inspection.findFirstOrThrow({ where: { workflowId: 'dl-2027' } });
      expect(open.length).toBeGreaterThan(0);
      const earliest = open.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
      expect([row.nextDueAt, row.nextDueProvisional]).toEqual([earliest.dueAt, earliest.provisional]);
    });
    await recordHistories(stack.h.client, ['dl-2027']); // a calendar change, for histories.test.ts
    await handle.terminate('test done');
  });

  it('keeps mail through an SMTP outage: escalations are raised on time, every message delivered once after recovery', async () => {
    smtpDown = true;
    const input = await demoInput(stack.t.db, 'dl-smtp', {
      policy: { ...CALM_POLICY, recusal: { afterMs: 1500 }, remindBeforeMs: 700, leaderAfterMs: 600_000 },
    });
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    // While SMTP refuses, the deadline still slips on time and is recorded.
    await eventually(async () => {
      const rows = await stack.t.db.escalation.findMany({ where: { inspection: { workflowId: 'dl-smtp' } } });
      expect(rows.map((r) => r.level).sort()).toEqual(['REMINDER', 'SUPERVISOR']);
    });
    const pending = await eventually(async () => {
      const rows = await stack.t.db.emailMessage.findMany({ where: { inspection: { workflowId: 'dl-smtp' } } });
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.status === 'PENDING' && r.attempts >= 1 && /451/.test(r.lastError ?? ''))).toBe(true);
      return rows;
    });
    expect(stack.mail.capture.messages.filter((x) => x.raw.toString().includes('dl-smtp'))).toHaveLength(0);
    smtpDown = false;
    await eventually(async () => {
      const rows = await stack.t.db.emailMessage.findMany({ where: { inspection: { workflowId: 'dl-smtp' } } });
      expect(rows.map((r) => r.status)).toEqual(['SENT', 'SENT']);
    }, 30_000);
    const parsed = await stack.mail.parsed();
    for (const row of pending) expect(parsed.filter((p) => p.messageId === row.messageId)).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('never counts Art. 8 inspections toward the Art. 15 cap', async () => {
    const e = await stack.t.db.enterprise.findFirstOrThrow({ where: { sector: 'GENERAL' } });
    const unit = await stack.t.db.unit.findFirstOrThrow();
    for (const [k, origin] of (
      ['COMPLAINT', 'REPORT', 'ASSIGNED', 'CAMPAIGN', 'TRANSFERRED', 'RANDOM'] as const
    ).entries())
      await stack.t.db.inspection.create({
        data: {
          workflowId: `cap-${k}`,
          origin,
          unitId: unit.id,
          enterpriseId: e.id,
          stage: 'DONE',
          windowStart: new Date(Date.UTC(2027, 2, 1)),
        },
      });
    const snap = await buildSnapshot(stack.t.db, 'cap', '2027-05-01', ANY_RULE);
    expect(snap.enterprises.find((x) => x.id === e.id)?.randomInspectionsThisYear).toBe(1);
  });
});
