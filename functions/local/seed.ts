import { TZDate } from '@date-fns/tz';
import { ulid } from 'ulid';
import type { Language } from '../contracts/common';
import type { Patient } from '../contracts/patients';
import type { InstrumentResponse, ScreeningResult } from '../contracts/screenings';
import { getInstrument } from '../domain/instruments';
import { scoreScreening } from '../domain/screening';
import { defaultTriageRules, triage } from '../domain/triage';
import type { AuditEvent } from '../domain/model';
import type { Store } from '../ports/store';
import { DEMO_NETWORK_ID, demoClinics, demoUsers } from './demo-network';
import { seedDemoRegistry } from './demo-registry';

const SEED_ACTOR = 'system:seed';
const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoVisit {
  daysAgo: number;
  phq9: number;
  gad7: number;
  item9?: number;
}

interface DemoPatient {
  clinicId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sexAtBirth: Patient['sexAtBirth'];
  mrn: string;
  preferredLanguage: Language;
  visits: DemoVisit[];
}

/** Fictional patients whose histories show the registry's typical courses. */
const demoPatients: DemoPatient[] = [
  // Responding to treatment: 18 → 5 over four months.
  {
    clinicId: 'pine-ridge',
    givenName: 'Dale',
    familyName: 'Whitaker',
    dateOfBirth: '1961-04-12',
    sexAtBirth: 'male',
    mrn: 'PR-1001',
    preferredLanguage: 'en',
    visits: [
      { daysAgo: 120, phq9: 18, gad7: 11 },
      { daysAgo: 90, phq9: 14, gad7: 9 },
      { daysAgo: 56, phq9: 9, gad7: 7 },
      { daysAgo: 21, phq9: 5, gad7: 4 },
    ],
  },
  // Not improving at 10 weeks: a psychiatric case review candidate.
  {
    clinicId: 'pine-ridge',
    givenName: 'Marisol',
    familyName: 'García',
    dateOfBirth: '1988-09-30',
    sexAtBirth: 'female',
    mrn: 'PR-1002',
    preferredLanguage: 'es',
    visits: [
      { daysAgo: 70, phq9: 16, gad7: 14 },
      { daysAgo: 42, phq9: 15, gad7: 13 },
      { daysAgo: 14, phq9: 15, gad7: 12 },
    ],
  },
  // Item 9 positive at a moderate total last week.
  {
    clinicId: 'pine-ridge',
    givenName: 'Tyler',
    familyName: 'Brandt',
    dateOfBirth: '1999-02-17',
    sexAtBirth: 'male',
    mrn: 'PR-1003',
    preferredLanguage: 'en',
    visits: [{ daysAgo: 7, phq9: 12, gad7: 8, item9: 1 }],
  },
  {
    clinicId: 'pine-ridge',
    givenName: 'Evelyn',
    familyName: 'Moore',
    dateOfBirth: '1947-11-03',
    sexAtBirth: 'female',
    mrn: 'PR-1004',
    preferredLanguage: 'en',
    visits: [
      { daysAgo: 200, phq9: 6, gad7: 3 },
      { daysAgo: 30, phq9: 3, gad7: 2 },
    ],
  },
  // Sage Valley.
  {
    clinicId: 'sage-valley',
    givenName: 'Rosa',
    familyName: 'Delgado',
    dateOfBirth: '1975-06-21',
    sexAtBirth: 'female',
    mrn: 'SV-2001',
    preferredLanguage: 'es',
    visits: [
      { daysAgo: 63, phq9: 13, gad7: 16 },
      { daysAgo: 35, phq9: 10, gad7: 12 },
      { daysAgo: 7, phq9: 7, gad7: 8 },
    ],
  },
  {
    clinicId: 'sage-valley',
    givenName: 'Wade',
    familyName: 'Hollister',
    dateOfBirth: '1969-01-08',
    sexAtBirth: 'male',
    mrn: 'SV-2002',
    preferredLanguage: 'en',
    visits: [
      { daysAgo: 84, phq9: 21, gad7: 15 },
      { daysAgo: 56, phq9: 19, gad7: 14 },
      { daysAgo: 28, phq9: 17, gad7: 15 },
    ],
  },
  {
    clinicId: 'sage-valley',
    givenName: 'Nora',
    familyName: 'Pike',
    dateOfBirth: '2003-12-29',
    sexAtBirth: 'female',
    mrn: 'SV-2003',
    preferredLanguage: 'en',
    visits: [{ daysAgo: 3, phq9: 11, gad7: 13 }],
  },
  {
    clinicId: 'sage-valley',
    givenName: 'Hector',
    familyName: 'Ybarra',
    dateOfBirth: '1956-05-14',
    sexAtBirth: 'male',
    mrn: 'SV-2004',
    preferredLanguage: 'es',
    visits: [{ daysAgo: 150, phq9: 8, gad7: 6 }],
  },
  // Prairie Creek (America/Chicago).
  {
    clinicId: 'prairie-creek',
    givenName: 'June',
    familyName: 'Albrecht',
    dateOfBirth: '1982-03-19',
    sexAtBirth: 'female',
    mrn: 'PC-3001',
    preferredLanguage: 'en',
    visits: [
      { daysAgo: 98, phq9: 17, gad7: 10 },
      { daysAgo: 70, phq9: 12, gad7: 9 },
      { daysAgo: 42, phq9: 8, gad7: 6 },
      { daysAgo: 14, phq9: 4, gad7: 3 },
    ],
  },
  {
    clinicId: 'prairie-creek',
    givenName: 'Cody',
    familyName: 'Running Bear',
    dateOfBirth: '1994-07-02',
    sexAtBirth: 'male',
    mrn: 'PC-3002',
    preferredLanguage: 'en',
    visits: [{ daysAgo: 1, phq9: 22, gad7: 17, item9: 2 }],
  },
  {
    clinicId: 'prairie-creek',
    givenName: 'Lucía',
    familyName: 'Navarro',
    dateOfBirth: '1990-10-10',
    sexAtBirth: 'female',
    mrn: 'PC-3003',
    preferredLanguage: 'es',
    visits: [
      { daysAgo: 49, phq9: 14, gad7: 11 },
      { daysAgo: 21, phq9: 13, gad7: 10 },
    ],
  },
  {
    clinicId: 'prairie-creek',
    givenName: 'Arnold',
    familyName: 'Fenske',
    dateOfBirth: '1950-08-25',
    sexAtBirth: 'male',
    mrn: 'PC-3004',
    preferredLanguage: 'en',
    visits: [{ daysAgo: 365, phq9: 2, gad7: 1 }],
  },
];

