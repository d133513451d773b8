// Accessibility: axe-core (WCAG 2.1 A and AA, the rules GB/T 37668 builds
// on) in Chromium on every page of the console, at an office screen's size
// and a phone's. A violation fails with its rule, its impact and the element.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssignedInspection } from '../../src/client/start.ts';
import { DEMO_PASSWORD } from '../../src/seed/demoUsers.ts';
import * as m from '../../src/workflows/inspection/messages.ts';
import { chromiumAvailable, launchChromium } from '../support/browser.ts';
import { demoInput, eventually } from '../support/inspection.ts';
import { useStack } from '../support/stack.ts';
import { consoleWithDemoUsers } from '../support/webClient.ts';

const run = chromiumAvailable() || process.env.CI === 'true';
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

describe.runIf(run)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const stack = useStack();
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  const pages: string[] = [];

  beforeAll(async () => {
    const app = await consoleWithDemoUsers(stack);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
    browser = await launchChromium();
    const input = await demoInput(stack.t.db, 'a11y-1');
    const handle = await startAssignedInspection(stack.h.client, stack.h.taskQueue, input);
    await eventually(() => handle.query(m.stateQuery));
    const enterprise = await stack.t.db.enterprise.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const inspector = await stack.t.db.inspector.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const plan = await stack.t.db.annualPlan.findFirst({ orderBy: { id: 'asc' } });
    pages.push(
      '/tasks',
      '/plans',
      ...(plan ? [`/plans/${plan.id}`] : []),
      '/inspections/new',
      `/inspections/${encodeURIComponent(input.workflowId)}`,
      '/rosters/enterprises',
      '/rosters/inspectors',
      `/enterprises/${encodeURIComponent(enterprise.creditCode)}`,
      `/inspectors/${encodeURIComponent(inspector.certificateNo)}`,
      '/items',
      '/supervisor',
      '/reports',
      '/calendar',
      '/audit',
      '/admin/users',
      '/admin/categories',
      '/account',
      '/public',
      '/public?tab=plans',
      '/public?tab=items',
      '/public?tab=inspectors',
      '/public/draws',
    );
  });
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  async function violations(page: Page, url: string): Promise<string[]> {
    const res = await page.goto(`${base}${url}`);
    expect(res?.status(), url).toBe(200);
    const found = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return found.violations.map(
      (v) =>
        `${url}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  }

  for (const [size, viewport] of Object.entries(SIZES))
    it(`finds no violation on any page, at ${size} size`, async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport });
      const page = await context.newPage();
      const found = await violations(page, '/login');
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button:has-text("登录")');
      await page.waitForURL(`${base}/tasks`);
      for (const url of pages) found.push(...(await violations(page, url)));
      await context.close();
      expect(found).toEqual([]);
    });
});
