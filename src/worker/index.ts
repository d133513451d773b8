// The worker: registers every workflow and the activities built from their
// dependencies, on one task queue.
import path from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, type NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { type ActivityDeps, createActivities } from '../activities/index.ts';
import { FAILURE_CONVERTER_PATH } from '../temporal/payloadKeys.ts';

export const WORKFLOWS_PATH = path.resolve(import.meta.dirname, '../workflows/index.ts');

/** Bundle once and reuse: bundling takes seconds, and tests start many workers. */
export async function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  });
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: WorkflowBundle;
  /** Overrides for tests (e.g. activities wrapped with fault injection). */
  activities?: object;
  /** How long the server waits for this (possibly dead) worker before handing its workflows to another. */
  stickyQueueScheduleToStartTimeout?: string;
  /** Workflows kept in memory between tasks; the rest replay from history when next touched. */
  maxCachedWorkflows?: number;
  /** Payload encryption (workerDataConverter); without it, payloads are plain (replaying old histories). */
  dataConverter?: DataConverter;
}

/**
 * The SDK's default cache grows with the heap (thousands of workflows, ~350 KB
 * each measured here). 500 still holds a district's open inspections several
 * times over; 1,000 put a worker with 10,000 open ones at 740–1,030 MiB from
 * run to run, too close to the 1 GiB target (bench/scale.ts, README).
 */
export const DEFAULT_CACHED_WORKFLOWS = 500;

export async function createWorker(o: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities ?? createActivities(o.deps),
    stickyQueueScheduleToStartTimeout: (o.stickyQueueScheduleToStartTimeout ?? '10s') as '10s',
    maxCachedWorkflows: o.maxCachedWorkflows ?? DEFAULT_CACHED_WORKFLOWS,
    dataConverter: o.dataConverter ?? { failureConverterPath: FAILURE_CONVERTER_PATH },
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
