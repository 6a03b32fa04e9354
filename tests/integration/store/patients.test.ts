import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../functions/contracts/patients';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, domainError, expectInvalidCursor, patient, walk } from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const register = async (p: Patient) => {
  const event = audit(p.clinicId, {
    patientId: p.patientId,
    action: 'patient.create',
    resourceId: p.patientId,
    at: p.createdAt,
  });
  await t.store.patients.create(p, event);
  return event;
};

const names = (page: { items: Patient[] }) =>
  page.items.map((p) => `${p.familyName}, ${p.givenName}`);

describe('patients', () => {
  it('round-trips a patient and writes its audit event in the same transaction', async () => {
    const p = patient('create-clinic', { mrn: 'A-100' });
    const event = await register(p);

    expect(await t.store.patients.get('create-clinic', p.patientId)).toEqual(p);
    expect(await t.store.audit.listForPatient('create-clinic', p.patientId, { limit: 10 })).toEqual(
      {
        items: [event],
      },
    );
    // Another clinic asking for the same id sees nothing.
    expect(await t.store.patients.get('other-clinic', p.patientId)).toBeUndefined();
  });

  it('leaves optional fields absent rather than undefined', async () => {
    const p = patient('create-clinic');
    await register(p);
    const read = await t.store.patients.get('create-clinic', p.patientId);
    expect(read).toEqual(p);
    expect(read).not.toHaveProperty('mrn');
  });

  it('rejects a second patient with the MRN and writes nothing at all', async () => {
    const first = patient('mrn-clinic', { mrn: 'MRN-7', createdAt: '2025-04-01T09:00:00.000Z' });
    await register(first);
    const second = patient('mrn-clinic', {
      mrn: 'mrn-7', // MRNs compare case-insensitively
      givenName: 'Other',
      createdAt: '2025-04-01T09:30:00.000Z',
    });
    const event = audit('mrn-clinic', {
      patientId: second.patientId,
      action: 'patient.create',
      at: second.createdAt,
    });

    const error = await domainError(t.store.patients.create(second, event));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('MRN already in use in this clinic');
    expect(error.fields).toEqual([
      { field: 'body.mrn', message: 'is already used by another patient' },
    ]);

    expect(await t.store.patients.get('mrn-clinic', second.patientId)).toBeUndefined();
    expect(
      await t.store.audit.listForPatient('mrn-clinic', second.patientId, { limit: 10 }),
    ).toEqual({
      items: [],
    });
    const day = await t.store.audit.listForClinicDay('mrn-clinic', '2025-04-01', { limit: 10 });
    expect(day.items.map((e) => e.patientId)).toEqual([first.patientId]);
    const all = await t.store.patients.search('mrn-clinic', {}, { limit: 10 });
    expect(all.items.map((p) => p.patientId)).toEqual([first.patientId]);
  });

  it('allows the same MRN in another clinic', async () => {
    await register(patient('mrn-clinic-a', { mrn: 'SHARED-1' }));
    await register(patient('mrn-clinic-b', { mrn: 'SHARED-1' }));
  });

  it('refuses to overwrite an existing patient id', async () => {
    const p = patient('dup-clinic');
    await register(p);
    const error = await domainError(
      t.store.patients.create(
        { ...p, givenName: 'Changed' },
        audit('dup-clinic', { patientId: p.patientId }),
      ),
    );
    expect(error.kind).toBe('conflict');
    expect((await t.store.patients.get('dup-clinic', p.patientId))?.givenName).toBe(p.givenName);
  });

  it('finds a patient by MRN (exact, case-insensitive) and only in its clinic', async () => {
    const p = patient('find-mrn', { mrn: 'Zx-42', familyName: 'Nguyen', givenName: 'Linh' });
    await register(p);
    await register(patient('find-mrn-other', { mrn: 'ZX-42' }));

    t.requests.reset();
    expect(await t.store.patients.search('find-mrn', { mrn: 'zx-42' }, { limit: 10 })).toEqual({
      items: [p],
    });
    expect(t.requests.commands).toEqual(['GetItemCommand', 'GetItemCommand']);

    expect(await t.store.patients.search('find-mrn', { mrn: 'ZX-4' }, { limit: 10 })).toEqual({
      items: [],
    });
    expect(
      await t.store.patients.search('find-mrn', { mrn: 'ZX-42', namePrefix: 'ngu' }, { limit: 10 }),
    ).toEqual({
      items: [p],
    });
    expect(
      await t.store.patients.search('find-mrn', { mrn: 'ZX-42', namePrefix: 'smi' }, { limit: 10 }),
    ).toEqual({
      items: [],
    });
    await expectInvalidCursor(
      t.store.patients.search('find-mrn', { mrn: 'ZX-42' }, { limit: 10, cursor: 'abc' }),
    );
  });
});

