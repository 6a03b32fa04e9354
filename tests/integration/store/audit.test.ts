import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../functions/domain/model';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, domainError, expectInvalidCursor, newId, walk } from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const patientA = newId();
const patientB = newId();

describe('audit log', () => {
  it('lists one clinic day newest first, across pages, without other days or clinics', async () => {
    const clinicId = 'audit-day';
    const day: AuditEvent[] = [];
    for (let i = 0; i < 11; i += 1) {
      // Midnight to the last millisecond of the UTC day all belong to it.
      const at =
        i === 10 ? '2025-05-06T23:59:59.999Z' : new Date(Date.UTC(2025, 4, 6, i, 30)).toISOString();
      const event = audit(clinicId, { at, patientId: i % 2 === 0 ? patientA : patientB });
      day.push(event);
      await t.store.audit.append(event);
    }
    await t.store.audit.append(audit(clinicId, { at: '2025-05-05T23:59:59.999Z' }));
    await t.store.audit.append(audit(clinicId, { at: '2025-05-07T00:00:00.000Z' }));
    await t.store.audit.append(audit('audit-other', { at: '2025-05-06T12:00:00.000Z' }));

    const { items, pages } = await walk(
      (page) => t.store.audit.listForClinicDay(clinicId, '2025-05-06', page),
      4,
    );
    expect(pages).toEqual([4, 4, 3]);
    expect(items).toEqual([...day].reverse());
  });

  it("lists a patient's events across days newest first, and events without a patient in no patient list", async () => {
    const clinicId = 'audit-patient';
    const patient = newId();
    const events = [
      '2025-01-01T08:00:00.000Z',
      '2025-01-02T09:00:00Z',
      '2025-02-01T10:00:00.000Z',
    ].map((at) => audit(clinicId, { at, patientId: patient, action: 'patient.read' }));
    for (const event of events) await t.store.audit.append(event);
    await t.store.audit.append(
      audit(clinicId, {
        at: '2025-01-03T00:00:00.000Z',
        action: 'patient.search',
        resourceType: 'patient-list',
      }),
    );
    // Same patient id in another clinic's trail: not this clinic's business.
    await t.store.audit.append(audit('audit-elsewhere', { patientId: patient }));

    const { items, pages } = await walk(
      (page) => t.store.audit.listForPatient(clinicId, patient, page),
      2,
    );
    expect(pages).toEqual([2, 1]);
    expect(items).toEqual([...events].reverse());

    const jan3 = await t.store.audit.listForClinicDay(clinicId, '2025-01-03', { limit: 5 });
    expect(jan3.items.map((e) => e.action)).toEqual(['patient.search']);
    expect(jan3.items[0]).not.toHaveProperty('patientId');
  });

  it('orders by time even when timestamps carry different precision', async () => {
    const clinicId = 'audit-precision';
    const patient = newId();
    const later = audit(clinicId, { at: '2025-06-01T10:00:00.500Z', patientId: patient });
    const earlier = audit(clinicId, { at: '2025-06-01T10:00:00Z', patientId: patient });
    await t.store.audit.append(later);
    await t.store.audit.append(earlier);
    const page = await t.store.audit.listForPatient(clinicId, patient, { limit: 5 });
    expect(page.items).toEqual([later, earlier]);
  });

  it('treats a retried append of the same event as done, storing it once', async () => {
    const clinicId = 'audit-retry';
    const event = audit(clinicId, { at: '2025-07-01T10:00:00.000Z' });
    await t.store.audit.append(event);
    await t.store.audit.append(event);
    expect(await t.store.audit.listForClinicDay(clinicId, '2025-07-01', { limit: 5 })).toEqual({
      items: [event],
    });
  });

  it('never overwrites a stored event', async () => {
    const clinicId = 'audit-append-only';
    const event = audit(clinicId, { at: '2025-07-02T10:00:00.000Z', outcome: 'denied' });
    await t.store.audit.append(event);
    await t.store.audit.append({ ...event, outcome: 'success' });
    const page = await t.store.audit.listForClinicDay(clinicId, '2025-07-02', { limit: 5 });
    expect(page.items.map((e) => e.outcome)).toEqual(['denied']);
  });

  it('stores the clinic id on every audit item (the tenant boundary)', async () => {
    const { Items } = await t.client.send(
      new QueryCommand({
        TableName: t.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT#CLINIC#audit-day#2025-05-06' },
      }),
    );
    expect(Items?.length).toBe(11);
    expect(
      Items?.every((item) => item['clinicId'] === 'audit-day' && item['entity'] === 'audit'),
    ).toBe(true);
  });

  it('rejects a bad day and a cursor from another day, patient or clinic', async () => {
    const error = await domainError(
      t.store.audit.listForClinicDay('audit-day', '2025-5-6', { limit: 1 }),
    );
    expect(error.kind).toBe('validation');

    const dayCursor =
      (await t.store.audit.listForClinicDay('audit-day', '2025-05-06', { limit: 1 })).nextCursor ??
      '';
    const patientCursor =
      (await t.store.audit.listForPatient('audit-day', patientA, { limit: 1 })).nextCursor ?? '';
    expect(dayCursor).not.toBe('');
    expect(patientCursor).not.toBe('');

    await expectInvalidCursor(
      t.store.audit.listForClinicDay('audit-day', '2025-05-07', { limit: 1, cursor: dayCursor }),
    );
    await expectInvalidCursor(
      t.store.audit.listForClinicDay('audit-other', '2025-05-06', { limit: 1, cursor: dayCursor }),
    );
    await expectInvalidCursor(
      t.store.audit.listForPatient('audit-day', patientB, { limit: 1, cursor: patientCursor }),
    );
    await expectInvalidCursor(
      t.store.audit.listForPatient('audit-day', patientA, { limit: 1, cursor: dayCursor }),
    );
    await expectInvalidCursor(
      t.store.audit.listForClinicDay('audit-day', '2025-05-06', {
        limit: 1,
        cursor: patientCursor,
      }),
    );
  });
});
