/**
 * Local mode's stand-in for the two EventBridge schedules: the demo templates are seeded, slots
 * are generated at start and every 15 minutes, protected slots are released every minute. The
 * jobs are the same services the Lambda handlers run; both are idempotent, so an overlap between
 * runs changes nothing.
 */
import { ScheduleTemplate } from '../contracts/scheduling';
import { defaultClinicSchedulingSettings } from '../contracts/scheduling';
import { defaultTemplateBlocks } from '../domain/scheduling';
import { getDeps } from '../platform/container';
import type { Store } from '../ports/store';
import { generateSlots, releaseSlots } from '../services/scheduling-jobs';
import { demoUsers } from './demo-network';

const GENERATE_EVERY_MS = 15 * 60_000;
const RELEASE_EVERY_MS = 60_000;

const userIdOf = (username: string) => {
  const found = demoUsers.find((u) => u.username === username);
  if (!found) throw new Error(`demo user ${username} is missing`);
  return found.userId;
};

/**
 * The demo BCMs' weeks. Reyes covers three clinics in two zones: Pine Ridge (Denver) mornings and
 * Prairie Creek (Chicago) afternoons on Mon/Wed/Fri (13:00 Chicago is 12:00 Denver, when the
 * Pine Ridge morning ends), Sage Valley all day Tue/Thu. Whitfield is at Prairie Creek every day.
 */
export const demoTemplates = (): ScheduleTemplate[] => {
  const day = defaultTemplateBlocks(defaultClinicSchedulingSettings());
  const morning = day.filter((b) => b.start < '12:00');
  const afternoon = day.filter((b) => b.start >= '12:00');
  const reyes = userIdOf('bcm.reyes');
  const whitfield = userIdOf('bcm.whitfield');
  const effectiveFrom = '2025-01-01';
  const week = (clinicId: string, providerId: string, days: number[], blocks = day) =>
    days.map((weekday) =>
      ScheduleTemplate.parse({ clinicId, providerId, weekday, blocks, effectiveFrom }),
    );
  return [
    ...week('pine-ridge', reyes, [1, 3, 5], morning),
    ...week('prairie-creek', reyes, [1, 3, 5], afternoon),
    ...week('sage-valley', reyes, [2, 4]),
    ...week('prairie-creek', whitfield, [1, 2, 3, 4, 5]),
  ];
};

/** Puts the demo templates (idempotent: same keys each run). */
export const seedDemoSchedules = async (store: Store): Promise<void> => {
  for (const template of demoTemplates()) await store.templates.put(template);
};

export const startSchedulingJobs = async (
  store: Store,
  log: (line: string) => void = () => undefined,
): Promise<() => Promise<void>> => {
  await seedDemoSchedules(store);
  const deps = getDeps();
  let running: Promise<unknown> = Promise.resolve();
  const run = (name: string, job: () => Promise<unknown>) => {
    running = running
      .then(job)
      .catch((error: unknown) =>
        log(`scheduling ${name} failed: ${error instanceof Error ? error.name : 'error'}`),
      );
  };
  const generate = () => run('generation', () => generateSlots(deps, deps.clock.now()));
  const release = () => run('release', () => releaseSlots(deps, deps.clock.now()));
  generate();
  release();
  const timers = [setInterval(generate, GENERATE_EVERY_MS), setInterval(release, RELEASE_EVERY_MS)];
  for (const timer of timers) timer.unref();
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await running;
  };
};
