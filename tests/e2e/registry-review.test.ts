import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { FAKE_MEDIA_ARGS, launchChromium } from '../support/browser';

/**
 * The psychiatrist's review through the real UI on the seeded demo network: Dr. Okafor opens her
 * cross-clinic panel, reviews Sage Valley's not-improving patient and recommends a medication
 * change; Sage Valley's PCP, whose inbox is already open, sees it arrive and acknowledges it;
 * Pine Ridge's PCP never sees it. Then the psychiatrist and a BCM meet in a case-review session's
 * video call (each renders the other's fake camera over local WebRTC) and she ends it.
 *
 * The call must see only loopback: run through `npm run test:e2e` (scripts/in-loopback-netns.sh).
 */
let platform: LocalPlatform;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-registry-review' });
  browser = await launchChromium(FAKE_MEDIA_ARGS);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await platform?.stop();
});

const newPage = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
};

const signIn = async (page: Page, displayName: string) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
};

const openInbox = async (page: Page, displayName: string) => {
  await signIn(page, displayName);
  await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Inbox/ })
    .click();
  await page.getByRole('heading', { name: 'Recommendations inbox' }).waitFor();
};

// Unique per run, so the seed's own medication-change recommendation cannot satisfy the checks.
const advice = `Switch sertraline to bupropion XL 150 mg (e2e ${Date.now().toString(36)})`;

