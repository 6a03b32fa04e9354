import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * The safety record through the real UI: a PCP documents a risk assessment with a dated follow-up
 * and a safety plan, prints the patient's copy (988 on it), and an MA of the same clinic sees the
 * safety summary but cannot open the record itself.
 */
let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-safety' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const openWhitaker = async (page: Page, user: string) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
  await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
  await page.getByLabel('Patient name').fill('whit');
  await page.getByRole('button', { name: 'Search' }).click();
  await page
    .getByRole('list', { name: 'Search results' })
    .getByRole('link', { name: /Whitaker, Dale/ })
    .click();
  await page.getByRole('heading', { name: 'Dale Whitaker' }).waitFor();
};

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

describe('safety record in the browser', () => {
  it('lets a PCP record an assessment and a plan, and print the plan', async () => {
    const page = await browser.newPage();
    await openWhitaker(page, 'Dr. Miriam Hale');
    await page.getByRole('link', { name: 'Open the safety record' }).click();
    await page.getByRole('heading', { name: 'Safety record' }).waitFor();

    await page.getByRole('checkbox', { name: 'Suicidal ideation' }).check();
    await page.getByLabel('Suicidal ideation: details').fill('Passive thoughts, no plan');
    await page.getByLabel('Overall risk level').selectOption('moderate');
    await page
      .getByLabel('Clinical justification (required)')
      .fill('Passive ideation, protective family ties');
    await page.getByLabel('Disposition').fill('BH visit within 72 hours');
    await page.getByLabel('Follow-up date (after today)').fill(inTwoWeeks());
    await page.getByLabel('Follow-up plan').fill('Phone check-in, then BH visit');
    await page.getByRole('button', { name: 'Record assessment' }).click();
    await page.getByRole('status').filter({ hasText: 'Assessment recorded.' }).waitFor();

    await page.getByLabel('1. Warning signs').fill('Not sleeping\nSkipping meals');
    await page.getByLabel('6. Making the environment safe').fill('Firearm stored with brother');
    await page.getByRole('button', { name: 'Save the first version' }).click();
    await page.getByRole('link', { name: 'Print the safety plan' }).click();
    await page.getByRole('heading', { name: 'My safety plan' }).waitFor();
    const printed = await page.locator('body').innerText();
    expect(printed).toContain('Not sleeping');
    expect(printed).toContain('Firearm stored with brother');
    expect(printed).toContain('988');
    await page.close();
  });

  it('shows an MA the safety summary but not the record', async () => {
    const page = await browser.newPage();
    await openWhitaker(page, 'Ruth Tso');
    const summary = page.getByRole('region', { name: 'Safety' });
    await expect.poll(() => summary.innerText()).toMatch(/Moderate/);
    expect(await summary.innerText()).toMatch(/Version 1/);
    expect(await page.getByRole('link', { name: 'Open the safety record' }).count()).toBe(0);
    await page.close();
  });
});
