import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPlatform, type LocalPlatform } from '../../functions/local/platform';
import { FAKE_MEDIA_ARGS, launchChromium } from '../support/browser';

/**
 * Scheduling across clinics in the browser: the front desks of Pine Ridge (Denver) and Prairie
 * Creek (Chicago) each book the shared BCM, Jordan Reyes, on the same day; Reyes's "my day" shows
 * both visits in order, each at its own clinic's local time (demo templates: Pine Ridge mornings,
 * Prairie Creek afternoons on Mon/Wed/Fri). A fallen-back warm handoff offers Pine Ridge's
 * earliest slots and books one (a slot taken meanwhile says so); a video visit starting now shows
 * "Join video" to the front desk and to Whitfield (Prairie Creek only, so no Reyes slot collides).
 *
 * The call screens use the fake camera: run through `npm run test:e2e` (loopback namespace).
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
  browser = await launchChromium(FAKE_MEDIA_ARGS);
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

// ------------------------------------------------------------------ API and store helpers

const tokenOf = async (username: string): Promise<string> => {
  const response = await fetch(`${platform.apiUrl}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
};

const request = async (
  username: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> => {
  const response = await fetch(`${platform.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(username)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const patientIdOf = async (username: string, clinicId: string, mrn: string): Promise<string> => {
  const found = await request(username, 'GET', `/clinics/${clinicId}/patients?mrn=${mrn}`);
  const [patient] = found.json.items as { patientId: string }[];
  if (!patient) throw new Error(`no patient ${mrn} in ${clinicId}`);
  return patient.patientId;
};

/** Nobody accepted: the handoff takes the triage rule's fallback, as the paging sweep would. */
const fallBack = async (clinicId: string, handoffId: string, withinDays: number) => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await platform.store.handoffs.get(clinicId, handoffId);
    if (current?.pagedAt !== undefined) {
      const at = new Date().toISOString();
      try {
        await platform.store.handoffs.save(
          {
            ...current,
            status: 'fallback',
            version: current.version + 1,
            fallback: {
              reason: 'no_answer',
              at,
              instructions: `Book a behavioral health visit within ${withinDays} days.`,
              followUpWithinDays: withinDays,
              pcpSafetyStepsNow: true,
            },
          },
          current.version,
          {
            eventId: `e2e-fallback-${handoffId}`,
            at,
            actorId: 'system',
            clinicId,
            action: 'handoff.fallback',
            outcome: 'success',
            requestId: 'e2e',
            resourceType: 'handoff',
            resourceId: handoffId,
            patientId: current.patientId,
          },
        );
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    if (Date.now() > deadline) throw new Error('the handoff was never paged');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/** A clinic-local date and HH:mm of an instant in a zone. */
const localOf = (at: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    localDate: `${parts.year}-${parts.month}-${parts.day}`,
    localStart: `${parts.hour}:${parts.minute}`,
  };
};

describe('the triage fallback and video visits in the browser', () => {
  it('offers the earliest slots on a fallen-back handoff and books one in a tap', async () => {
    const patientId = await patientIdOf('dr.hale', 'pine-ridge', 'PR-1002');
    const requested = await request('dr.hale', 'POST', '/clinics/pine-ridge/handoffs', {
      patientId,
      urgency: 'routine',
    });
    expect(requested.status).toBe(201);
    const handoffId = String(requested.json.handoffId);
    // Eight days: the next Pine Ridge morning (Mon/Wed/Fri) is always inside the window.
    await fallBack('pine-ridge', handoffId, 8);

    const page = await browser.newPage();
    await signIn(page, 'Dr. Miriam Hale');
    await page.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await page.goto(`${platform.webUrl ?? ''}/clinics/pine-ridge/staff/handoffs/${handoffId}`);
    await page.getByText('Book a behavioral health visit within 8 days.').waitFor();
    const list = page.getByRole('list', { name: 'Earliest slots' });
    await list.waitFor();
    // The safety steps and instructions stay above the slots.
    const steps = await page.getByText('Safety steps now').boundingBox();
    const slotsBox = await list.boundingBox();
    expect(steps?.y ?? Infinity).toBeLessThan(slotsBox?.y ?? 0);

    const offered = list.getByRole('listitem');
    await expect.poll(() => offered.count()).toBeGreaterThan(1);
    const [taken, free] = await Promise.all([
      offered.nth(0).getAttribute('data-slot'),
      offered.nth(1).getAttribute('data-slot'),
    ]);
    // The front desk books the first one while the PCP looks at the list.
    const desk = await request('ma.tso', 'POST', '/clinics/pine-ridge/bookings', {
      slotId: taken,
      patientId: await patientIdOf('ma.tso', 'pine-ridge', 'PR-1001'),
      visitType: 'follow-up',
      modality: 'in-person',
    });
    expect(desk.status).toBe(201);
    await offered.nth(0).getByRole('button').click();
    await page.getByRole('alert').filter({ hasText: 'just taken' }).waitFor();
    await expect.poll(() => list.locator(`li[data-slot="${taken}"]`).count()).toBe(0);

    await page.getByRole('radio', { name: 'Video' }).check();
    await list.locator(`li[data-slot="${free}"]`).getByRole('button').click();
    await page.getByRole('heading', { name: 'Behavioral health visit booked' }).waitFor();
    const slot = await platform.store.slots.get('pine-ridge', free ?? '');
    expect(slot?.status).toBe('booked');
    expect(slot?.booking).toMatchObject({
      patientId,
      purpose: 'warm-handoff',
      visitType: 'follow-up',
      modality: 'video',
    });
    await page.close();
  });

  it('shows "Join video" to the front desk and the BCM, and each sees the other on video', async () => {
    const clinicId = 'prairie-creek';
    const clinic = await platform.store.clinics.get(clinicId);
    const timeZone = clinic?.timeZone ?? 'America/Chicago';
    const whitfield = platform.users.find((u) => u.username === 'bcm.whitfield')?.userId ?? '';
    // On the 5-minute grid, 5–10 minutes from now: inside the join window already.
    const tick = 5 * 60_000;
    const startsAt = new Date(Math.ceil(Date.now() / tick) * tick + tick);
    const { localDate, localStart } = localOf(startsAt, timeZone);
    const videoSlotId = `${clinicId}~${whitfield}~${localDate}T${localStart}`;
    await platform.store.slots.putGenerated([
      {
        slotId: videoSlotId,
        clinicId,
        providerId: whitfield,
        kind: 'follow-up',
        timeZone,
        localDate,
        localStart,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
        status: 'open',
      },
    ]);
    const booked = await request('ma.okonkwo', 'POST', `/clinics/${clinicId}/bookings`, {
      slotId: videoSlotId,
      patientId: await patientIdOf('ma.okonkwo', clinicId, 'PC-3001'),
      visitType: 'follow-up',
      modality: 'video',
    });
    expect(booked.status).toBe(201);
    const bookingId = (booked.json.booking as { bookingId: string }).bookingId;

    const desk = await browser.newPage();
    await signIn(desk, 'Grace Okonkwo');
    await desk.getByRole('heading', { name: 'Clinic home' }).waitFor();
    await desk.getByRole('link', { name: 'Schedule', exact: true }).click();
    await desk.getByRole('heading', { name: 'Clinic schedule' }).waitFor();
    await desk.getByLabel('Date', { exact: true }).fill(localDate);
    await desk
      .locator(`tr[data-slot="${videoSlotId}"]`)
      .getByRole('link', { name: 'Join video' })
      .click();

    const bcm = await browser.newPage();
    await signIn(bcm, 'Sam Whitfield, LPC');
    await bcm.goto(`${platform.webUrl ?? ''}/clinics/${clinicId}/staff/my-day`);
    await bcm.getByRole('heading', { name: 'My day across clinics' }).waitFor();
    await bcm.getByLabel('Date', { exact: true }).fill(localDate);
    await bcm
      .locator(`ol.my-day li[data-slot="${videoSlotId}"]`)
      .getByRole('link', { name: 'Join video' })
      .click();

    for (const page of [desk, bcm]) {
      await page.getByRole('heading', { name: 'Video visit' }).waitFor();
      expect(page.url()).toContain(`/staff/schedule/visits/${bookingId}/call`);
      await page.getByRole('heading', { name: 'Before the call' }).waitFor();
      await page.getByRole('button', { name: 'Join the call' }).click();
    }
    // Each side renders the other's camera: the socket relays the visit's signalling.
    for (const page of [desk, bcm]) {
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
    // Both joins landed in one meeting (the first join made it, the second reused it).
    const stored = await platform.store.scheduling.get(clinicId, bookingId);
    expect(stored?.meetingId).toBeDefined();
    await desk.close();
    await bcm.close();
  });
});
