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

/** A second signal this long after the first forces the exit. */
const FORCE_AFTER_MS = 2_000;

export function runEntry(main: (life: Lifecycle) => Promise<void>) {
  const life = new Lifecycle();
  const shutdown = async () => {
    console.log('\nssj: stopping…');
    await life.stopAll();
    console.log('ssj: stopped.');
    process.exit(0);
  };
  // One Ctrl-C under `npm start` arrives more than once: the terminal signals
  // the whole process group, and npm and tsx relay it again. Only a press
  // well after the first cuts the orderly stop short.
  let stoppingSince = 0;
  const onSignal = () => {
    if (!stoppingSince) {
      stoppingSince = Date.now();
      void shutdown();
    } else if (Date.now() - stoppingSince > FORCE_AFTER_MS) {
      console.log('ssj: stopped before finishing (signalled again).');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  main(life).catch(async (e) => {
    await life.stopAll();
    console.error(`ssj: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    process.exit(1);
  });
}
