import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Membership, UserProfile } from '../../../functions/domain/model';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { expectInvalidCursor, tamper, walk } from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const member = (
  userId: string,
  clinicId: string,
  role: Membership['role'],
  room?: string,
): Membership => ({
  userId,
  clinicId,
  role,
  ...(room === undefined ? {} : { room }),
  createdAt: '2025-02-03T04:05:06.000Z',
});

describe('users', () => {
  it('round-trips a profile with and without its optional NPI', async () => {
    const pcp: UserProfile = {
      userId: 'user-pcp',
      displayName: 'Dr. Rivera',
      email: 'rivera@example.org',
      npi: '1234567893',
      createdAt: '2025-01-01T00:00:00.000Z',
    };
    const ma: UserProfile = { ...pcp, userId: 'user-ma', displayName: 'Sam', npi: undefined };
    await t.store.users.put(pcp);
    await t.store.users.put(ma);
    expect(await t.store.users.get('user-pcp')).toEqual(pcp);
    const read = await t.store.users.get('user-ma');
    expect(read).toEqual({
      userId: 'user-ma',
      displayName: 'Sam',
      email: pcp.email,
      createdAt: pcp.createdAt,
    });
    expect(read).not.toHaveProperty('npi');
    expect(await t.store.users.get('nobody')).toBeUndefined();
  });
});

describe('memberships', () => {
  it("lists every clinic and role a user holds in one Query, and nobody else's", async () => {
    const mine = [
      member('bcm-1', 'alpha-clinic', 'bcm'),
      member('bcm-1', 'beta-clinic', 'admin'),
      member('bcm-1', 'beta-clinic', 'bcm'),
      member('bcm-1', 'gamma-clinic', 'bcm'),
    ];
    for (const m of mine) await t.store.memberships.put(m);
    await t.store.memberships.put(member('bcm-10', 'alpha-clinic', 'bcm'));
    await t.store.memberships.put(member('tablet-1', 'alpha-clinic', 'tablet', 'Exam 2'));

    t.requests.reset();
    const listed = await t.store.memberships.listForUser('bcm-1');
    expect(t.requests.commands).toEqual(['QueryCommand']);
    expect(listed).toEqual(mine); // by clinic, then role

    expect(await t.store.memberships.listForUser('tablet-1')).toEqual([
      member('tablet-1', 'alpha-clinic', 'tablet', 'Exam 2'),
    ]);
    expect(await t.store.memberships.listForUser('unknown-user')).toEqual([]);
  });

  it('lists a clinic’s staff by role in pages, with no duplicates or gaps', async () => {
    const staff = [
      ...Array.from({ length: 5 }, (_, i) => member(`pcp-${i}`, 'staff-clinic', 'pcp')),
      ...Array.from({ length: 4 }, (_, i) => member(`ma-${i}`, 'staff-clinic', 'ma')),
      member('bcm-9', 'staff-clinic', 'bcm'),
    ];
    for (const m of staff) await t.store.memberships.put(m);
    await t.store.memberships.put(member('pcp-0', 'other-clinic', 'pcp'));

    const { items, pages } = await walk(
      (page) => t.store.memberships.listForClinic('staff-clinic', page),
      4,
    );
    expect(pages).toEqual([4, 4, 2]);
    const sortKey = (m: Membership) => `${m.role}#${m.userId}`;
    const byRoleThenUser = [...staff].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    expect(items).toEqual(byRoleThenUser);
  });

  it("rejects a cursor from another clinic's staff list", async () => {
    await t.store.memberships.put(member('u-1', 'cursor-a', 'pcp'));
    await t.store.memberships.put(member('u-2', 'cursor-a', 'pcp'));
    await t.store.memberships.put(member('u-3', 'cursor-b', 'pcp'));
    const page = await t.store.memberships.listForClinic('cursor-a', { limit: 1 });
    const cursor = page.nextCursor ?? '';
    expect(cursor).not.toBe('');
    await expectInvalidCursor(t.store.memberships.listForClinic('cursor-b', { limit: 1, cursor }));
    await expectInvalidCursor(
      t.store.memberships.listForClinic('cursor-b', {
        limit: 1,
        cursor: tamper(cursor, { gsi1pk: 'CLINIC#cursor-b#PATIENTS' }),
      }),
    );
  });

  it('removes exactly one membership, from both lists', async () => {
    await t.store.memberships.put(member('leaver', 'remove-clinic', 'pcp'));
    await t.store.memberships.put(member('leaver', 'remove-clinic', 'admin'));
    await t.store.memberships.remove('leaver', 'remove-clinic', 'pcp');

    expect(await t.store.memberships.listForUser('leaver')).toEqual([
      member('leaver', 'remove-clinic', 'admin'),
    ]);
    const staff = await t.store.memberships.listForClinic('remove-clinic', { limit: 10 });
    expect(staff).toEqual({ items: [member('leaver', 'remove-clinic', 'admin')] });
  });

  it('replaces a membership put twice instead of duplicating it', async () => {
    await t.store.memberships.put(member('tablet-2', 'room-clinic', 'tablet', 'Exam 1'));
    await t.store.memberships.put(member('tablet-2', 'room-clinic', 'tablet', 'Exam 3'));
    expect(await t.store.memberships.listForUser('tablet-2')).toEqual([
      member('tablet-2', 'room-clinic', 'tablet', 'Exam 3'),
    ]);
  });
});
