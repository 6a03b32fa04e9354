import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface HandoffBench {
  tapToPage: { runs: number[]; medianMs: number; goalMs: number };
  acceptToVideo: { runs: number[]; medianMs: number; goalMs: number } | { skipped: string };
}

const ROOT = join(import.meta.dirname, '..');

/**
 * Warm-handoff latency on the local platform (reported, never asserted): tap → page delivered to
 * the BCM's socket (median of 7) and accept → both pages rendering remote video (median of 3).
 * The worker runs in a loopback-only network namespace because the video part is a WebRTC call;
 * where none can be made, only the paging part runs.
 */
export const measureHandoff = (): HandoffBench => {
  const netns = spawnSync(join(ROOT, 'scripts', 'in-loopback-netns.sh'), ['true'], {
    stdio: 'ignore',
  });
  const worker = ['tsx', join(ROOT, 'bench', 'handoff-run.ts')];
  // The handlers log every request at INFO: only the result line matters here.
  const env = { ...process.env, LOG_LEVEL: 'WARN' };
  const run =
    netns.status === 0
      ? spawnSync(join(ROOT, 'scripts', 'in-loopback-netns.sh'), ['npx', ...worker], {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          env,
        })
      : spawnSync('npx', worker, {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...env, BENCH_SKIP_VIDEO: '1' },
        });
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`handoff bench failed (exit ${run.status ?? 'signal'})`);
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as HandoffBench;
};
