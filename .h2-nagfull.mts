import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
const { buildApp } = await import('./infra/app.ts');
const outdir = mkdtempSync(path.join(tmpdir(), 'h2-nagfull-'));
const t = Date.now();
const { app } = buildApp({ outdir, webDist: '/tmp/h2web', env: {}, context: { authDomainPrefix: 'bh-consult-test' } });
try { app.synth(); console.log('synth ok'); } catch (e) { console.log('synth failed', (e as Error).message.slice(0, 2000)); }
console.log('seconds', (Date.now() - t) / 1000, outdir);
const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
for (const p of report.pluginReports) for (const v of p.violations) for (const c of v.violatingConstructs) console.log(p.pluginName, v.severity, v.ruleName, c.constructPath);
