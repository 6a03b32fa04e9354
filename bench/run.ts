import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureHandlerBundles, measureWebBundle } from './bundles';
import { measureDynamoRequests } from './dynamo-requests';
import { measureHandoff } from './handoff';
import { measureRegistry, printRegistry } from './registry';
import { measureSlotGeneration } from './scheduling';

/**
 * `npm run bench`: counts and ratios, never pass/fail on time. Writes bench/results/latest.json and
 * prints a summary; docs/benchmarks.md records the numbers of a reference run.
 */
const LARGER_CLINIC_PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200);

const requests = await measureDynamoRequests(LARGER_CLINIC_PATIENTS);
console.log(
  `\nDynamoDB requests per API call (seeded clinic → +${LARGER_CLINIC_PATIENTS} patients with screenings)`,
);
for (const [route, small] of Object.entries(requests.small)) {
  const large = requests.large[route] ?? NaN;
  console.log(
    `  ${route.padEnd(22)} ${String(small).padStart(3)} → ${String(large).padStart(3)}  ratio ${(large / small).toFixed(2)}`,
  );
}

const bundles = await measureHandlerBundles();
console.log('\nLambda bundles (ESM, minified, AWS SDK external)');
for (const row of bundles) {
  console.log(
    `  ${row.handler.padEnd(24)} ${(row.bytes / 1024).toFixed(1).padStart(7)} kB  gzip ${(row.gzipBytes / 1024).toFixed(1).padStart(6)} kB  import ${row.importMsMedian} ms (median of 5 fresh processes)`,
  );
}

const web = measureWebBundle();
console.log('\nWeb app');
console.log(
  `  initial download ${(web.initialGzipBytes / 1024).toFixed(1)} kB gzip (${web.initial.map((f) => f.file).join(', ')})`,
);
console.log(
  `  all chunks       ${(web.totalGzipBytes / 1024).toFixed(1)} kB gzip in ${web.chunks} files`,
);

const handoff = measureHandoff();
console.log(
  '\nWarm handoff, local platform (goals: page ≤ 0.5 s, video ≤ 3 s; reported, not asserted)',
);
console.log(
  `  tap → page on the BCM's socket   median ${handoff.tapToPage.medianMs} ms (runs ${handoff.tapToPage.runs.join(', ')})`,
);
console.log(
  'skipped' in handoff.acceptToVideo
    ? `  accept → both rendering video  skipped: ${handoff.acceptToVideo.skipped}`
    : `  accept → both rendering video  median ${handoff.acceptToVideo.medianMs} ms (runs ${handoff.acceptToVideo.runs.join(', ')})`,
);

const slots = await measureSlotGeneration(90);
console.log(
  `\nSlot generation, ${slots.providers} providers × ${slots.days} days (DynamoDB Local)`,
);
for (const [name, run] of [
  ['first run ', slots.first],
  ['second run', slots.second],
] as const) {
  const total = Object.values(run.requests).reduce((a, b) => a + b, 0);
  console.log(
    `  ${name} ${run.slots} slots, ${total} requests (${JSON.stringify(run.requests)}), ${run.ms} ms`,
  );
}

const registry = await measureRegistry();
printRegistry(registry);

// @bench:billing (closing a CoCM month of 10,000 patients; its own results file)
const { measureBilling, printBilling } = await import('./billing');
const billing = await measureBilling();
printBilling(billing);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  join(import.meta.dirname, 'results', 'billing.json'),
  `${JSON.stringify({ at: new Date().toISOString(), billing }, null, 2)}\n`,
);

const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'latest.json'),
  `${JSON.stringify(
    { at: new Date().toISOString(), requests, bundles, web, handoff, slots, registry },
    null,
    2,
  )}\n`,
);
console.log('\nWritten to bench/results/latest.json');
