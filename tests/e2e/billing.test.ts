import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, clinicMonth } from '../../functions/domain/billing';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * From logged minutes to a closed month's claim CSV, in the browser. Jordan Reyes (BCM) logs a
 * contact for Dale Whitaker (Pine Ridge, MRN PR-1001) this month and one back-dated into last
 * month; Casey Morgan (admin) sees both on the worksheets, closes last month (it has ended; this
 * one cannot be closed yet), finds it read-only with adjustments per line, and downloads the CSV.
 */
let platform: LocalPlatform;
let browser: Browser;

const ZONE = 'America/Denver';
const MRN = 'PR-1001';
/** The machine is shared and slow: a close or a refetch may take a while. */
const WAIT = { timeout: 30_000 };

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-billing' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const signIn = async (page: Page, user: string) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
  // Casey Morgan administers every demo clinic, so her sign-in ends at the clinic chooser.
  if (user === 'Casey Morgan')
    await page.getByRole('heading', { name: 'Choose a clinic and role' }).waitFor();
  else await page.waitForURL((url) => url.pathname !== '/' && !url.pathname.startsWith('/sign-in'));
};

/** Logs a call from the BCM's caseload row; `startedAt` is clinic wall time (datetime-local). */
const logCall = async (page: Page, minutes: number, startedAt?: string, therapyCode?: string) => {
  await page.goto(`${platform.webUrl ?? ''}/caseload`);
  const row = page.locator('tbody tr').filter({ hasText: `MRN ${MRN}` });
  await row.getByRole('button', { name: /^Log contact for / }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').selectOption(therapyCode ? 'video' : 'call');
  await dialog.getByLabel('Minutes').fill(String(minutes));
  if (therapyCode) {
    // The suggestion follows the minutes; ticking it keeps them out of CoCM.
    const hint = dialog.getByTestId('therapy-hint');
    await hint.getByText(`Suggested psychotherapy code ${therapyCode}`).waitFor();
    await hint.getByLabel(`Billed separately as ${therapyCode}`).check();
    await hint.getByText('will not count toward CoCM').waitFor();
  }
  if (startedAt) await dialog.getByLabel(/^Started at/).fill(startedAt);
  await dialog.getByRole('button', { name: 'Log contact' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Logged ${minutes} minutes` })
    .waitFor();
};

const lineOf = (page: Page): Locator => page.locator(`tr[data-mrn="${MRN}"]`);

const countedMinutes = async (page: Page): Promise<number> => {
  if ((await lineOf(page).count()) === 0) return 0;
  return Number(await lineOf(page).locator('[data-cell="minutes"] strong').innerText());
};

/** "99493, 99494 ×2" → [['99493', 1], ['99494', 2]]. */
const codesOf = (text: string): [string, number][] =>
  [...text.matchAll(/([0-9A-Z]{5})(?: ×(\d+))?/g)].map((m) => [m[1] ?? '', Number(m[2] ?? 1)]);

const openMonth = async (page: Page, month: string) => {
  await page.getByLabel('Month').selectOption(month);
  await page.waitForURL((url) => url.pathname.endsWith(`/billing/${month}`));
  // The month's own answer, not the previous month's page still on screen.
  await page.locator(`[data-testid="month-status"][data-month="${month}"]`).waitFor();
};

describe('the CoCM billing worksheet in the browser', () => {
  it('shows logged minutes, closes last month and downloads its claim CSV', async () => {
    const now = new Date();
    const current = clinicMonth(now, ZONE);
    const previous = addMonths(current, -1);

    const admin = await browser.newPage({ acceptDownloads: true });
    await signIn(admin, 'Casey Morgan');
    await admin.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/admin`);
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Billing' })
      .click();
    await admin.waitForURL((url) => url.pathname.endsWith(`/billing/${current}`));
    await admin.getByRole('heading', { name: 'CoCM billing worksheet', level: 1 }).waitFor();
    await admin.locator(`[data-testid="month-status"][data-month="${current}"]`).waitFor();
    const beforeNow = await countedMinutes(admin);
    await openMonth(admin, previous);
    const before = await countedMinutes(admin);

    // The BCM logs 20 minutes now, and on the 10th of last month a 40-minute call at 06:30 and a
    // 45-minute video therapy session billed as 90834 at 05:00, Denver time (before the seeded
    // contacts' 08:00 slot, so nothing overlaps).
    const bcm = await browser.newPage();
    await signIn(bcm, 'Jordan Reyes, LCSW');
    await logCall(bcm, 20);
    await logCall(bcm, 40, `${previous}-10T06:30`);
    await logCall(bcm, 45, `${previous}-10T05:00`, '90834');
    await bcm.close();

    // This month: the line is open, with a hint of the minutes to the next code.
    await openMonth(admin, current);
    expect(await admin.getByTestId('month-status').getAttribute('data-status')).toBe('open');
    await expect.poll(() => countedMinutes(admin), WAIT).toBe(beforeNow + 20);
    expect(await lineOf(admin).locator('[data-cell="to-next"]').innerText()).toMatch(
      /^\d+ min to (99492|99493|99494|G2214|99484)$|^—$/,
    );
    expect(await admin.getByRole('button', { name: 'Close month…' }).count()).toBe(0);

    // Last month: the 40 minutes are there, and they reach a code; the therapy visit is not.
    await openMonth(admin, previous);
    await expect.poll(() => countedMinutes(admin), WAIT).toBe(before + 40);
    const line = lineOf(admin);
    expect(await line.locator('[data-exclusion="separately_billed"]').innerText()).toMatch(
      /^45 min not counted: Billed separately/,
    );
    expect(await line.locator('[data-cell="gates"]').innerText()).toBe('Billable');
    const codes = codesOf(await line.locator('[data-cell="codes"]').innerText());
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.map(([code]) => code)).toContain('99493');

    await admin.getByRole('button', { name: 'Close month…' }).click();
    const confirm = admin.getByRole('dialog', { name: /^Close / });
    await confirm.getByRole('button', { name: 'Close the month' }).click();
    await expect
      .poll(() => admin.getByTestId('month-status').getAttribute('data-status'), WAIT)
      .toBe('closed');
    expect(await admin.getByTestId('month-status').innerText()).toMatch(/by Casey Morgan$/);
    expect(await admin.getByRole('button', { name: 'Close month…' }).count()).toBe(0);
    await line.getByRole('button', { name: /^Add adjustment for / }).waitFor();

    // A correction is an adjustment with a reason; the line shows it.
    await line.getByRole('button', { name: /^Add adjustment for / }).click();
    const adjust = admin.getByRole('dialog', { name: /^Adjust: / });
    await adjust.getByLabel(/^Minutes to add/).fill('0');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await adjust.getByText('Reason is required').waitFor();
    await adjust.getByLabel(/^Minutes to add/).fill('5');
    await adjust.getByLabel('Reason').fill('Late note from the PCP, 5 minutes');
    await adjust.getByRole('button', { name: 'Save adjustment' }).click();
    await adjust.waitFor({ state: 'hidden' });
    await line.getByText('Late note from the PCP', { exact: false }).waitFor();
    await expect.poll(() => countedMinutes(admin), WAIT).toBe(before + 45);

    // The claim CSV: one row per code of each billable line, Dale's as on the worksheet.
    const downloading = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`cocm-pine-ridge-${previous}.csv`);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const rows = csv.split('\r\n').filter((row) => row !== '');
    expect(rows[0]).toMatch(/^Patient last name,Patient first name,Date of birth,MRN,/);
    const header = (rows[0] ?? '').split(',');
    const dale = rows
      .slice(1)
      .map((row) => row.split(','))
      .filter((cells) => cells[header.indexOf('MRN')] === MRN);
    expect(dale.map((cells) => [cells[0], cells[1], cells[2]])).toEqual(
      codes.map(() => ['Whitaker', 'Dale', '1961-04-12']),
    );
    expect(
      dale.map((cells) => [
        cells[header.indexOf('CPT/HCPCS')],
        Number(cells[header.indexOf('Units')]),
      ]),
    ).toEqual(codes);
    await admin.close();
  });

  it('gives the PCP the same worksheet, read-only', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Dr. Miriam Hale');
    await page.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/staff`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Billing' })
      .click();
    await page.getByRole('heading', { name: 'CoCM billing worksheet', level: 1 }).waitFor();
    await page.getByTestId('month-status').waitFor();
    await page.locator(`tr[data-mrn="${MRN}"]`).waitFor();
    expect(await page.getByRole('button', { name: /^Close month/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Billing settings' }).count()).toBe(0);
    await page.close();
  });
});
