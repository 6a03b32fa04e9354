import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { routes } from '../functions/contracts/api';

const ROOT = join(import.meta.dirname, '..');

/**
 * Each handler bundled the way CDK bundles it (ESM, minified, AWS SDK external as it is in the
 * Lambda runtime), its size, and the time a fresh Node process takes to import it (the part of a
 * cold start that our code controls).
 */
export const measureHandlerBundles = async () => {
  // Inside the repository, so the bundles resolve the external AWS SDK from node_modules as the
  // Lambda runtime provides it.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'bench-bundles-'));
  try {
    const rows = [];
    for (const spec of Object.values(routes)) {
      const outfile = join(out, `${spec.handler}.mjs`);
      await build({
        entryPoints: [join(ROOT, 'functions', 'handlers', 'http', `${spec.handler}.ts`)],
        bundle: true,
        metafile: true,
        minify: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        outfile,
        external: ['@aws-sdk/*'],
        banner: {
          js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        },
        logLevel: 'silent',
      });
      const code = readFileSync(outfile);
      const probe = join(out, `probe-${spec.handler}.mjs`);
      writeFileSync(
        probe,
        `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t);`,
      );
      const samples = Array.from({ length: 5 }, () => {
        const run = spawnSync(process.execPath, [probe], {
          env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1' },
          encoding: 'utf8',
          cwd: ROOT,
        });
        if (run.status !== 0) throw new Error(`importing ${spec.handler} failed: ${run.stderr}`);
        return Number(run.stdout.trim());
      }).sort((a, b) => a - b);
      rows.push({
        handler: spec.handler,
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
        importMsMedian: Number((samples[2] ?? NaN).toFixed(1)),
      });
    }
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};

/** The web app's production build: what a tablet downloads before the first screen. */
export const measureWebBundle = () => {
  const run = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`web build failed: ${run.stderr}`);
  const dist = join(ROOT, 'web', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] ?? '',
  );
  const assets = readdirSync(join(dist, 'assets'));
  const size = (file: string) => {
    const content = readFileSync(join(dist, file));
    return { bytes: statSync(join(dist, file)).size, gzipBytes: gzipSync(content).length };
  };
  const initialSizes = initial.map((file) => ({ file, ...size(file) }));
  const all = assets.map((file) => size(join('assets', file)));
  return {
    initialGzipBytes: initialSizes.reduce((a, b) => a + b.gzipBytes, 0),
    initial: initialSizes,
    totalGzipBytes: all.reduce((a, b) => a + b.gzipBytes, 0),
    chunks: assets.length,
  };
};
