import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * A BCM's day in the registry, in the browser: Jordan Reyes covers Pine Ridge and Sage Valley
 * (Denver) and Prairie Creek (Chicago). The caseload lists the demo episodes of all three clinics,
 * each with its last contact in its own clinic's zone; logging a call from the row of the Prairie
 * Creek patient flagged "contact overdue" (MRN PC-3003) clears the flag and adds the minutes.
 */
let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-registry-bcm' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const signIn = async (page: Page, user: string) => {
  await page.goto(platform.webUrl ?? '');
  const button = page.getByRole('button', { name: `Sign in as ${user}` });
  await button.click();
  await button.waitFor({ state: 'detached' });
};

describe('the BCM caseload in the browser', () => {
  it('shows rows from three clinics at local times and clears a flag by logging a contact', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Jordan Reyes, LCSW');
    await page.goto(`${platform.webUrl ?? ''}/caseload`);
    await page.getByRole('heading', { name: 'My caseload', level: 1 }).waitFor();

    const table = page.getByRole('table');
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const clinics = new Set(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-clinic'))),
    );
    expect([...clinics].sort()).toEqual(['pine-ridge', 'prairie-creek', 'sage-valley']);

    // Last contacts in each clinic's own zone: Mountain for Denver, Central for Chicago.
    const lastContact = (clinicId: string) =>
      rows
        .and(page.locator(`[data-clinic="${clinicId}"]`))
        .locator('[data-cell="last-contact"] time')
        .first();
    expect(await lastContact('pine-ridge').innerText()).toMatch(/M[SD]T$/);
    expect(await lastContact('sage-valley').innerText()).toMatch(/M[SD]T$/);
    expect(await lastContact('prairie-creek').innerText()).toMatch(/C[SD]T$/);

    // The capacity meter shows the active count against the warning level, in words.
    await expect
      .poll(() => page.getByTestId('capacity').innerText())
      .toMatch(/\d+ active patients; warning at 80/);

    const row = rows.filter({ hasText: 'MRN PC-3003' });
    await expect.poll(() => row.getAttribute('data-flags')).toContain('contact_overdue');
    const chip = row.locator('[data-flag="contact_overdue"]');
    await chip.focus();
    await expect.poll(() => chip.getByRole('tooltip').isVisible()).toBe(true);
    expect(await chip.getByRole('tooltip').innerText()).toMatch(/since/);
    const minutesBefore = Number(await row.locator('[data-cell="minutes"]').innerText());

    await row.getByRole('button', { name: /^Log contact for / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Prairie Creek', { exact: false }).first().waitFor();
    await dialog.getByLabel('Kind').selectOption('call');
    await dialog.getByLabel('Minutes').fill('20');
    // A double click sends one key twice at most: the minutes are recorded once.
    await dialog.getByRole('button', { name: 'Log contact' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Logged 20 minutes' }).waitFor();

    await expect.poll(() => row.getAttribute('data-flags')).not.toContain('contact_overdue');
    await expect
      .poll(async () => Number(await row.locator('[data-cell="minutes"]').innerText()))
      .toBe(minutesBefore + 20);
    expect(await row.locator('[data-cell="last-contact"]').innerText()).toMatch(/^Today/);
    // Focus is back on the row's button that opened the dialog.
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''),
    ).toMatch(/^Log contact for /);
    await page.close();
  });

  it('enrols a patient from the patient page and works the episode page', async () => {
    const patient = await register('dr.hale', 'pine-ridge', {
      givenName: 'Ada',
      familyName: 'Quist',
      dateOfBirth: '1971-05-02',
      sexAtBirth: 'female',
    });
    const page = await browser.newPage();
    await signIn(page, 'Dr. Miriam Hale');
    await page.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/staff/patients/${patient}`);
    const card = page.getByRole('region', { name: 'Collaborative care' });
    await card.getByText('Not enrolled in collaborative care.').waitFor();
    await card.getByRole('link', { name: 'Enrol in collaborative care' }).click();

    await page.getByRole('heading', { name: 'Enrol in collaborative care' }).waitFor();
    // Nothing is sent until consent is documented and a diagnosis chosen.
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByText('the patient must be told about the consultation').waitFor();
    await page.getByText('add at least one diagnosis').waitFor();
    await page.getByLabel(/told a psychiatric consultant will review/).check();
    await page.getByLabel(/told that cost sharing applies/).check();
    await page.getByLabel('Behavioral care manager').selectOption({ label: 'Jordan Reyes, LCSW' });
    await page.getByRole('checkbox', { name: /^F32\.1 / }).check();
    await page.getByLabel('Treatment target').fill('PHQ-9 below 5');
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();

    await page.getByRole('heading', { name: 'Collaborative care: Ada Quist' }).waitFor();
    const flags = page.getByRole('region', { name: 'Flags' });
    await flags
      .locator('[data-flag="new"]')
      .getByText('not yet reviewed by the psychiatrist')
      .waitFor();
    expect(await page.getByRole('region', { name: 'Enrolment and care team' }).innerText()).toMatch(
      /Verbal, .+ M[SD]T by Dr\. Miriam Hale/,
    );

    await page.getByRole('button', { name: 'Log contact' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Minutes').fill('25');
    await dialog.getByRole('button', { name: 'Log contact' }).click();
    await page.getByRole('status').filter({ hasText: 'Logged 25 minutes' }).waitFor();
    await expect.poll(() => page.getByTestId('minutes-this-month').innerText()).toBe('25');
    await page
      .getByRole('region', { name: 'Contacts and activities' })
      .getByRole('cell', { name: 'Phone call' })
      .waitFor();

    // Goals met needs the relapse-prevention plan; with it, the discharge goes through.
    await page.getByRole('button', { name: 'Discharge…' }).click();
    const discharge = page.getByRole('dialog', { name: /^Discharge / });
    await discharge.getByRole('radio', { name: /Goals met/ }).check();
    await discharge.getByRole('button', { name: 'Discharge', exact: true }).click();
    await discharge.getByText('Record the relapse-prevention plan first').waitFor();
    await discharge.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Write the plan' }).click();
    await page.getByLabel('What helps (one per line)').fill('Morning walks\nCalling my sister');
    await page.getByLabel('Warning signs (one per line)').fill('Skipping meals');
    await page.getByLabel('Whom to call (one per line)').fill('Pine Ridge front desk');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByRole('button', { name: 'Edit the plan' }).waitFor();
    await page.getByRole('button', { name: 'Discharge…' }).click();
    await discharge.getByRole('radio', { name: /Goals met/ }).check();
    await discharge.getByRole('button', { name: 'Discharge', exact: true }).click();
    await expect.poll(() => page.getByTestId('episode-status').innerText()).toMatch(/^Discharged/);
    await page.close();
  });

  it("lowers a clinic's caseload warning from the admin overview and the BCM's meter says so", async () => {
    const admin = await browser.newPage();
    await signIn(admin, 'Casey Morgan');
    await admin.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/admin`);
    const form = admin.getByRole('region', { name: 'Collaborative-care registry' });
    const warning = form.getByLabel(/Caseload warning at/);
    await expect.poll(() => warning.inputValue()).toBe('80');
    await warning.fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.field-error').first().waitFor();
    await warning.fill('5');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await admin.close();

    const page = await browser.newPage();
    await signIn(page, 'Jordan Reyes, LCSW');
    await page.goto(`${platform.webUrl ?? ''}/caseload`);
    // The lowest warning among the covered clinics applies: 8 active patients against 5.
    await expect
      .poll(() => page.getByTestId('capacity').innerText(), { timeout: 30_000 })
      .toMatch(/warning at 5 .*Over capacity/);
    await page.close();
  });
});

// ------------------------------------------------------------------ API helpers

const tokenOf = async (username: string): Promise<string> => {
  const response = await fetch(`${platform.apiUrl}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
};

/** Registers a patient through the API (the enrolment, not the registration, is under test). */
const register = async (username: string, clinicId: string, body: unknown): Promise<string> => {
  const response = await fetch(`${platform.apiUrl}/clinics/${clinicId}/patients`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenOf(username)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { patientId: string }).patientId;
};
