// One real Temporal dev server, one workflow bundle and one PostgreSQL for
// the whole integration run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TestProject } from 'vitest/node';
import { SEARCH_ATTRIBUTES } from '../../src/shared/searchAttributes.ts';
import { resolveTemporalCli, sdkExecutable } from '../../src/temporal/binary.ts';
import { bundleWorkflows } from '../../src/worker/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    workflowBundlePath: string;
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cli = resolveTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: sdkExecutable(cli),
      searchAttributes: SEARCH_ATTRIBUTES,
      // As the SDK's own CI does: the dev server's SQLite is the bottleneck.
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF', '--log-level', 'error'],
    },
  });
  project.provide('temporalAddress', env.address);

  const bundle = await bundleWorkflows();
  const bundlePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-bundle-')), 'workflows.js');
  fs.writeFileSync(bundlePath, bundle.code);
  project.provide('workflowBundlePath', bundlePath);

  const pgUrl =
    process.env.TEST_DATABASE_URL ??
    (execFileSync('bash', [path.resolve(import.meta.dirname, '../../scripts/pg-start.sh')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .toString()
      .trim()
      .split('\n')
      .pop() as string);
  project.provide('pgUrl', pgUrl);

  return async () => {
    await env.teardown();
  };
}
