import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../functions/contracts/patients';
import type { ScreeningResult } from '../../../functions/contracts/screenings';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import {
  audit,
  domainError,
  expectInvalidCursor,
  patient,
  screening,
  tamper,
  walk,
} from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const registered = async (clinicId: string, overrides: Partial<Patient> = {}) => {
  const p = patient(clinicId, overrides);
  await t.store.patients.create(
    p,
    audit(clinicId, { patientId: p.patientId, action: 'patient.create' }),
  );
  return p;
};

const submit = async (s: ScreeningResult, name = 'Ana Lopez') => {
  const event = audit(s.clinicId, {
    patientId: s.patientId,
    action: 'screening.create',
    resourceType: 'screening',
    resourceId: s.screeningId,
    at: s.completedAt,
  });
  await t.store.screenings.create(s, name, event);
  return event;
};

/** One minute apart from 10:00 UTC: completion order matches id order. */
const minute = (i: number) => new Date(Date.UTC(2025, 2, 4, 10, i)).toISOString();

describe('screenings', () => {
  it('round-trips a result (without the worklist name) and stores its audit event with it', async () => {
    const p = await registered('scr-clinic');
    const s = screening(p);
    const event = await submit(s);

    expect(await t.store.screenings.get('scr-clinic', p.patientId, s.screeningId)).toEqual(s);
    const trail = await t.store.audit.listForPatient('scr-clinic', p.patientId, { limit: 10 });
    expect(trail.items[0]).toEqual(event);
    expect(trail.items.map((e) => e.action)).toEqual(['screening.create', 'patient.create']);
    expect(
      await t.store.screenings.get('other-clinic', p.patientId, s.screeningId),
    ).toBeUndefined();
  });

  it('refuses a screening for a patient the clinic does not have, writing neither it nor its audit', async () => {
    const stranger = await registered('scr-elsewhere');
    const s = screening({ clinicId: 'scr-clinic', patientId: stranger.patientId });
    const error = await domainError(submit(s));
    expect(error.kind).toBe('not_found');

    expect(
      await t.store.screenings.get('scr-clinic', stranger.patientId, s.screeningId),
    ).toBeUndefined();
    expect(
      await t.store.audit.listForPatient('scr-clinic', stranger.patientId, { limit: 10 }),
    ).toEqual({
      items: [],
    });
  });

  it('refuses to overwrite a stored screening', async () => {
    const p = await registered('scr-clinic');
    const s = screening(p);
    await submit(s);
    const error = await domainError(submit({ ...s, submittedBy: 'someone-else' }));
    expect(error.kind).toBe('conflict');
    expect(
      (await t.store.screenings.get('scr-clinic', p.patientId, s.screeningId))?.submittedBy,
    ).toBe(s.submittedBy);
  });

  it("lists a patient's screenings newest first across pages, and no other patient's", async () => {
    const p = await registered('list-clinic');
    const other = await registered('list-clinic');
    const results: ScreeningResult[] = [];
    for (let i = 0; i < 7; i += 1) {
      const s = screening(p, { completedAt: minute(i) });
      results.push(s);
      await submit(s);
    }
    await submit(screening(other, { completedAt: minute(30) }));

    const { items, pages } = await walk(
      (page) => t.store.screenings.listForPatient('list-clinic', p.patientId, page),
      3,
    );
    expect(pages).toEqual([3, 3, 1]);
    expect(items).toEqual([...results].reverse());
  });

  it("lists the clinic worklist newest first with each patient's name, across pages", async () => {
    const clinicId = 'worklist-clinic';
    const ana = await registered(clinicId, { givenName: 'Ana', familyName: 'Lopez' });
    const ben = await registered(clinicId, { givenName: 'Ben', familyName: 'Okafor' });
    const expected = [];
    for (let i = 0; i < 9; i += 1) {
      const who = i % 2 === 0 ? ana : ben;
      const name = `${who.givenName} ${who.familyName}`;
      const s = screening(who, { completedAt: minute(i) });
      await submit(s, name);
      expected.push({ ...s, patientName: name });
    }
    const elsewhere = await registered('worklist-other');
    await submit(screening(elsewhere, { completedAt: minute(59) }));

    const { items, pages } = await walk(
      (page) => t.store.screenings.listForClinic(clinicId, page),
      4,
    );
    expect(pages).toEqual([4, 4, 1]);
    expect(items).toEqual(expected.reverse());
  });

  it('rejects cursors that belong to another patient, another clinic or another list', async () => {
    const p = await registered('cursor-clinic');
    const q = await registered('cursor-clinic');
    for (let i = 0; i < 3; i += 1) {
      await submit(screening(p, { completedAt: minute(i) }));
      await submit(screening(q, { completedAt: minute(i + 10) }));
    }
    const patientCursor =
      (await t.store.screenings.listForPatient('cursor-clinic', p.patientId, { limit: 1 }))
        .nextCursor ?? '';
    const clinicCursor =
      (await t.store.screenings.listForClinic('cursor-clinic', { limit: 1 })).nextCursor ?? '';
    expect(patientCursor).not.toBe('');
    expect(clinicCursor).not.toBe('');

    const page = { limit: 1 };
    await expectInvalidCursor(
      t.store.screenings.listForPatient('cursor-clinic', q.patientId, {
        ...page,
        cursor: patientCursor,
      }),
    );
    await expectInvalidCursor(
      t.store.screenings.listForClinic('scr-clinic', { ...page, cursor: clinicCursor }),
    );
    await expectInvalidCursor(
      t.store.screenings.listForClinic('cursor-clinic', { ...page, cursor: patientCursor }),
    );
    // Same partition, but a sort key outside the screening range (the patient record itself).
    await expectInvalidCursor(
      t.store.screenings.listForPatient('cursor-clinic', p.patientId, {
        ...page,
        cursor: tamper(patientCursor, { sk: 'PATIENT' }),
      }),
    );
  });
});