describe('patient name search', () => {
  const clinicId = 'name-clinic';
  beforeAll(async () => {
    for (const [familyName, givenName] of [
      ['García', 'María'],
      ['Garcia', 'Mateo'],
      ['Garcés', 'Ana'],
      ["O'Brien", 'Seán'],
      ['De la Cruz', 'José'],
      ['Smith', 'John'],
    ] as const) {
      await register(patient(clinicId, { familyName, givenName }));
    }
    // Same name in another clinic: never in this clinic's results.
    await register(patient('name-clinic-other', { familyName: 'García', givenName: 'María' }));
  });

  const search = (namePrefix: string) =>
    t.store.patients.search(clinicId, { namePrefix }, { limit: 20 });

  it('matches a family-name prefix regardless of accents, case and punctuation', async () => {
    expect(names(await search('gar'))).toEqual(['Garcés, Ana', 'García, María', 'Garcia, Mateo']);
    expect(names(await search('GARCÍA'))).toEqual(['García, María', 'Garcia, Mateo']);
    expect(names(await search('garce'))).toEqual(['Garcés, Ana']);
    expect(names(await search("o'bri"))).toEqual(["O'Brien, Seán"]);
    expect(names(await search('obri'))).toEqual(["O'Brien, Seán"]);
    expect(names(await search('de la'))).toEqual(['De la Cruz, José']);
    expect(names(await search('zz'))).toEqual([]);
  });

  it('narrows with ", given": the family name is then exact and the given name a prefix', async () => {
    expect(names(await search('garcia, ma'))).toEqual(['García, María', 'Garcia, Mateo']);
    expect(names(await search('garcia, mari'))).toEqual(['García, María']);
    expect(names(await search('García,Mat'))).toEqual(['Garcia, Mateo']);
    expect(names(await search("o'brien, sean"))).toEqual(["O'Brien, Seán"]);
    expect(names(await search('garc, ma'))).toEqual([]);
  });

  it('lists the whole clinic by name when no criterion is given', async () => {
    const all = await t.store.patients.search(clinicId, {}, { limit: 20 });
    expect(all.items).toHaveLength(6);
    expect(all.nextCursor).toBeUndefined();
  });

  it('rejects a query with no letters or digits, naming the field', async () => {
    const error = await domainError(search(' ,- '));
    expect(error.kind).toBe('validation');
    expect(error.fields[0]?.field).toBe('query.q');
  });
});

describe('patient search pagination', () => {
  it('walks every page of a prefix search with no duplicates or gaps', async () => {
    const clinicId = 'page-clinic';
    const created: Patient[] = [];
    for (let i = 0; i < 23; i += 1) {
      const p = patient(clinicId, {
        familyName: 'Walker',
        givenName: `G${String(i).padStart(2, '0')}`,
      });
      created.push(p);
      await register(p);
    }
    await register(patient(clinicId, { familyName: 'Wallace' }));

    const { items, pages } = await walk(
      (page) => t.store.patients.search(clinicId, { namePrefix: 'walk' }, page),
      10,
    );
    expect(pages).toEqual([10, 10, 3]);
    expect(items.map((p) => p.patientId)).toEqual(created.map((p) => p.patientId));
  });

  it("rejects a cursor from another search or another clinic's list", async () => {
    const clinicId = 'page-clinic';
    const first = await t.store.patients.search(clinicId, { namePrefix: 'walker' }, { limit: 2 });
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');

    // Still inside the list it came from: fine.
    const next = await t.store.patients.search(
      clinicId,
      { namePrefix: 'walk' },
      { limit: 2, cursor },
    );
    expect(next.items).toHaveLength(2);

    await expectInvalidCursor(
      t.store.patients.search(clinicId, { namePrefix: 'wallace' }, { limit: 2, cursor }),
    );
    await expectInvalidCursor(
      t.store.patients.search('name-clinic', { namePrefix: 'walker' }, { limit: 2, cursor }),
    );
    await expectInvalidCursor(t.store.patients.search('name-clinic', {}, { limit: 2, cursor }));
  });
});
