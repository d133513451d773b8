// The console's authorisation matrix: every role × every action. Allowed
// means anything but 403 (the request then fails or succeeds on its merits —
// bodies are chosen so an allowed request changes nothing it should not);
// denied means 403 before anything is read or written. Signed-out visitors
// are sent to sign in, except on the public page.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssignedInspection, startDrawRound, startPlan } from '../../src/client/start.ts';
import { planState } from '../../src/workflows/annualPlan/messages.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { CALM_POLICY, demoInput, demoRound, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

const ROLES = ['anonymous', 'fmg.staff', 'whg.staff', 'fmg.lead', 'fagui', 'leader', 'admin', 'yhb.observer'] as const;
type Role = (typeof ROLES)[number];
/** The bureau's own accounts: everyone signed in but a 见证人, who sees draw sessions and the public pages only. */
const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous' && r !== 'yhb.observer');
const EVERY_ACCOUNT: Role[] = [...SIGNED_IN, 'yhb.observer'];
const BUREAU: Role[] = ['fagui', 'leader', 'admin'];

describe('authorisation matrix', () => {
  const stack = useStack();
  let app: FastifyInstance;
  const ctx = { wf: '', inspectionId: 0, planId: 0, drawId: 'D2026-WHG-AUTHZ', enterprise: '', inspector: '' };

  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
    const input = await demoInput(stack.t.db, 'authz-1');
    ctx.wf = input.workflowId;
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    // Open once its row is written (the workflow answers queries before its first activity has run).
    await eventually(async () => expect((await handle.query(m.stateQuery)).inspectionId).not.toBeNull());
    ctx.inspectionId = (await stack.t.db.inspection.findUniqueOrThrow({ where: { workflowId: ctx.wf } })).id;
    // WHG's plan, submitted: a further submit or an edit is refused on its merits, never applied.
    // (Another unit than web.test.ts's, whose plan workflow has the same business key on the shared server.)
    const plan = await stack.t.db.annualPlan.findFirstOrThrow({ where: { unit: { code: 'WHG' } } });
    ctx.planId = plan.id;
    const planHandle = await startPlan(stack.h.client, stack.h.taskQueue, 'WHG', plan.year, {
      planId: plan.id,
      approvalDue: '2026-12-31',
      policy: CALM_POLICY,
    });
    await eventually(() => planHandle.query(planState));
    const staff = browser(app);
    await staff.login('whg.staff');
    await staff.get(`/plans/${plan.id}`);
    await staff.post(`/plans/${plan.id}/submit`, {});
    await startDrawRound(
      stack.h.client,
      stack.h.taskQueue,
      await demoRound(stack.t.db, ctx.drawId, 'WHG', 'HAZARDOUS_CHEMICALS'),
    );
    ctx.enterprise = (await stack.t.db.enterprise.findFirstOrThrow()).creditCode;
    ctx.inspector = (await stack.t.db.inspector.findFirstOrThrow({ where: { unit: { code: 'FMG' } } })).certificateNo;
  });
  afterAll(async () => app?.close());

  /** [action, how to try it, who may]. */
  const MATRIX: [string, (b: ReturnType<typeof browser>) => Promise<{ statusCode: number }>, Role[]][] = [
    ['read the public page', (b) => b.get('/public'), [...ROLES]],
    ['list my tasks', (b) => b.get('/tasks'), EVERY_ACCOUNT],
    ['open an FMG inspection', (b) => b.get(`/inspections/${ctx.wf}`), ['fmg.staff', 'fmg.lead', ...BUREAU]],
    [
      'take a step on an FMG inspection',
      async (b) => {
        await b.get('/tasks'); // a page with a CSRF token
        return b.post(`/inspections/${ctx.wf}/steps/confirm`, { inspectorId: '0' }); // no such member: refused on its merits
      },
      ['fmg.staff', 'fmg.lead', 'fagui', 'admin'],
    ],
    [
      'print an FMG inspection scheme',
      (b) => b.get(`/documents/scheme/${ctx.inspectionId}`),
      ['fmg.staff', 'fmg.lead', ...BUREAU],
    ],
    ['see the supervisor dashboard', (b) => b.get('/supervisor'), ['fmg.lead', ...BUREAU]],
    ['read the audit log', (b) => b.get('/audit'), BUREAU],
    ['export the audit log', (b) => b.get('/audit/export.csv'), BUREAU],
    ['read the holiday schedule', (b) => b.get('/calendar'), SIGNED_IN],
    [
      'enter a holiday schedule',
      async (b) => {
        await b.get('/tasks');
        return b.post('/calendar', { year: '2029', source: '', days: '' });
      },
      ['fagui', 'admin'],
    ],
    [
      'have open inspections recompute their due dates',
      async (b) => {
        await b.get('/tasks');
        return b.post('/calendar/recompute', {});
      },
      ['fagui', 'admin'],
    ],
    ['read the yearly report', (b) => b.get('/reports?year=2026'), SIGNED_IN],
    // WHG's plan and draw: another unit's staff and supervisors are refused (a draw's outcome is on /public anyway).
    ['read a plan', (b) => b.get(`/plans/${ctx.planId}`), ['whg.staff', ...BUREAU]],
    [
      'submit the WHG plan',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/plans/${ctx.planId}/submit`, {});
      },
      ['whg.staff', 'fagui', 'admin'],
    ],
    [
      'edit a round of the WHG plan',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/plans/${ctx.planId}/rounds/1`, {});
      },
      ['whg.staff', 'fagui', 'admin'],
    ],
    [
      'review a plan',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/plans/${ctx.planId}/return`, { reasons: '' }); // a return needs reasons: refused on its merits
      },
      ['fagui', 'admin'],
    ],
    ['read a draw', (b) => b.get(`/draws/${ctx.drawId}`), ['whg.staff', ...BUREAU, 'yhb.observer']],
    [
      'set up a draw session',
      async (b) => {
        await b.get('/tasks');
        // No participants: refused on its merits (400), never applied.
        return b.post(`/draws/${ctx.drawId}/setup`, { participants: '', source: '现场掷骰' });
      },
      ['fagui', 'admin'],
    ],
    [
      'freeze, close reveals or enter the public value',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/draws/${ctx.drawId}/freeze`, {}); // the round is not committing: refused on its merits
      },
      ['fagui', 'admin'],
    ],
    ['read the public draw pages', (b) => b.get(`/public/draws/${ctx.drawId}`), [...ROLES]],
    ['read a roster', (b) => b.get('/rosters/enterprises'), SIGNED_IN],
    [
      'import a roster',
      async (b) => {
        await b.get('/rosters/enterprises');
        return b.upload('/rosters/enterprises/import', 'empty.csv', Buffer.from('not,a,roster\n'));
      },
      ['fmg.staff', 'whg.staff', 'fagui', 'admin'],
    ],
    [
      'edit an enterprise',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/enterprises/${ctx.enterprise}`, { name: '' });
      },
      ['fmg.staff', 'whg.staff', 'fagui', 'admin'],
    ],
    [
      'edit an inspector',
      async (b) => {
        await b.get('/tasks');
        return b.post(`/inspectors/${encodeURIComponent(ctx.inspector)}`, { certificateStatus: 'NOPE' });
      },
      ['fmg.staff', 'fagui', 'admin'], // an FMG inspector: not WHG's staff
    ],
    [
      'move an FMG inspector to WHG',
      async (b) => {
        await b.get('/tasks');
        const i = await stack.t.db.inspector.findUniqueOrThrow({ where: { certificateNo: ctx.inspector } });
        const whg = await stack.t.db.unit.findFirstOrThrow({ where: { code: 'WHG' } });
        return b.post(`/inspectors/${encodeURIComponent(ctx.inspector)}`, {
          certificateStatus: 'NOPE', // refused on its merits even where the move is allowed: nothing changes
          certificateTo: i.certificateTo.toISOString().slice(0, 10),
          unitId: String(whg.id),
        });
      },
      ['fagui', 'admin'],
    ],
    [
      'publish an item version',
      async (b) => {
        await b.get('/items');
        return b.post('/items/versions/999999/publish', {});
      },
      ['fagui', 'admin'],
    ],
    ['see my account', (b) => b.get('/account'), EVERY_ACCOUNT],
    [
      'change my password',
      async (b) => {
        await b.get('/tasks');
        return b.post('/account/password', { current: 'wrong', next: 'x', again: 'y' });
      },
      EVERY_ACCOUNT,
    ],
    ['list users', (b) => b.get('/admin/users'), ['admin']],
    [
      'stop an account',
      async (b) => {
        await b.get('/tasks');
        return b.post('/admin/users/fmg.staff/active', { active: 'maybe' });
      },
      ['admin'],
    ],
    [
      'change an account’s role',
      async (b) => {
        await b.get('/tasks');
        return b.post('/admin/users/fmg.staff/role', { role: 'EMPEROR' });
      },
      ['admin'],
    ],
    [
      'reset a password',
      async (b) => {
        await b.get('/tasks');
        return b.post('/admin/users/fmg.staff/password', { password: 'short' });
      },
      ['admin'],
    ],
    [
      'create a user',
      async (b) => {
        await b.get('/tasks');
        return b.post('/admin/users', { username: '' });
      },
      ['admin'],
    ],
  ];

  it('allows exactly what each role may do, and nothing else', async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const b = browser(app);
      if (role !== 'anonymous') expect((await b.login(role)).statusCode).toBe(302);
      for (const [action, attempt, allowed] of MATRIX) {
        const { statusCode } = await attempt(b);
        const may = allowed.includes(role);
        const got =
          statusCode >= 500
            ? 'broken'
            : role === 'anonymous' && statusCode === 302
              ? 'sent to sign in'
              : statusCode === 403
                ? 'denied'
                : 'allowed';
        // Signed out: a page sends you to sign in; a form post fails its CSRF check (no session) with 403.
        const ok =
          got !== 'broken' && (may ? got === 'allowed' : role === 'anonymous' ? got !== 'allowed' : got === 'denied');
        if (!ok) wrong.push(`${role} / ${action}: ${got} (${statusCode}), should be ${may ? 'allowed' : 'refused'}`);
      }
    }
    expect(wrong).toEqual([]);
    // The refused attempts changed nothing: the inspection is where it was, the plan still submitted.
    const st = await stack.h.client.workflow.getHandle(ctx.wf).query(m.stateQuery);
    expect(st.confirmed).toEqual([]);
    expect((await stack.t.db.annualPlan.findUniqueOrThrow({ where: { id: ctx.planId } })).status).toBe('SUBMITTED');
    expect(await stack.t.db.user.count({ where: { username: '' } })).toBe(0);
    expect(await stack.t.db.user.count({ where: { active: false } })).toBe(0);
    expect(await stack.t.db.auditLog.count({ where: { action: { startsWith: 'user.' } } })).toBe(0);
    expect(await stack.t.db.calendarDay.count()).toBe(0);
  });
});
