import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SWEEP_ENTRY = pathToFileURL(
  join(import.meta.dirname, '..', 'handlers', 'jobs', 'sweep-handoffs.ts'),
).href;

export const SWEEP_INTERVAL_MS = 15_000;

/**
 * Locally, EventBridge Scheduler's every-minute sweep runs in-process, more often so a demo's
 * unanswered page falls back soon after its window. Returns the stop (waits for a sweep in flight).
 */
export const startHandoffSweep = (log?: (line: string) => void): (() => Promise<void>) => {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = import(SWEEP_ENTRY)
      .then(({ handler }: { handler: () => Promise<unknown> }) => handler())
      .catch((error: unknown) =>
        log?.(`handoff sweep failed: ${error instanceof Error ? error.name : typeof error}`),
      )
      .finally(() => {
        running = undefined;
      });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
};
