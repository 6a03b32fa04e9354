import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * The foundation's vertical slice through the real UI and the real local platform: an MA signs in,
 * registers a patient, hands the tablet over, the patient answers PHQ-9 and GAD-7, and the care team
 * sees the server's score, band, flags, disposition and reasons.
 */
let platform: LocalPlatform;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-slice' });
  browser = await launchChromium();
  // An iPad in portrait, as in the exam room.
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

const answerAll = async (choices: string[], total: number, before = 0) => {
  for (const [index, choice] of choices.entries()) {
    await expect
      .poll(() => page.getByText(`Question ${before + index + 1} of ${total}`).isVisible())
      .toBe(true);
    await page.getByRole('radio', { name: choice, exact: true }).check();
    await page.getByRole('button', { name: 'Next' }).click();
  }
};

describe('screen → triage in the browser', () => {
  it('walks an MA from sign-in to the triage result', async () => {
    await page.goto(platform.webUrl ?? '');
    await page.getByRole('button', { name: 'Sign in as Ruth Tso' }).click();
    await page.getByRole('heading', { name: 'Clinic home' }).waitFor();

    // Register a new patient.
    await page.getByRole('button', { name: 'Register a new patient' }).click();
    await page.getByLabel('Given name').fill('Wren');
    await page.getByLabel('Family name').fill('Talbot');
    await page.getByLabel('Date of birth').fill('1984-06-02');
    await page.getByLabel('Sex at birth').selectOption('female');
    await page.getByLabel('MRN (optional)').fill('PR-9001');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByRole('heading', { name: 'Wren Talbot' }).waitFor();

    // Finding her again by family-name prefix works from the clinic home.
    await page.goBack();
    await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await page.getByLabel('Patient name').fill('talb');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('list', { name: 'Search results' })
      .getByRole('link', { name: /Talbot, Wren/ })
      .click();
    await page.getByRole('heading', { name: 'Wren Talbot' }).waitFor();

    await page.getByLabel('Staff PIN to end patient mode (4–8 digits)').fill('1357');
    await page.getByRole('button', { name: 'Hand tablet to patient' }).click();
    await page.getByRole('heading', { name: /Choose your language/ }).waitFor();
    // Patient mode shows no staff navigation and no other patient's data.
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.getByText('Recent screenings').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();

    // PHQ-9: total 16 with item 9 = "Several days"; GAD-7: total 7.
    const phq9 = [
      'More than half the days',
      'More than half the days',
      'More than half the days',
      'More than half the days',
      'More than half the days',
      'More than half the days',
      'More than half the days',
      'Several days',
      'Several days',
    ];
    const gad7 = Array.from({ length: 7 }, (_, i) => (i === 0 ? 'Not at all' : 'Several days'));
    await answerAll(phq9, 16);
    // Item 9 above 0: the C-SSRS screener comes straight after (no ideation: three questions).
    await answerAll(['No', 'No', 'No', ...gad7], 19, 9);

    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    await page.getByRole('button', { name: 'Show result to care team' }).click();
    // The result is for staff: the PIN set at hand-over opens it.
    const gate = page.getByRole('dialog', { name: 'Show the result?' });
    await gate.getByLabel('Staff PIN').fill('1357');
    await gate.getByRole('button', { name: 'Show result' }).click();

    await page.getByRole('heading', { name: 'Screening result: Wren Talbot' }).waitFor();
    const text = await page.locator('main').innerText();
    // The server's score and the clinic's default rule (version 1), in the words it sent.
    expect(text).toMatch(/16\s*\/\s*27/);
    expect(text).toContain('Moderately severe');
    expect(text).toMatch(/6\s*\/\s*21/);
    expect(text).toContain('Warm handoff to behavioral health today');
    expect(text).toContain('PCP safety steps now');
    expect(text).toMatch(/item 9/i);

    // And it is stored: the patient's result is what the API returns, with rule version 1.
    const patients = await platform.store.patients.search(
      'pine-ridge',
      { mrn: 'PR-9001' },
      { limit: 5 },
    );
    const patient = patients.items[0];
    expect(patient?.familyName).toBe('Talbot');
    const screenings = await platform.store.screenings.listForPatient(
      'pine-ridge',
      patient?.patientId ?? '',
      { limit: 5 },
    );
    expect(screenings.items).toHaveLength(1);
    expect(screenings.items[0]).toMatchObject({
      triageRuleVersion: 1,
      triageInputs: { phq9Total: 16, phq9Item9: 1, gad7Total: 6 },
      disposition: { code: 'warm_handoff_today', pcpSafetyStepsNow: true },
    });

    // Nothing of the patient's answers is left on the tablet.
    const stored = await page.evaluate(() => {
      const storage = globalThis as unknown as { sessionStorage: object; localStorage: object };
      return JSON.stringify({ ...storage.sessionStorage, ...storage.localStorage });
    });
    expect(stored).not.toMatch(/More than half|"answers"/);
  });

  it('lets the PCP override a disposition only with a reason, keeping both', async () => {
    const pcp = await browser.newPage();
    await pcp.goto(platform.webUrl ?? '');
    await pcp.getByRole('button', { name: 'Sign in as Dr. Miriam Hale' }).click();
    await pcp.getByRole('heading', { name: 'Recent screenings' }).waitFor();
    await pcp
      .getByRole('link', { name: /Talbot, Wren/ })
      .first()
      .click();
    await pcp.getByRole('heading', { name: 'Screening result: Wren Talbot' }).waitFor();

    await pcp.getByLabel('Clinician decision').selectOption('external_referral');
    await pcp.getByLabel('Reason (required, kept with the result)').fill('Too short');
    await pcp.getByRole('button', { name: 'Override disposition' }).click();
    await pcp.locator('#override-reason-error').waitFor();

    const reason = 'Known bipolar I disorder followed by county psychiatry';
    await pcp.getByLabel('Reason (required, kept with the result)').fill(reason);
    await pcp.getByRole('button', { name: 'Override disposition' }).click();
    const override = pcp.getByRole('status', { name: 'Clinician override' });
    await expect.poll(() => override.innerText()).toContain(reason);
    const text = await override.innerText();
    expect(text).toContain('Triage rule said: Warm handoff to behavioral health today');
    expect(text).toContain('Tier 3: external specialty referral');
    await pcp.close();
  });

  it("shows another clinic's PCP nothing of this clinic", async () => {
    const other = await browser.newPage();
    await other.goto(`${platform.webUrl}/clinics/pine-ridge/staff`);
    await other.getByRole('button', { name: 'Sign in as Dr. Erik Lindqvist' }).click();
    await other.getByRole('heading', { name: 'Not available to your account' }).waitFor();
    await other.close();
  });
});
