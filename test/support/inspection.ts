// Build inspection inputs from the seeded demo district, and drive the steps.

import type { WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import type { DrawRule } from '../../src/draw/rule.ts';
import type { Sector } from '../../src/generated/sqlite/enums.ts';
import type { DrawRoundInput } from '../../src/workflows/drawRound/workflow.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import type { InspectionInput, InspectionState, TeamMember } from '../../src/workflows/inspection/types.ts';

export { CALM_POLICY, PNG_BYTES } from './fixtures.ts';

import { CALM_POLICY } from './fixtures.ts';

export async function demoInput(
  db: Db,
  workflowId: string,
  over: Partial<InspectionInput> = {},
  enterpriseIndex = 0,
): Promise<InspectionInput> {
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
  const enterprise = (await db.enterprise.findMany({ where: { sector: 'NON_COAL_MINE' }, orderBy: { id: 'asc' } }))[
    enterpriseIndex
  ];
  if (!enterprise) throw new Error('seed the demo district first');
  const inspectors = await db.inspector.findMany({ where: { unitId: unit.id }, orderBy: { id: 'asc' }, take: 2 });
  const items = await db.itemVersion.findMany({
    where: { item: { sector: 'NON_COAL_MINE' } },
    orderBy: { id: 'asc' },
    take: 3,
  });
  const team: TeamMember[] = inspectors.map((i) => ({ kind: 'INSPECTOR', id: i.id, name: i.name }));
  return {
    workflowId,
    origin: 'COMPLAINT',
    originNote: '群众举报边坡隐患',
    unitId: unit.id,
    unitCode: unit.code,
    enterprise: { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode },
    drawId: null,
    team,
    itemIds: items.map((i) => i.id),
    window: { start: '2026-11-26', end: '2026-12-31' },
    policy: CALM_POLICY,
    ...over,
  };
}

/** Poll until `check` passes (for things that happen asynchronously: mail, timers). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      last = e;
      if (Date.now() > deadline) throw last;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}

/** Confirm the team, submit a scheme, choose `date` and record all-compliant results ending `endedOn`. */
export async function driveToFeedback(
  handle: WorkflowHandle,
  input: InspectionInput,
  date: string,
  endedOn: string,
): Promise<InspectionState> {
  for (const x of input.team)
    await handle.executeUpdate(m.confirmNoConflict, { args: [{ inspectorId: x.id, actor: x.name }] });
  await eventually(async () => expect((await handle.query(m.stateQuery)).stage).toBe('SCHEME'));
  await handle.executeUpdate(m.submitScheme, { args: [{ scheme: '按检查方案实施', actor: 'staff' }] });
  await handle.executeUpdate(m.chooseDate, { args: [{ date, actor: 'staff' }] });
  const results = input.itemIds.map((itemId) => ({ itemId, result: 'COMPLIANT' as const }));
  await handle.executeUpdate(m.recordResults, {
    args: [{ endedOn, results, problems: '', enterpriseOpinion: '', actor: 'staff' }],
  });
  // The post-inspection deadlines open right after the step (the calendar is asked first).
  return eventually(async () => {
    const st = await handle.query(m.stateQuery);
    expect(st.deadlines.map((d) => d.kind)).toContain('PUBLICATION');
    return st;
  });
}

/** A rule that takes everyone into account, for snapshot tests. */
export const ANY_RULE = {
  sectors: 'ALL' as const,
  enterprises: { count: 1 },
  teamSize: 1,
  quotas: [],
  itemsPerInspection: 0,
  crossTownship: false,
};

/** A draw round of today's date for a demo unit, drawing from one sector. */
export async function demoRound(
  db: Db,
  drawId: string,
  unitCode: string,
  sector: Sector,
  rule: Partial<DrawRule> = {},
): Promise<DrawRoundInput> {
  const unit = await db.unit.findFirstOrThrow({ where: { code: unitCode } });
  return {
    drawId,
    planRoundId: null,
    unitId: unit.id,
    unitCode,
    drawDate: '2026-11-26',
    rule: {
      sectors: [sector],
      enterprises: { count: 2 },
      teamSize: 2,
      quotas: [],
      itemsPerInspection: 2,
      crossTownship: false,
      ...rule,
    },
    window: { start: '2026-11-26', end: '2026-12-31' },
    policy: CALM_POLICY,
  };
}
