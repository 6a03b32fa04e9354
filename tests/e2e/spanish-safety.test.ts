import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { launchChromium } from '../support/browser';

/**
 * The suicide-risk pathway in Spanish (issue #3): a PHQ-9 in Pfizer's Spanish with item 9 above 0
 * moves the tablet straight into the C-SSRS screener (read aloud by staff: it has no verified
 * Spanish wording), a high risk gives the safety protocol, and the PCP on another screen gets the
 * alert banner at once, without reloading.
 */
let platform: LocalPlatform;
let browser: Browser;
let tablet: Page;
let pcp: Page;

beforeAll(async () => {
  platform = await startLocalPlatform({ apiPort: 0, webPort: 0, tableName: 'e2e-spanish-safety' });
  browser = await launchChromium();
  tablet = await (
    await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true })
  ).newPage();
  pcp = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const answer = async (progress: string, choice: string, next = 'Siguiente') => {
  await tablet.getByText(progress, { exact: true }).waitFor();
  await tablet.getByRole('radio', { name: choice, exact: true }).check();
  await tablet.getByRole('button', { name: next }).click();
};

describe('Spanish PHQ-9 → C-SSRS → safety protocol, PCP alerted in real time', () => {
  it('leads a Spanish-speaking patient through the pathway while the PCP is paged', async () => {
    // The PCP is on the clinic home in another browser.
    await pcp.goto(platform.webUrl ?? '');
    await pcp.getByRole('button', { name: 'Sign in as Dr. Miriam Hale' }).click();
    await pcp.getByRole('heading', { name: 'Clinic home' }).waitFor();

    await tablet.goto(platform.webUrl ?? '');
    await tablet.getByRole('button', { name: 'Sign in as Ruth Tso' }).click();
    await tablet.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await tablet.getByLabel('Patient name').fill('garc');
    await tablet.getByRole('button', { name: 'Search' }).click();
    await tablet
      .getByRole('list', { name: 'Search results' })
      .getByRole('link', { name: /García, Marisol/ })
      .click();
    await tablet.getByLabel('Questionnaires').selectOption('chronic-disease');
    await tablet.getByLabel('Staff PIN to end patient mode (4–8 digits)').fill('8642');
    await tablet.getByRole('button', { name: 'Hand tablet to patient' }).click();
    await tablet.getByRole('button', { name: 'Español' }).click();

    // Pfizer's Spanish PHQ-9, one question per screen.
    await tablet.getByRole('heading', { name: 'Poco interés o placer en hacer cosas' }).waitFor();
    for (let n = 1; n <= 8; n += 1) await answer(`Pregunta ${n} de 9`, 'Ningún día');
    // Item 9 above 0: the C-SSRS screener comes next (three questions until Q2 says otherwise).
    await answer('Pregunta 9 de 9', 'Varios días');
    await tablet.getByText('Pregunta 10 de 12', { exact: true }).waitFor();
    await tablet.getByRole('alert').filter({ hasText: 'entregue ahora la tableta' }).waitFor();
    await tablet.getByText(/For the care team: please ask these C-SSRS/).waitFor();
    await tablet
      .getByRole('heading', {
        name: 'Have you wished you were dead or wished you could go to sleep and not wake up?',
      })
      .waitFor();
    await answer('Pregunta 10 de 12', 'Yes');
    // Q2 yes opens Q3–Q5.
    await answer('Pregunta 11 de 12', 'Yes');
    await answer('Pregunta 12 de 15', 'Yes');
    await answer('Pregunta 13 de 15', 'Yes');
    await answer('Pregunta 14 de 15', 'No');
    await answer('Pregunta 15 de 15', 'No');

    await tablet.getByRole('heading', { name: 'Revise sus respuestas' }).waitFor();
    await tablet.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await tablet.getByRole('heading', { name: /Gracias/ }).waitFor();

    // The PCP's open page shows the alert without a reload.
    const banner = pcp.getByRole('alert').filter({ hasText: 'Safety alert' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toContain('stays with staff');

    // The care team sees the structured disposition.
    await tablet.getByRole('button', { name: 'Show result to care team' }).click();
    const gate = tablet.getByRole('dialog', { name: 'Show the result?' });
    await gate.getByLabel('Staff PIN').fill('8642');
    await gate.getByRole('button', { name: 'Show result' }).click();
    await tablet.getByText('The patient stays with staff.').waitFor();
    const card = await tablet.locator('.disposition-card').innerText();
    expect(card).toContain('Safety protocol now');
    await tablet.getByRole('heading', { name: 'C-SSRS Screener' }).waitFor();
    expect(await tablet.getByText('Asked by staff in English.').count()).toBe(1);

    // The PCP follows the alert to the same result.
    await banner.getByRole('link', { name: 'Open the result' }).click();
    await pcp.getByText('The patient stays with staff.').waitFor();
  });
});
