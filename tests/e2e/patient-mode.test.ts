import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * Patient mode on the shared exam-room tablet: it ends by itself when the patient walks away
 * (wiping the unsent answers), and only a deliberate staff gesture ends it otherwise.
 */
let platform: LocalPlatform;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-patient-mode' });
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const openWhitaker = async () => {
  await page.getByLabel('Patient name').fill('whit');
  await page.getByRole('button', { name: 'Search' }).click();
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: /Whitaker, Dale/ })
    .click();
  await page.getByRole('heading', { name: 'Dale Whitaker' }).waitFor();
};

const answer = async (choice: string, question: number) => {
  await page.getByText(`Question ${question} of 16`).waitFor();
  await page.getByRole('radio', { name: choice, exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
};

const storedOnTablet = () =>
  page.evaluate(() => {
    const storage = globalThis as unknown as { sessionStorage: object; localStorage: object };
    return JSON.stringify({ ...storage.sessionStorage, ...storage.localStorage });
  });

describe('patient mode on the shared tablet', () => {
  it('asks "Are you still there?", then wipes the answers and returns to staff mode', async () => {
    await page.goto(platform.webUrl ?? '');
    await page.getByRole('button', { name: 'Sign in as Ruth Tso' }).click();
    await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await openWhitaker();

    await page.getByRole('button', { name: 'Hand tablet to patient' }).click();
    await page.getByRole('heading', { name: /Choose your language/ }).waitFor();
    // The same screen with a 10-second idle timeout.
    await page.goto(`${page.url()}&idleSeconds=10`);
    await page.getByRole('button', { name: 'English' }).click();
    await answer('More than half the days', 1);
    await answer('Several days', 2);
    await page.getByText('Question 3 of 16').waitFor();

    const prompt = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await prompt.waitFor({ timeout: 20_000 });
    await prompt.getByRole('button', { name: /still here/ }).waitFor();
    // Nobody answers: after 30 seconds the tablet is back in staff mode, answers gone.
    await page.getByRole('heading', { name: 'Dale Whitaker' }).waitFor({ timeout: 45_000 });
    expect(new URL(page.url()).pathname).toMatch(/\/staff\/patients\/[^/]+$/);
    // Staff are told why the tablet is back in their hands.
    await page
      .getByRole('status')
      .filter({ hasText: 'Patient mode ended after inactivity; answers were deleted' })
      .waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    const stored = await storedOnTablet();
    expect(stored).not.toMatch(/pending-screening|More than half|Several days|"answers"/);
  });

  it('ends only with the staff PIN and a press-and-hold, not on a short click', async () => {
    await page.getByLabel('Staff PIN to end patient mode (4–8 digits)').fill('2468');
    await page.getByRole('button', { name: 'Hand tablet to patient' }).click();
    await page.getByRole('heading', { name: /Choose your language/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await answer('Not at all', 1);

    await page.getByRole('button', { name: 'Care team: end patient mode' }).click();
    const dialog = page.getByRole('dialog', { name: 'End patient mode?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Ruth Tso');
    const leave = dialog.getByRole('button', { name: 'Delete answers and leave' });

    // A wrong PIN, even held, does nothing.
    await dialog.getByLabel('Staff PIN').fill('1111');
    await leave.hover();
    await page.mouse.down();
    await page.waitForTimeout(2_300);
    await page.mouse.up();
    await dialog.getByText('That is not the PIN').waitFor();
    expect(await page.getByText('Question 2 of 16').isVisible()).toBe(true);

    // With the right PIN a short click still does nothing.
    await dialog.getByLabel('Staff PIN').fill('2468');
    await leave.click();
    await page.waitForTimeout(2_500);
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.getByText('Question 2 of 16').isVisible()).toBe(true);

    // Press and hold for two seconds, with visible progress.
    await leave.hover();
    await page.mouse.down();
    await expect
      .poll(() =>
        dialog
          .getByRole('progressbar')
          .evaluate((el) => (el as unknown as { value: number }).value),
      )
      .toBeGreaterThan(0);
    await page.waitForTimeout(2_300);
    await page.mouse.up();
    await page.getByRole('heading', { name: 'Dale Whitaker' }).waitFor();
    expect(await storedOnTablet()).not.toMatch(/pending-screening|Not at all|"answers"/);
  });

  it('treats a screen locked for longer than the idle timeout as idle on return', async () => {
    const context = await browser.newContext({
      viewport: { width: 768, height: 1024 },
      hasTouch: true,
    });
    const tablet = await context.newPage();
    await tablet.clock.install();
    try {
      await tablet.goto(platform.webUrl ?? '');
      await tablet.getByRole('button', { name: 'Sign in as Ruth Tso' }).click();
      await tablet.getByRole('heading', { name: 'Clinic home' }).waitFor();
      await tablet.getByLabel('Patient name').fill('whit');
      await tablet.getByRole('button', { name: 'Search' }).click();
      await tablet
        .getByRole('list', { name: 'Search results' })
        .getByRole('link', { name: /Whitaker, Dale/ })
        .click();
      await tablet.getByRole('button', { name: 'Hand tablet to patient' }).click();
      await tablet.getByRole('button', { name: 'English' }).click();
      await tablet.getByRole('radio', { name: 'Several days', exact: true }).check();

      // The screen locks: timers stop (the clock is paused) while four minutes pass.
      const setVisibility = (state: 'hidden' | 'visible') =>
        tablet.evaluate((value) => {
          const doc = (globalThis as unknown as { document: EventTarget }).document;
          Object.defineProperty(doc, 'visibilityState', { configurable: true, get: () => value });
          doc.dispatchEvent(new Event('visibilitychange'));
        }, state);
      await setVisibility('hidden');
      const now = await tablet.evaluate(() => Date.now());
      await tablet.clock.pauseAt(now + 1_000);
      await tablet.clock.setSystemTime(now + 4 * 60_000);
      // On unlock the answers are wiped at once, without waiting for a timer.
      await setVisibility('visible');
      await tablet.getByRole('heading', { name: 'Dale Whitaker' }).waitFor({ timeout: 10_000 });
      expect(await tablet.getByText('Are you still there?').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