describe('psychiatric case review in the browser', () => {
  it('routes a recommendation from the panel to the PCP of the patient’s clinic only', async () => {
    const pcpB = await newPage();
    await openInbox(pcpB, 'Dr. Andrés Castillo');

    const psychiatrist = await newPage();
    await signIn(psychiatrist, 'Dr. Lena Okafor');
    await psychiatrist.getByRole('heading', { name: 'Weekly review panel' }).waitFor();
    const row = psychiatrist.getByRole('row').filter({ hasText: 'Hollister, Wade' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Sage Valley/);
    expect(await row.innerText()).toMatch(/Not improving/);
    // Rows from every clinic she consults for, in review order: safety first.
    const priorities = await psychiatrist
      .locator('tbody tr td:first-child')
      .allInnerTexts()
      .then((cells) => cells.map((text) => Number(text.trim().slice(0, 1))));
    expect(priorities.length).toBeGreaterThan(3);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));

    await row.getByRole('link', { name: 'Hollister, Wade' }).click();
    await psychiatrist.getByRole('heading', { name: 'Case review: Wade Hollister' }).waitFor();
    await psychiatrist.getByRole('table', { name: /PHQ-9 and GAD-7 over time/ }).waitFor({
      state: 'attached',
    });
    await psychiatrist.getByLabel('Minutes spent on this case').fill('20');
    await psychiatrist.getByLabel('Review summary (optional)').fill('No response at 12 weeks.');
    await psychiatrist.getByRole('button', { name: 'Add a recommendation' }).click();
    await psychiatrist.getByLabel('Recommendation 1: kind').selectOption('medication_change');
    await psychiatrist.getByLabel('Recommendation 1: what to do').fill(advice);
    await psychiatrist.getByRole('button', { name: 'Record review' }).click();
    await psychiatrist
      .getByRole('status')
      .filter({ hasText: 'Review recorded. 1 recommendation sent to Dr. Andrés Castillo.' })
      .waitFor();
    await psychiatrist.getByRole('region', { name: 'Recommendations' }).getByText(advice).waitFor();

    // Clinic B's PCP: the open inbox refreshes by itself (socket push, or polling without it).
    const inboxRow = pcpB.getByRole('row').filter({ hasText: advice });
    await inboxRow.waitFor({ timeout: 45_000 });
    expect(await inboxRow.innerText()).toMatch(/Wade H\. · Sage Valley/);
    expect(await inboxRow.innerText()).toMatch(/Awaiting acknowledgement/);
    await inboxRow.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect.poll(() => inboxRow.innerText()).toMatch(/Acknowledged/);
    expect(await inboxRow.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);

    // Clinic A's PCP: an inbox with nothing of clinic B's.
    const pcpA = await newPage();
    await openInbox(pcpA, 'Dr. Miriam Hale');
    await pcpA.getByRole('radio', { name: 'All' }).check();
    await pcpA.getByText(/^(All recommendations, open first|No recommendations yet\.)$/).waitFor();
    const body = await pcpA.locator('main').innerText();
    expect(body).not.toContain(advice);
    expect(body).not.toContain('Sage Valley');
  }, 180_000);
  it('shows secure messages to the care team live and keeps restricted notes with their author', async () => {
    const openHollister = async (page: Page) => {
      await page.goto(`${platform.webUrl ?? ''}/clinics/sage-valley/staff`);
      await page.getByLabel('Patient name').fill('holl');
      await page.getByRole('button', { name: 'Search' }).click();
      await page
        .getByRole('list', { name: 'Search results' })
        .getByRole('link', { name: /Hollister, Wade/ })
        .click();
      await page.getByRole('heading', { name: 'Wade Hollister' }).waitFor();
    };
    const pcp = await newPage();
    await signIn(pcp, 'Dr. Andrés Castillo');
    await pcp.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await openHollister(pcp);
    const bcm = await newPage();
    await signIn(bcm, 'Jordan Reyes, LCSW');
    await bcm.getByRole('heading', { name: 'Handoff console' }).waitFor();
    await openHollister(bcm);

    const question = `Can we go up on the dose? (${Date.now().toString(36)})`;
    await pcp.getByLabel('New message').fill(question);
    await pcp.getByRole('button', { name: 'Send message' }).click();
    await bcm
      .getByRole('list', { name: 'Messages, newest first' })
      .getByText(question)
      .waitFor({ timeout: 45_000 });

    const secret = `Discussed family conflict in detail (${Date.now().toString(36)})`;
    await pcp.getByRole('button', { name: 'Write a restricted note' }).click();
    await pcp.getByLabel('Note', { exact: true }).fill(secret);
    await pcp.getByRole('button', { name: 'Save restricted note' }).click();
    const pcpNotes = pcp.getByRole('list', { name: 'Restricted notes' });
    await pcpNotes.getByText(secret).waitFor();

    await bcm.reload();
    const bcmNotes = bcm.getByRole('list', { name: 'Restricted notes' });
    await bcmNotes.getByText(/restricted note by Dr\. Andrés Castillo/).waitFor();
    expect(await bcmNotes.innerText()).toMatch(/Content withheld/);
    expect(await bcm.locator('main').innerText()).not.toContain(secret);

    await pcpNotes.getByRole('button', { name: 'Record the patient’s authorization' }).click();
    await pcp.getByLabel('What the patient authorized (scope)').fill('Share with the care team');
    await pcp.getByRole('button', { name: 'Record authorization' }).click();
    await pcpNotes.getByText(/Patient authorized sharing/).waitFor();
    await bcm.reload();
    await bcm.getByRole('list', { name: 'Restricted notes' }).getByText(secret).waitFor();
  }, 120_000);

  it('connects the psychiatrist and a care manager in a case-review session’s call', async () => {
    if (process.env.BH_IN_LOOPBACK_NETNS !== '1') {
      throw new Error('This test makes a WebRTC call: run it through npm run test:e2e.');
    }
    const userIdOf = (displayName: string) => {
      const found = platform.users.find((u) => u.displayName === displayName);
      if (!found) throw new Error(`no demo user ${displayName}`);
      return found.userId;
    };
    const okafor = userIdOf('Dr. Lena Okafor');
    const reyes = userIdOf('Jordan Reyes, LCSW');
    // The demo's upcoming session: Dr. Okafor with Reyes (and Whitfield).
    const { items } = await platform.store.reviewSessions.listForUser(reyes, { limit: 20 });
    const session = items.find((s) => s.psychiatristId === okafor && s.endedAt === undefined);
    if (!session) throw new Error('the demo has no open review session for Reyes');

    const openCall = async (page: Page, displayName: string, home: string) => {
      await signIn(page, displayName);
      await page.getByRole('heading', { name: home }).waitFor();
      await page.goto(`${platform.webUrl ?? ''}/review-sessions`);
      await page.getByRole('heading', { name: 'Case-review sessions' }).waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: 'Jordan Reyes' })
        .filter({ hasText: 'Dr. Lena Okafor' })
        .first()
        .getByRole('link')
        .click();
      await page.getByRole('heading', { name: /^Case-review session, / }).waitFor();
      expect(page.url()).toContain(`/review-sessions/${session.reviewSessionId}`);
      await page.getByRole('link', { name: 'Join the video call' }).click();
      await page.getByRole('heading', { name: 'Case-review call' }).waitFor();
      await page.getByRole('heading', { name: 'Before the call' }).waitFor();
      await page.getByRole('button', { name: 'Join the call' }).click();
    };
    const psychiatrist = await newPage();
    await openCall(psychiatrist, 'Dr. Lena Okafor', 'Weekly review panel');
    const bcm = await newPage();
    await openCall(bcm, 'Jordan Reyes, LCSW', 'Handoff console');

    // Each side renders the other's camera: the socket relays the session's signalling.
    for (const page of [psychiatrist, bcm]) {
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
    }
    const joined = await platform.store.reviewSessions.get(session.reviewSessionId);
    expect(joined?.meetingAttendees?.map((a) => a.userId).sort()).toEqual([okafor, reyes].sort());

    await psychiatrist.getByRole('link', { name: 'Back to the session' }).click();
    await psychiatrist.getByLabel('Session minutes').fill('35');
    await psychiatrist.getByRole('button', { name: 'End session' }).click();
    await expect
      .poll(() => psychiatrist.getByRole('button', { name: 'End session' }).count())
      .toBe(0);
    expect(await psychiatrist.getByRole('link', { name: 'Join the video call' }).count()).toBe(0);
    const ended = await platform.store.reviewSessions.get(session.reviewSessionId);
    expect(ended).toMatchObject({ minutes: 35, endedAt: expect.any(String) });
  }, 180_000);
});
