// Shared by the entry points: one clear line instead of a stack trace, and
// an orderly stop on Ctrl-C / SIGTERM.
import fs from 'node:fs';
import { DefaultLogger, Runtime } from '@temporalio/worker';

type Stop = () => Promise<unknown>;

export class Lifecycle {
  private stops: Stop[] = [];
  onStop(stop: Stop) {
    this.stops.push(stop);
  }
  async stopAll() {
    for (const stop of this.stops.reverse()) await stop().catch(() => undefined);
    this.stops = [];
  }
}

/** Container health checks look for this file. */
export function markReady() {
  fs.writeFileSync('/tmp/ssj-ready', String(process.pid));
}

export function quietTemporalLogs() {
  Runtime.install({ logger: new DefaultLogger((process.env.SSJ_LOG_LEVEL as 'WARN') || 'WARN') });
}

export function runEntry(main: (life: Lifecycle) => Promise<void>) {
  const life = new Lifecycle();
  const shutdown = async () => {
    console.log('\nssj: stopping…');
    await life.stopAll();
    console.log('ssj: stopped.');
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  main(life).catch(async (e) => {
    await life.stopAll();
    console.error(`ssj: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    process.exit(1);
  });
}
