// 我的待办 with more open inspections than a page holds: paged at 50, searchable
// by enterprise (a lower-case credit code too), filtered by how due they are,
// and the supervisor's dashboard links to the whole list.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import { PAGE_SIZE } from '../../src/web/pager.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';
import { browser, consoleWithDemoUsers } from '../support/webClient.ts';

const OPEN = PAGE_SIZE + 5;
const rowsOf = (body: string) => (body.match(/<a href="\/inspections\/tasks-/g) ?? []).length;

describe('我的待办 over many open inspections', () => {
  const stack = useStack();
  let app: FastifyInstance;
  const names: string[] = [];

  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
    // A unit of its own: other test files' open inspections share the dev server's index.
    const db = stack.t.db;
    const code = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    const unit = await db.unit.create({
      data: { code, name: '测试股', supervisorName: '测试股长', supervisorEmail: 'tasks@example.gov.cn' },
    });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { username: 'fmg.staff' } });
    for (const [username, role] of [
      ['tasks.staff', 'STAFF'],
      ['tasks.lead', 'SUPERVISOR'],
    ] as const)
      await db.user.create({ data: { username, displayName: username, passwordHash, role, unitId: unit.id } });
    const enterprises = await db.enterprise.count({ where: { sector: 'NON_COAL_MINE' } });
    for (let k = 0; k < OPEN; k++) {
      const over = { unitId: unit.id, unitCode: code };
      const input = await demoInput(db, `tasks-${k}`, over, k % enterprises);
      names.push(input.enterprise.name);
      await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    }
    const staff = browser(app);
    await staff.login('tasks.staff');
    await eventually(async () => expect((await staff.get('/tasks?page=2')).body).toContain(`共 ${OPEN} 条`), 60_000);
  }, 180_000);
  afterAll(() => app?.close());

  it('shows 50 a page, with the way to the rest', async () => {
    const staff = browser(app);
    await staff.login('tasks.staff');
    const first = (await staff.get('/tasks')).body;
    expect(rowsOf(first)).toBe(PAGE_SIZE);
    expect(first).toContain(`共 ${OPEN} 条，第 1 / 2 页`);
    expect(first).toContain('href="/tasks?page=2"');
    const second = (await staff.get('/tasks?page=2')).body;
    expect(rowsOf(second)).toBe(OPEN - PAGE_SIZE);
    // Another unit's staff see none of them.
    const other = browser(app);
    await other.login('whg.staff');
    expect(rowsOf((await other.get('/tasks')).body)).toBe(0);
  });

  it('finds an enterprise by name or by its credit code typed in lower case', async () => {
    const staff = browser(app);
    await staff.login('tasks.staff');
    const e = await stack.t.db.enterprise.findFirstOrThrow({ where: { name: names[0] } });
    const expected = names.filter((n) => n === e.name).length;
    const byName = (await staff.get(`/tasks?q=${encodeURIComponent(e.name)}`)).body;
    expect(rowsOf(byName)).toBe(expected);
    expect(byName).toContain(`value="${e.name}"`);
    const byCode = (await staff.get(`/tasks?q=${e.creditCode.toLowerCase()}`)).body;
    expect(rowsOf(byCode)).toBe(expected);
    expect(rowsOf((await staff.get('/tasks?q=%25')).body)).toBe(0); // a LIKE wildcard is text
  });

  it('filters by how due they are, and refuses a filter it does not know in words', async () => {
    const lead = browser(app);
    await lead.login('tasks.lead');
    const dashboard = (await lead.get('/supervisor')).body;
    expect(dashboard).toContain('三日内到期');
    const overdue = (await lead.get('/tasks?due=overdue')).body;
    expect(overdue).toContain('检查任务（已逾期）');
    expect(rowsOf(overdue)).toBe(0); // every one was opened today with days to go
    // Two made overdue, three due tomorrow and the rest in ten days, as their deadline records would have it.
    const ids = (await stack.t.db.inspection.findMany({ where: { workflowId: { startsWith: 'tasks-' } } })).map(
      (r) => r.id,
    );
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    await stack.t.db.inspection.updateMany({ where: { id: { in: ids.slice(5) } }, data: { nextDueAt: at(10) } });
    await stack.t.db.inspection.updateMany({ where: { id: { in: ids.slice(0, 2) } }, data: { nextDueAt: at(-1.5) } });
    await stack.t.db.inspection.updateMany({ where: { id: { in: ids.slice(2, 5) } }, data: { nextDueAt: at(1) } });
    expect(rowsOf((await lead.get('/tasks?due=overdue')).body)).toBe(2);
    expect(rowsOf((await lead.get('/tasks?due=soon')).body)).toBe(3);
    // A due date counted on a year whose holiday schedule is not out yet is marked as the inspection page marks it.
    expect((await lead.get('/tasks?due=soon')).body).not.toContain('暂定');
    await stack.t.db.inspection.update({ where: { id: ids[2] }, data: { nextDueProvisional: true } });
    expect((await lead.get('/tasks?due=soon')).body.match(/暂定：当年节假日安排尚未公布/g)).toHaveLength(1);
    const all = (await lead.get('/tasks')).body;
    expect(all.indexOf('已逾期 2 天')).toBeGreaterThan(-1); // earliest due first
    expect(all.indexOf('已逾期 2 天')).toBeLessThan(all.indexOf('还剩 1 天'));
    const board = (await lead.get('/supervisor')).body;
    const overdueBlock = board.slice(board.indexOf('<h2>逾期事项</h2>'), board.indexOf('<h2>未解除的提醒与上报</h2>'));
    expect(rowsOf(overdueBlock)).toBe(2);
    // Another unit's supervisor sees none of them.
    const other = browser(app);
    await other.login('fmg.lead');
    expect(rowsOf((await other.get('/tasks?due=overdue')).body)).toBe(0);
    const bad = await lead.get('/tasks?due=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('网址参数中的「到期情况」不是可选的值');
  });
});

describe('plans and items: searched, paged', () => {
  const stack = useStack({ worker: false });
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await consoleWithDemoUsers(stack);
  });
  afterAll(() => app?.close());

  it('finds a plan by its unit, and pages the item list', async () => {
    const legal = browser(app);
    await legal.login('fagui');
    const plans = await stack.t.db.annualPlan.findMany({ include: { unit: true } });
    const one = plans[0];
    if (!one) throw new Error('the demo district has plans');
    const found = (await legal.get(`/plans?q=${encodeURIComponent(one.unit.name)}`)).body;
    expect(found).toContain(`href="/plans/${one.id}"`);
    for (const other of plans.filter((p) => p.unitId !== one.unitId))
      expect(found).not.toContain(`href="/plans/${other.id}"`);
    const versions = await stack.t.db.itemVersion.count();
    const items = (await legal.get('/items')).body;
    expect(items).toContain(`共 ${versions} 条，第 1 / ${Math.max(1, Math.ceil(versions / PAGE_SIZE))} 页`);
    expect((await legal.get('/items?page=abc')).statusCode).toBe(200); // a page it cannot read is page 1
  });

  it('sends pages and styles compressed to a browser that accepts it (a phone on a slow connection)', async () => {
    const gzip = { 'accept-encoding': 'gzip' };
    const css = await app.inject({ url: '/assets/pico.css', headers: gzip });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.rawPayload.length).toBeLessThan(20_000);
    const plain = await app.inject({ url: '/assets/pico.css' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(80_000);
    const page = await app.inject({ url: '/public?tab=items', headers: gzip });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
