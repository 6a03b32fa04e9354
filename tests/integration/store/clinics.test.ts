import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { clinic, domainError, expectInvalidCursor, rules, tamper, walk } from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

describe('clinics', () => {
  it('round-trips a clinic, returning only its own fields', async () => {
    const c = clinic('pine-ridge');
    await t.store.clinics.put(c);
    expect(await t.store.clinics.get('pine-ridge')).toEqual(c);
    expect(await t.store.clinics.get('no-such-clinic')).toBeUndefined();
  });

  it('stores the clinic id and an entity tag on the item itself', async () => {
    await t.store.clinics.put(clinic('tagged-clinic'));
    const { Item } = await t.client.send(
      new GetCommand({ TableName: t.tableName, Key: { pk: 'CLINIC#tagged-clinic', sk: 'CLINIC' } }),
    );
    expect(Item).toMatchObject({ clinicId: 'tagged-clinic', entity: 'clinic' });
  });

  it('refuses to return a stored item of the wrong shape', async () => {
    await t.client.send(
      new PutCommand({
        TableName: t.tableName,
        Item: {
          pk: 'CLINIC#broken-clinic',
          sk: 'CLINIC',
          entity: 'clinic',
          clinicId: 'broken-clinic',
        },
      }),
    );
    await expect(t.store.clinics.get('broken-clinic')).rejects.toThrow(
      /Stored clinic item is malformed/,
    );
  });

  it('lists a network in pages, no duplicates and no gaps, and not other networks', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `north-${i}`);
    for (const id of ids) await t.store.clinics.put(clinic(id, { networkId: 'north' }));
    await t.store.clinics.put(clinic('south-0', { networkId: 'south' }));

    const { items, pages } = await walk((page) => t.store.clinics.listByNetwork('north', page), 3);
    expect(pages).toEqual([3, 3, 1]);
    expect(items.map((c) => c.clinicId)).toEqual(ids);
  });

  it('rejects a malformed, tampered or foreign cursor as a validation error', async () => {
    for (const id of ['east-0', 'east-1', 'east-2']) {
      await t.store.clinics.put(clinic(id, { networkId: 'east' }));
    }
    const first = await t.store.clinics.listByNetwork('east', { limit: 1 });
    const cursor = first.nextCursor ?? '';
    expect(cursor).not.toBe('');

    await expectInvalidCursor(
      t.store.clinics.listByNetwork('east', { limit: 1, cursor: 'not-a-cursor' }),
    );
    await expectInvalidCursor(t.store.clinics.listByNetwork('east', { limit: 1, cursor: '' }));
    await expectInvalidCursor(
      t.store.clinics.listByNetwork('east', {
        limit: 1,
        cursor: Buffer.from('[1,2]').toString('base64url'),
      }),
    );
    await expectInvalidCursor(t.store.clinics.listByNetwork('north', { limit: 1, cursor }));
    await expectInvalidCursor(
      t.store.clinics.listByNetwork('east', {
        limit: 1,
        cursor: tamper(cursor, { gsi1pk: 'NETWORK#north#CLINICS' }),
      }),
    );
    await expectInvalidCursor(
      t.store.clinics.listByNetwork('east', { limit: 1, cursor: tamper(cursor, { extra: 'x' }) }),
    );
  });

  it('rejects a page size outside 1..100', async () => {
    const error = await domainError(t.store.clinics.listByNetwork('east', { limit: 0 }));
    expect(error.kind).toBe('validation');
    expect(error.fields[0]?.field).toBe('query.limit');
  });
});

describe('triage rules', () => {
  it('stores the version a newly set-up clinic names (expected null or its own version)', async () => {
    await t.store.clinics.put(clinic('rules-a'));
    await t.store.clinics.publishTriageRules(rules('rules-a', 1), null);
    expect(await t.store.clinics.getTriageRules('rules-a', 1)).toEqual(rules('rules-a', 1));

    // The seed's path: the clinic names version 1, which is then published with expected 1.
    await t.store.clinics.put(clinic('rules-b'));
    await t.store.clinics.publishTriageRules(rules('rules-b', 1), 1);
    expect(await t.store.clinics.getTriageRules('rules-b', 1)).toEqual(rules('rules-b', 1));
  });

  it('publishes a new version and makes it current; a version is never published twice', async () => {
    await t.store.clinics.put(clinic('rules-c'));
    await t.store.clinics.publishTriageRules(rules('rules-c', 1), null);
    await t.store.clinics.publishTriageRules(rules('rules-c', 2), 1);
    expect((await t.store.clinics.get('rules-c'))?.triageRuleVersion).toBe(2);
    expect(await t.store.clinics.getTriageRules('rules-c', 1)).toEqual(rules('rules-c', 1));
    expect(await t.store.clinics.getTriageRules('rules-c', 3)).toBeUndefined();

    expect(
      (await domainError(t.store.clinics.publishTriageRules(rules('rules-c', 2), 2))).kind,
    ).toBe('conflict');
    expect(
      (await domainError(t.store.clinics.publishTriageRules(rules('rules-c', 1), null))).kind,
    ).toBe('conflict');
  });

  it('rejects a publish from a stale version and leaves everything as it was', async () => {
    await t.store.clinics.put(clinic('rules-d'));
    await t.store.clinics.publishTriageRules(rules('rules-d', 1), null);
    await t.store.clinics.publishTriageRules(rules('rules-d', 2), 1);

    const error = await domainError(t.store.clinics.publishTriageRules(rules('rules-d', 3), 1));
    expect(error.kind).toBe('conflict');
    expect((await t.store.clinics.get('rules-d'))?.triageRuleVersion).toBe(2);
    expect(await t.store.clinics.getTriageRules('rules-d', 3)).toBeUndefined();
  });

  it('answers not found for a clinic that does not exist, and creates nothing', async () => {
    const error = await domainError(
      t.store.clinics.publishTriageRules(rules('ghost-clinic', 1), null),
    );
    expect(error.kind).toBe('not_found');
    expect(await t.store.clinics.getTriageRules('ghost-clinic', 1)).toBeUndefined();
    expect(await t.store.clinics.get('ghost-clinic')).toBeUndefined();
  });

  it('lets exactly one of two concurrent publishes from the same version win', async () => {
    for (const [clinicId, versions] of [
      ['race-same', [2, 2]],
      ['race-diff', [2, 3]],
    ] as const) {
      await t.store.clinics.put(clinic(clinicId));
      await t.store.clinics.publishTriageRules(rules(clinicId, 1), null);

      const outcomes = await Promise.allSettled(
        versions.map((v) => t.store.clinics.publishTriageRules(rules(clinicId, v), 1)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ name: 'DomainError', kind: 'conflict' });

      const current = (await t.store.clinics.get(clinicId))?.triageRuleVersion ?? 0;
      expect(versions).toContain(current);
      expect(await t.store.clinics.getTriageRules(clinicId, current)).toEqual(
        rules(clinicId, current),
      );
      if (versions[0] !== versions[1]) {
        const loser = versions.find((v) => v !== current) ?? 0;
        expect(await t.store.clinics.getTriageRules(clinicId, loser)).toBeUndefined();
      }
    }
  });
});
