import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * Scheduling across clinics in the browser: the front desks of Pine Ridge (Denver) and Prairie
 * Creek (Chicago) each book the shared BCM, Jordan Reyes, on the same day; Reyes's "my day" shows
 * both visits in order, each at its own clinic's local time (demo templates: Pine Ridge mornings,
 * Prairie Creek afternoons on Mon/Wed/Fri).
 */
let platform: LocalPlatform;
let browser: Browser;
let reyes = '';

/** The next Monday, Wednesday or Friday after today (UTC): every slot that day is in the future. */
const nextClinicDay = (): string => {
  for (let i = 1; i <= 7; i += 1) {
    const day = new Date(Date.now() + i * 86_400_000);
    if ([1, 3, 5].includes(day.getUTCDay())) return day.toISOString().slice(0, 10);
  }
  throw new Error('no clinic day within a week');
};
const date = nextClinicDay();
const slotId = (clinicId: string, time: string) => `${clinicId}~${reyes}~${date}T${time}`;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-scheduling' });
  reyes = platform.users.find((u) => u.username === 'bcm.reyes')?.userId ?? '';
  // The generation timer runs in the background at start; wait for the two slots it makes.
  const deadline = Date.now() + 60_000;
  const generated = async () =>
    Boolean(
      (await platform.store.slots.get('pine-ridge', slotId('pine-ridge', '08:00'))) &&
      (await platform.store.slots.get('prairie-creek', slotId('prairie-creek', '13:00'))),
    );
  while (!(await generated())) {
    if (Date.now() > deadline) throw new Error('slots were not generated within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const signIn = async (page: Page, user: string) => {
  await page.goto(platform.webUrl ?? '');
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
};

/** The front desk opens the clinic's schedule on `date` and books `slot` for a patient. */
const bookAtFrontDesk = async (
  user: string,
  slot: string,
  patientSearch: string,
  patient: RegExp,
) => {
  const page = await browser.newPage();
  await signIn(page, user);
  await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
  await page.getByRole('link', { name: 'Schedule', exact: true }).click();
  await page.getByRole('heading', { name: 'Clinic schedule' }).waitFor();
  await page.getByLabel('Date', { exact: true }).fill(date);
  const row = page.locator(`tr[data-slot="${slot}"]`);
  await row.getByRole('button', { name: 'Book' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book this slot' });
  await dialog.getByLabel('Patient name').fill(patientSearch);
  await dialog.getByRole('button', { name: 'Find patient' }).click();
  await dialog.getByRole('button', { name: patient }).click();
  await dialog.getByText(/This will be session \d+ of the episode/).waitFor();
  await dialog.getByRole('radio', { name: 'Intake' }).check();
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Booked.' }).waitFor();
  await expect.poll(() => row.getAttribute('data-status')).toBe('booked');
  await page.close();
};

describe('scheduling across clinics in the browser', () => {
  it("books the BCM in two clinics and shows both in the BCM's day at local times", async () => {
    await bookAtFrontDesk('Ruth Tso', slotId('pine-ridge', '08:00'), 'whit', /Whitaker, Dale/);
    await bookAtFrontDesk(
      'Grace Okonkwo',
      slotId('prairie-creek', '13:00'),
      'albr',
      /Albrecht, June/,
    );

    const page = await browser.newPage();
    await signIn(page, 'Jordan Reyes, LCSW');
    await page.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/staff/my-day`);
    await page.getByRole('heading', { name: 'My day across clinics' }).waitFor();
    await page.getByLabel('Date', { exact: true }).fill(date);
    const booked = page.locator('ol.my-day li[data-status="booked"]');
    await expect.poll(() => booked.count()).toBe(2);
    const [first, second] = await booked.allInnerTexts();
    // 08:00 in Denver and 13:00 in Chicago, each named in its own zone, Denver first (earlier UTC).
    expect(first).toMatch(/^8:00 AM M[SD]T\s+Pine Ridge/);
    expect(first).toMatch(/Whitaker, Dale/);
    expect(second).toMatch(/^1:00 PM C[SD]T\s+Prairie Creek/);
    expect(second).toMatch(/Albrecht, June/);
    await page.close();
  });
});
