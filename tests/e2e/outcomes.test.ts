import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * The outcome dashboard in the browser, on the seeded demo registry: the network admin (Casey
 * Morgan, admin of every demo clinic) opens Pine Ridge's dashboard, drills into a number to the
 * patients behind it and downloads a table as CSV; the network view compares the three clinics.
 */
let platform: LocalPlatform;
let browser: Browser;

/** Pine Ridge's seeded patients, as the dashboard labels them (given name, family initial). */
const PINE_RIDGE = ['Dale W.', 'Marisol G.', 'Tyler B.', 'Evelyn M.'];
const PRAIRIE_CREEK = ['June A.', 'Cody R.', 'Lucía N.', 'Arnold F.'];

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-outcomes' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Casey Morgan administers every demo clinic, so sign-in ends at the clinic chooser. */
const signIn = async (page: Page) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: 'Sign in as Casey Morgan' }).click();
  await page.getByRole('heading', { name: 'Choose a clinic and role' }).waitFor();
};

describe('the outcome dashboard in the browser', () => {
  it('shows a clinic’s numbers, drills down to patients and downloads a table as CSV', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await signIn(page);
    await page.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/admin`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Outcomes' })
      .click();
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();

    // The seeded patients' PHQ-9 history gives the trend chart and its table.
    const phq9 = page.locator('[data-table="phq9-by-month"]');
    await expect
      .poll(() => phq9.locator('tbody tr').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.locator('svg[data-chart="phq9-by-month"]').waitFor();
    const enrolment = phq9.locator('tbody tr').first();
    expect(await enrolment.locator('th').innerText()).toBe('Enrolment month');
    const measured = Number(await enrolment.locator('[data-column="Patients"]').innerText());
    expect(measured).toBeGreaterThan(0);
    const windows = page.locator('[data-table="response-remission"] tbody tr');
    expect(await windows.count()).toBe(3);
    expect(await windows.first().locator('th').innerText()).toMatch(/^8 weeks, days \d+–\d+$/);
    const screens = page
      .locator('[data-table="engagement"] tbody tr')
      .filter({ hasText: 'Positive screens' });
    expect(Number(await screens.locator('[data-column="Value"]').innerText())).toBeGreaterThan(0);

    // Every number opens the patients behind it: for an admin, names without links.
    await enrolment.locator('[data-column="Patients"]').getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'PHQ-9 in enrolment month' });
    await dialog.waitFor();
    const names = await dialog.getByRole('listitem').allInnerTexts();
    expect(names).toHaveLength(measured);
    expect(names.every((name) => PINE_RIDGE.includes(name.trim()))).toBe(true);
    expect(await dialog.getByRole('link').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The table's CSV holds the same rows as the table.
    const downloading = page.waitForEvent('download');
    await phq9.getByRole('button', { name: /^Download CSV/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(
      /^pine-ridge-\d{4}-\d{2}-to-\d{4}-\d{2}-average-phq-9/,
    );
    const csv = (await readFile((await download.path()) ?? '', 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Month since enrolment,Patients,Mean PHQ-9');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1)).toHaveLength(await phq9.locator('tbody tr').count());
    expect(lines[1]).toMatch(new RegExp(`^0,${measured},\\d+(\\.\\d+)?$`));

    // A reversed period is refused before anything is asked of the server.
    await page.getByLabel('From month').fill('2026-05');
    await page.getByLabel('To month').fill('2026-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'must not be after' }).waitFor();
    await page.close();
  });

  it('compares the clinics in the network view', async () => {
    const page = await browser.newPage();
    await signIn(page);
    await page.goto(`${platform.webUrl ?? ''}/outcomes`);
    await page.getByRole('heading', { name: 'Outcomes across my clinics', level: 1 }).waitFor();
    const rows = page.locator('[data-table="by-clinic"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    // A clinic's row drills down to that clinic's patients only.
    const prairie = rows.filter({ hasText: 'Prairie Creek' });
    const button = prairie.getByRole('button').first();
    await button.click();
    const dialog = page.getByRole('dialog', { name: /^Prairie Creek/ });
    await dialog.waitFor();
    const names = (await dialog.getByRole('listitem').allInnerTexts()).map((n) =>
      n.replace(/ · .*$/, '').trim(),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((name) => PRAIRIE_CREEK.includes(name))).toBe(true);
    await page.close();
  });

  it('links a PCP from a drill-down to the patient page', async () => {
    const page = await browser.newPage();
    await page.goto(platform.webUrl ?? '');
    await page.getByRole('button', { name: 'Sign in as Dr. Miriam Hale' }).click();
    await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Outcomes' })
      .click();
    await page.getByRole('heading', { name: 'Outcomes across my clinics', level: 1 }).waitFor();
    const enrolment = page.locator('[data-table="phq9-by-month"] tbody tr').first();
    await enrolment.locator('[data-column="Patients"]').getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: 'PHQ-9 in enrolment month' });
    await dialog.getByRole('link', { name: 'Dale W.' }).click();
    await page.waitForURL(/\/clinics\/pine-ridge\/staff\/patients\/[^/]+$/);
    await page.getByRole('heading', { name: /Whitaker/, level: 1 }).waitFor();
    await page.close();
  });
});
