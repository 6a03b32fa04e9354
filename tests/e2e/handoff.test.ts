import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { FAKE_MEDIA_ARGS, launchChromium } from '../support/browser';

/**
 * The warm handoff through the real UI on the local platform: a PCP requests behavioral health for
 * the patient in the room, the BCM on duty is paged on the console and accepts, both pages render
 * the other's fake-camera video over local peer-to-peer WebRTC, and the BCM ends the call and
 * records the outcome, which lands in the store with its care-management activity.
 *
 * WebRTC must see only loopback: run through `npm run test:e2e` (scripts/in-loopback-netns.sh).
 */
let platform: LocalPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (process.env.BH_IN_LOOPBACK_NETNS !== '1') {
    throw new Error(
      'The handoff browser test makes a WebRTC call: run it in a loopback-only network namespace (npm run test:e2e).',
    );
  }
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-handoff' });
  browser = await launchChromium(FAKE_MEDIA_ARGS);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

const newPage = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  return context.newPage();
};

const signIn = async (page: Page, displayName: string) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
};

/** The call screen's own state, for a failure message that says where the call got stuck. */
const callState = async (page: Page) =>
  page
    .locator('[data-call-status]')
    .evaluate(
      (el) =>
        `${el.getAttribute('data-call-status')}, ${el.getAttribute('data-inbound-bytes')} bytes in, ${el.querySelectorAll('video[aria-label="Remote video"]').length} remote video(s)`,
      undefined,
      { timeout: 1_000 },
    )
    .catch(() => 'no call stage');

/** The remote video really plays (frames decoded) and media bytes arrive. */
const expectRemoteVideo = async (page: Page, who: string) => {
  try {
    await expect
      .poll(
        () =>
          page
            .getByLabel('Remote video')
            .first()
            .evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth, undefined, {
              timeout: 1_000,
            })
            .catch(() => 0),
        { timeout: 45_000 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          Number(await page.locator('[data-inbound-bytes]').getAttribute('data-inbound-bytes')),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
  } catch (error) {
    throw new Error(`${who}: no remote video (${await callState(page)})`, { cause: error });
  }
};

describe('warm handoff in the browser', () => {
  it('pages the BCM, connects both sides on video, and records the outcome', async () => {
    const bcm = await newPage();
    await signIn(bcm, 'Jordan Reyes, LCSW');
    await bcm.getByRole('heading', { name: 'Handoff console' }).waitFor();
    await bcm.getByRole('button', { name: 'Go on duty for Pine Ridge Family Clinic' }).click();
    await bcm.getByRole('button', { name: 'Go away for Pine Ridge Family Clinic' }).waitFor();

    const pcp = await newPage();
    await signIn(pcp, 'Dr. Miriam Hale');
    await pcp.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await pcp.getByLabel('Patient name').fill('whit');
    await pcp.getByRole('button', { name: 'Search' }).click();
    await pcp
      .getByRole('list', { name: 'Search results' })
      .getByRole('link', { name: /Whitaker, Dale/ })
      .click();
    await pcp.getByRole('heading', { name: 'Dale Whitaker' }).waitFor();
    await pcp.getByRole('button', { name: 'Request behavioral health' }).click();
    await pcp.getByRole('radio', { name: 'Urgent' }).check();
    await pcp.getByLabel('Reason (optional)').fill('Tearful, asks to talk to someone today');
    await pcp.getByRole('button', { name: 'Send request' }).click();
    await pcp.getByRole('heading', { name: 'Behavioral health request' }).waitFor();
    await pcp.getByText('Paged 1 behavioral care manager.').waitFor();

    // Paged in real time: banner and one row in the queue, minimum necessary only.
    await bcm.getByRole('alert').filter({ hasText: 'New urgent request' }).waitFor();
    const row = bcm.getByRole('list', { name: 'Waiting requests' }).getByRole('listitem').first();
    await expect.poll(() => row.innerText()).toMatch(/Pine Ridge Family Clinic/);
    expect(await row.innerText()).toMatch(/Dale W\./);
    expect(await row.innerText()).not.toMatch(/Whitaker/);
    await row.getByRole('button', { name: 'Accept' }).click();

    // Both sides: readiness check, then join.
    await bcm.getByRole('heading', { name: 'Before the call' }).waitFor();
    await pcp.getByRole('heading', { name: 'Before the call' }).waitFor();
    await bcm.getByRole('button', { name: 'Join the call' }).click();
    await pcp.getByRole('button', { name: 'Join the call' }).click();
    await Promise.all([expectRemoteVideo(bcm, 'BCM'), expectRemoteVideo(pcp, 'PCP')]);
    // The BCM sees the patient's summary beside the video.
    await bcm.getByRole('complementary', { name: 'Patient summary' }).waitFor();

    await bcm.getByRole('button', { name: 'End call for everyone' }).click();
    await bcm.getByRole('heading', { name: 'Outcome of the call' }).waitFor();
    await pcp.getByRole('heading', { name: 'Call ended' }).waitFor();
    expect(Number(await bcm.getByLabel('Care-management minutes').inputValue())).toBeGreaterThan(0);
    await bcm.getByRole('checkbox', { name: 'Brief intervention' }).check();
    await bcm.getByLabel('Care-management minutes').fill('12');
    await bcm.getByRole('button', { name: 'Record outcome' }).click();
    await bcm.getByText('Outcome recorded: 12 minutes').waitFor();

    const [stored] = await platform.store.handoffs.listRequestedBetween(
      'pine-ridge',
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 60_000).toISOString(),
    );
    expect(stored?.status).toBe('ended');
    expect(stored?.connectedAt).toBeDefined();
    expect(stored?.timeToConnectMs).toBeGreaterThan(0);
    expect(stored?.outcome?.outcomes).toEqual(['brief_intervention']);
    const activity = await platform.store.activities.get(
      'pine-ridge',
      stored?.patientId ?? '',
      stored?.outcome?.activityId ?? '',
    );
    expect(activity?.minutes).toBe(12);
    expect(activity?.kind).toBe('warm_handoff_video');
  });

  it('takes the exam-room tablet to the full-screen call when a BCM accepts', async () => {
    const tokenOf = async (username: string) => {
      const response = await fetch(`${platform.apiUrl}/local-auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      return ((await response.json()) as { idToken: string }).idToken;
    };
    const post = async (username: string, path: string, body: unknown) => {
      const response = await fetch(`${platform.apiUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await tokenOf(username)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
      return (await response.json()) as { handoffId: string; patientId: string };
    };
    const tablet = platform.users.find((u) => u.username === 'tablet.pine-ridge');
    const [earlier] = await platform.store.handoffs.listRequestedBetween(
      'pine-ridge',
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 60_000).toISOString(),
    );

    const device = await newPage();
    await signIn(device, 'Pine Ridge exam room 1');
    await device.getByRole('heading', { name: 'Exam-room tablet' }).waitFor();

    // The PCP asks from their own screen for the patient in exam room 1; the BCM accepts.
    const requested = await post('dr.hale', '/clinics/pine-ridge/handoffs', {
      patientId: earlier?.patientId,
      urgency: 'routine',
      deviceUserId: tablet?.userId,
    });
    await post('bcm.reyes', `/clinics/pine-ridge/handoffs/${requested.handoffId}/accept`, {});

    await device.getByRole('heading', { name: 'Before the call' }).waitFor();
    expect(device.url()).toContain(`/device/handoffs/${requested.handoffId}/call`);
    await device.getByRole('button', { name: 'Start video' }).waitFor();
  });
});
