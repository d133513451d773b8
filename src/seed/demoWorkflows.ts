// The demo district's live processes: each unit's 2027 plan waiting for
// submission (due by 2026-12-31, Art. 11), and one draw round of today's
// date waiting for 法规股 to run it. Starting them twice is harmless.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { startDrawRound, startPlan } from '../client/start.ts';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/client.ts';
import { chinaDate } from '../shared/chinaTime.ts';

async function once(start: () => Promise<unknown>): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}

export async function startDemoWorkflows(client: Client, db: Db, config: Config): Promise<{ demoDrawId: string }> {
  for (const plan of await db.annualPlan.findMany({ include: { unit: true } }))
    await once(() =>
      startPlan(client, config.taskQueue, plan.unit.code, plan.year, {
        planId: plan.id,
        approvalDue: `${plan.year - 1}-12-31`,
        policy: config.policy,
      }),
    );
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'FMG' } });
  const today = chinaDate(Date.now());
  const demoDrawId = `D${today.slice(0, 4)}-FMG-DEMO`;
  const end = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  await once(() =>
    startDrawRound(client, config.taskQueue, {
      drawId: demoDrawId,
      planRoundId: null,
      unitId: unit.id,
      unitCode: unit.code,
      drawDate: today,
      // Art. 13's own example: 非煤矿山, teams of two with at least one specialist.
      rule: {
        sectors: ['NON_COAL_MINE'],
        enterprises: { count: 3 },
        teamSize: 2,
        quotas: [{ specialty: 'NON_COAL_MINE', min: 1 }],
        itemsPerInspection: 4,
        crossTownship: true,
      },
      window: { start: today, end },
      policy: config.policy,
    }),
  );
  return { demoDrawId };
}
