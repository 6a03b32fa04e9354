/** Builders for valid records: each test states only what it is about. */
import { monotonicFactory } from 'ulid';
import { expect } from 'vitest';
import type { Clinic, TriageRuleSet } from '../../../functions/contracts/clinics';
import type { Page } from '../../../functions/contracts/common';
import type { Patient } from '../../../functions/contracts/patients';
import type { ScreeningResult } from '../../../functions/contracts/screenings';
import { DomainError } from '../../../functions/domain/errors';
import type { AuditEvent } from '../../../functions/domain/model';
import type { PageRequest } from '../../../functions/ports/store';

export const newId = monotonicFactory();

export const clinic = (clinicId: string, overrides: Partial<Clinic> = {}): Clinic => ({
  clinicId,
  networkId: 'net-1',
  name: `Clinic ${clinicId}`,
  timeZone: 'America/Denver',
  integrationModel: 'collaborative-care',
  triageRuleVersion: 1,
  createdAt: '2025-01-02T03:04:05.000Z',
  ...overrides,
});

export const rules = (clinicId: string, version: number): TriageRuleSet => ({
  clinicId,
  version,
  phq9: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
  gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
  phq9Item9SafetyFrom: 1,
  offerBhWithinDays: 14,
  urgentWithinHours: 72,
  createdAt: '2025-01-02T03:04:05.000Z',
  createdBy: 'admin-1',
});

export const patient = (clinicId: string, overrides: Partial<Patient> = {}): Patient => ({
  patientId: newId(),
  clinicId,
  givenName: 'Ana',
  familyName: 'Lopez',
  dateOfBirth: '1980-05-06',
  sexAtBirth: 'female',
  preferredLanguage: 'es',
  createdAt: '2025-03-04T10:00:00.000Z',
  createdBy: 'ma-1',
  ...overrides,
});

export const screening = (
  p: Pick<Patient, 'clinicId' | 'patientId'>,
  overrides: Partial<ScreeningResult> = {},
): ScreeningResult => ({
  screeningId: newId(),
  clinicId: p.clinicId,
  patientId: p.patientId,
  language: 'en',
  completedAt: '2025-03-04T10:15:00.000Z',
  submittedBy: 'tablet-1',
  scores: [
    {
      instrument: 'PHQ9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 0],
      total: 8,
      maxTotal: 27,
      band: 'mild',
      bandLabel: 'Mild',
    },
  ],
  flags: [],
  disposition: {
    code: 'pcp_addresses',
    label: 'PCP addresses symptoms',
    urgency: 'routine',
    pcpSafetyStepsNow: false,
    reasons: ['PHQ-9 total 8 ≥ 5'],
  },
  triageRuleVersion: 1,
  triageInputs: { phq9Total: 8, phq9Item9: 0 },
  ...overrides,
});

export const audit = (clinicId: string, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  eventId: newId(),
  at: '2025-03-04T10:00:00.000Z',
  actorId: 'ma-1',
  clinicId,
  action: 'patient.read',
  resourceType: 'patient',
  outcome: 'success',
  ...overrides,
});

/** Follows nextCursor to the end, checking each page respects the limit. */
export const walk = async <T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: number[] }> => {
  const items: T[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor === undefined ? { limit } : { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    pages.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { items, pages };
};

/** Resolves to the DomainError a promise rejected with (fails the test if it resolved or threw something else). */
export const domainError = async (promise: Promise<unknown>): Promise<DomainError> => {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

export const expectInvalidCursor = async (promise: Promise<unknown>) => {
  const error = await domainError(promise);
  expect(error.kind).toBe('validation');
  expect(error.message).toBe('Invalid cursor');
  expect(error.fields).toEqual([
    { field: 'query.cursor', message: 'is not a cursor for this list' },
  ]);
};

/** A cursor re-encoded with one key attribute changed: what a curious client might try. */
export const tamper = (cursor: string, changes: Record<string, string>): string => {
  const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<
    string,
    string
  >;
  return Buffer.from(JSON.stringify({ ...key, ...changes }), 'utf8').toString('base64url');
};