const clinicZone = (clinicId: string) =>
  demoClinics.find((clinic) => clinic.clinicId === clinicId)?.timeZone ?? 'UTC';

/** 10:00 in the clinic's own zone, daysAgo days before now: visits happen in clinic hours. */
const clinicMorning = (now: Date, daysAgo: number, timeZone: string): Date => {
  const day = new TZDate(now.getTime() - daysAgo * DAY_MS, timeZone);
  return new Date(
    new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 10, 0, 0, timeZone).getTime(),
  );
};

/** Spreads a total over items as evenly as each item's 0–3 range allows (item 9 set apart). */
const spread = (total: number, itemCount: number): number[] => {
  const answers = Array.from({ length: itemCount }, () => 0);
  for (let left = total, i = 0; left > 0; i = (i + 1) % itemCount) {
    if ((answers[i] ?? 0) < 3) {
      answers[i] = (answers[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return answers;
};

const responsesFor = (visit: DemoVisit): InstrumentResponse[] => {
  const item9 = visit.item9 ?? 0;
  return [
    { instrument: 'PHQ9', answers: [...spread(visit.phq9 - item9, 8), item9] },
    { instrument: 'GAD7', answers: spread(visit.gad7, 7) },
  ];
};

const seedAudit = (
  clinicId: string,
  at: Date,
  action: string,
  patientId: string,
  resourceId: string,
): AuditEvent => ({
  eventId: ulid(at.getTime()),
  at: at.toISOString(),
  actorId: SEED_ACTOR,
  clinicId,
  patientId,
  action,
  resourceType: action.startsWith('patient') ? 'patient' : 'screening',
  resourceId,
  outcome: 'success',
});

/**
 * Seeds the demo network once. A persisted database that already has it is left alone, so
 * `npm start -- --persist` keeps what was done in earlier runs.
 */
export const seedDemoNetwork = async (store: Store, now = new Date()): Promise<boolean> => {
  if (await store.clinics.get(demoClinics[0]?.clinicId ?? '')) return false;
  const createdAt = new Date(now.getTime() - 400 * DAY_MS).toISOString();

  for (const clinic of demoClinics) {
    await store.clinics.put({
      ...clinic,
      networkId: DEMO_NETWORK_ID,
      triageRuleVersion: 1,
      createdAt,
    });
    const rules = defaultTriageRules({
      clinicId: clinic.clinicId,
      createdAt,
      createdBy: SEED_ACTOR,
    });
    // The clinic record names version 1 before it exists; publishing stores exactly that version.
    await store.clinics.publishTriageRules(rules, 1);
  }
  for (const demoUser of demoUsers) {
    await store.users.put({
      userId: demoUser.userId,
      displayName: demoUser.displayName,
      email: demoUser.email,
      createdAt,
      ...(demoUser.npi ? { npi: demoUser.npi } : {}),
    });
    for (const membership of demoUser.memberships) {
      await store.memberships.put({ userId: demoUser.userId, createdAt, ...membership });
    }
  }
  for (const demo of demoPatients) {
    const firstVisit = Math.max(...demo.visits.map((v) => v.daysAgo));
    const registeredAt = new Date(now.getTime() - (firstVisit + 1) * DAY_MS);
    const { visits, ...identity } = demo;
    const patient: Patient = {
      ...identity,
      patientId: ulid(registeredAt.getTime()),
      createdAt: registeredAt.toISOString(),
      createdBy: SEED_ACTOR,
    };
    await store.patients.create(
      patient,
      seedAudit(
        demo.clinicId,
        registeredAt,
        'patient.create',
        patient.patientId,
        patient.patientId,
      ),
    );
    const rules = await store.clinics.getTriageRules(demo.clinicId, 1);
    if (!rules) throw new Error(`seed: clinic ${demo.clinicId} has no rules`);
    for (const visit of [...visits].sort((a, b) => b.daysAgo - a.daysAgo)) {
      const at = clinicMorning(now, visit.daysAgo, clinicZone(demo.clinicId));
      // Spanish-preferring patients read English until every instrument carries the official Spanish.
      const language = (['PHQ9', 'GAD7'] as const).every((id) =>
        getInstrument(id).languages.includes(demo.preferredLanguage),
      )
        ? demo.preferredLanguage
        : 'en';
      const scores = scoreScreening({ language, responses: responsesFor(visit) });
      const decision = triage(scores, rules);
      const result: ScreeningResult = {
        screeningId: ulid(at.getTime()),
        clinicId: demo.clinicId,
        patientId: patient.patientId,
        language,
        completedAt: at.toISOString(),
        submittedBy: SEED_ACTOR,
        scores,
        flags: decision.flags,
        disposition: decision.disposition,
        triageRuleVersion: rules.version,
        triageInputs: decision.inputs,
      };
      await store.screenings.create(
        result,
        `${patient.familyName}, ${patient.givenName}`,
        seedAudit(demo.clinicId, at, 'screening.create', patient.patientId, result.screeningId),
      );
    }
  }
  await seedDemoRegistry(store, now);
  return true;
};
