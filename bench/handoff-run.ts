/**
 * Worker of bench/handoff.ts, run in a loopback-only network namespace (WebRTC): starts the local
 * platform and measures (1) tap → page delivered to a BCM's socket, with a node `ws` client as the
 * BCM, and (2) accept → both pages rendering the other's remote video, in Chromium with fake
 * media. Prints one JSON line prefixed with BENCH_RESULT. BENCH_SKIP_VIDEO=1 skips (2).
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { Page } from 'playwright-core';
import { ServerMessage } from '../functions/contracts/realtime';
import { startLocalPlatform } from '../functions/local/platform';
import { SOCKET_PATH } from '../functions/local/socket-gateway';
import { FAKE_MEDIA_ARGS, launchChromium } from '../tests/support/browser';

const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 7);
const VIDEO_RUNS = Number(process.env.BENCH_VIDEO_RUNS ?? 3);
/** The first call also waits for Vite to compile the call screen: not counted. */
const VIDEO_WARMUPS = 1;
const CLINIC = 'pine-ridge';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'bench-handoff' });
const api = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const tokenFor = async (username: string): Promise<string> => {
  const response = await fetch(`${platform.apiUrl}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
};

try {
  const pcpToken = await tokenFor('dr.hale');
  const bcmToken = await tokenFor('bcm.reyes');
  const found = await api<{ items: { patientId: string }[] }>(
    pcpToken,
    'GET',
    `/clinics/${CLINIC}/patients?q=whit&limit=1`,
  );
  const patientId = found.items[0]?.patientId;
  if (!patientId) throw new Error('seeded patient not found');

  // (1) tap → page delivered.
  await api(bcmToken, 'PUT', '/me/presence', { clinicId: CLINIC, status: 'on-duty' });
  const socket = new WebSocket(
    `${platform.apiUrl.replace(/^http/, 'ws')}${SOCKET_PATH}?token=${encodeURIComponent(bcmToken)}`,
  );
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const pageMs: number[] = [];
  for (let run = 0; run <= PAGE_RUNS; run += 1) {
    const paged = new Promise<{ at: number; handoffId: string }>((resolve) => {
      const onMessage = (raw: Buffer) => {
        const message = ServerMessage.safeParse(JSON.parse(raw.toString()));
        if (message.success && message.data.type === 'handoff.paged') {
          socket.off('message', onMessage);
          resolve({ at: performance.now(), handoffId: message.data.handoff.handoffId });
        }
      };
      socket.on('message', onMessage);
    });
    const tapped = performance.now();
    await api(pcpToken, 'POST', `/clinics/${CLINIC}/handoffs`, {
      clientRequestId: randomUUID(),
      patientId,
      urgency: 'routine',
    });
    const { at, handoffId } = await paged;
    if (run > 0) pageMs.push(at - tapped); // run 0 warms the handlers up
    await api(pcpToken, 'POST', `/clinics/${CLINIC}/handoffs/${handoffId}/cancel`, {});
  }
  socket.close();

  // (2) accept → both rendering remote video.
  const videoMs: number[] = [];
  if (process.env.BENCH_SKIP_VIDEO !== '1') {
    const browser = await launchChromium(FAKE_MEDIA_ARGS);
    try {
      const open = async (name: string) => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(platform.webUrl ?? '');
        await page.getByRole('button', { name: `Sign in as ${name}` }).click();
        return page;
      };
      const bcm = await open('Jordan Reyes, LCSW');
      await bcm.getByRole('heading', { name: 'Handoff console' }).waitFor();
      const pcp = await open('Dr. Miriam Hale');
      await pcp.getByRole('heading', { name: 'Clinic home' }).waitFor();
      // A string: the root project has no DOM types; this runs in the page.
      const rendering = (page: Page) =>
        page.waitForFunction(
          `[...document.querySelectorAll('video[aria-label="Remote video"]')].some((v) => v.videoWidth > 0)`,
          undefined,
          { timeout: 60_000, polling: 'raf' },
        );
      const join = (page: Page) =>
        page.getByRole('button', { name: 'Join the call' }).click({ timeout: 60_000 });
      for (let run = 0; run < VIDEO_WARMUPS + VIDEO_RUNS; run += 1) {
        await pcp.goto(`${platform.webUrl}/clinics/${CLINIC}/staff/patients/${patientId}`);
        await pcp.getByRole('button', { name: 'Request behavioral health' }).click();
        await pcp.getByRole('button', { name: 'Send request' }).click();
        await bcm.goto(`${platform.webUrl}/console`);
        const accept = bcm
          .getByRole('list', { name: 'Waiting requests' })
          .getByRole('button', { name: 'Accept' })
          .first();
        await accept.waitFor({ timeout: 30_000 });
        const started = performance.now();
        await accept.click();
        await Promise.all([join(bcm), join(pcp)]);
        await Promise.all([rendering(bcm), rendering(pcp)]);
        if (run >= VIDEO_WARMUPS) videoMs.push(performance.now() - started);
        await bcm.getByRole('button', { name: 'End call for everyone' }).click();
        await bcm.getByRole('heading', { name: 'Outcome of the call' }).waitFor();
      }
    } finally {
      await browser.close();
    }
  }
  const result = {
    tapToPage: { runs: pageMs.map(Math.round), medianMs: Math.round(median(pageMs)), goalMs: 500 },
    acceptToVideo:
      videoMs.length > 0
        ? { runs: videoMs.map(Math.round), medianMs: Math.round(median(videoMs)), goalMs: 3000 }
        : { skipped: 'no loopback-only network namespace (unshare)' },
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
} finally {
  await platform.stop();
}
