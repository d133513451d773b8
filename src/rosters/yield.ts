/**
 * On SQLite a query is synchronous underneath its promise, so a loop of
 * awaited queries is one long chain of microtasks that never reaches the
 * timers or the sockets: between batches, give waiting requests their turn.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
