// Heartbeat while a long call runs, so a crashed worker is noticed within
// the heartbeat timeout instead of the (longer) start-to-close timeout.
import { Context } from '@temporalio/activity';

function inActivity(): Context | null {
  try {
    return Context.current();
  } catch {
    return null; // called directly (tests, scripts): nothing to heartbeat to
  }
}

export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2000): Promise<T> {
  const ctx = inActivity();
  if (!ctx) return work();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
