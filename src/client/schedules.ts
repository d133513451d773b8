// Standing Temporal Schedules, made once at start-up (again is harmless):
// today only the audit log's daily anchor (src/workflows/auditAnchor.ts).
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { AUDIT_ANCHOR_SCHEDULE, auditAnchor } from '../workflows/auditAnchor.ts';

export async function ensureSchedules(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: AUDIT_ANCHOR_SCHEDULE,
      // 23:30 Beijing time, every day: what the day filed is anchored before the next begins.
      spec: { calendars: [{ hour: 23, minute: 30 }], timezone: 'Asia/Shanghai' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: { type: 'startWorkflow', workflowType: auditAnchor, taskQueue, args: [] },
    });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
  }
}
