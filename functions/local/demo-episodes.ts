/**
 * The demo registry's patients: who is enrolled, with which BCM, and the course of their care
 * (contacts, psychiatric reviews, requests, relapse plan, discharge), in days before the seed runs.
 * Each is chosen to show one of the caseload's flags; demo-registry.ts turns them into episodes.
 */
import type { ClinicId } from '../contracts/common';
import type {
  DischargeReason,
  Diagnosis,
  Episode,
  Recommendation,
  TreatmentModality,
} from '../contracts/registry';

export type ContactKind = 'call' | 'video' | 'visit' | 'outreach' | 'registry_review';
export type RecKind = Recommendation['kind'];

/** [days ago, kind, minutes]; a negative "days ago" means that many hours ago today. */
export type DemoContact = [number, ContactKind, number];

export interface DemoReview {
  daysAgo: number;
  minutes: number;
  summary: string;
  recommendations?: {
    kind: RecKind;
    text: string;
    /** Days after the review the PCP acknowledged / resolved it. */
    acknowledgedAfter?: number;
    resolved?: { after: number; outcome: 'implemented' | 'declined'; reason?: string };
  }[];
}

export interface DemoEpisode {
  mrn: string;
  clinicId: ClinicId;
  bcm: string;
  /** Local hour (Denver clock) of this patient's contacts and reviews. */
  slotHour: number;
  referredDaysAgo: number;
  diagnoses: Diagnosis[];
  target: string;
  modality: TreatmentModality[];
  medications: Episode['medications'];
  contacts: DemoContact[];
  reviews: DemoReview[];
  reviewRequest?: { daysAgo: number; question: string };
  relapsePlanDaysAgo?: number;
  discharge?: { daysAgo: number; reason: DischargeReason; note: string };
  /** The flags the caseload should show for this patient today (checked by the seed test). */
  expectFlags: string[];
}

const F32_1 = { code: 'F32.1', label: 'Major depressive disorder, single episode, moderate' };
const F33_1 = { code: 'F33.1', label: 'Major depressive disorder, recurrent, moderate' };
const F33_0 = { code: 'F33.0', label: 'Major depressive disorder, recurrent, mild' };
const F41_1 = { code: 'F41.1', label: 'Generalized anxiety disorder' };
const F32_2 = { code: 'F32.2', label: 'Major depressive disorder, single episode, severe' };

/** Weekly sessions, counting back from `fromDaysAgo` (the last `count` of them). */
const weekly = (fromDaysAgo: number, count: number, minutes: number): DemoContact[] =>
  Array.from({ length: count }, (_, i): DemoContact => [
    fromDaysAgo + 7 * i,
    i % 2 === 0 ? 'video' : 'visit',
    minutes,
  ]);

export const demoEpisodes: DemoEpisode[] = [
  {
    // Responding (18 → 5) with no relapse-prevention plan yet.
    mrn: 'PR-1001',
    clinicId: 'pine-ridge',
    bcm: 'bcm.reyes',
    slotHour: 8,
    referredDaysAgo: 120,
    diagnoses: [F32_1],
    target: 'PHQ-9 below 5; back to full shifts at the feed store',
    modality: ['behavioral_activation', 'medication_management'],
    medications: [{ name: 'Sertraline', dose: '100 mg daily' }],
    contacts: [
      [119, 'call', 30],
      [105, 'call', 20],
      [91, 'video', 30],
      [70, 'call', 15],
      [56, 'video', 25],
      [35, 'call', 15],
      [21, 'call', 20],
      [9, 'call', 15],
      [-3, 'registry_review', 10],
    ],
    reviews: [
      {
        daysAgo: 100,
        minutes: 15,
        summary: 'Moderate depression, first episode; no prior trials.',
        recommendations: [
          {
            kind: 'medication_change',
            text: 'Start sertraline 50 mg daily; increase to 100 mg after 2 weeks if tolerated.',
            acknowledgedAfter: 1,
            resolved: { after: 2, outcome: 'implemented' },
          },
        ],
      },
      { daysAgo: 50, minutes: 10, summary: 'Responding; continue.' },
    ],
    expectFlags: ['relapse_plan_due'],
  },
  {
    // Not improving at 10 weeks; the BCM has asked for a review.
    mrn: 'PR-1002',
    clinicId: 'pine-ridge',
    bcm: 'bcm.reyes',
    slotHour: 9,
    referredDaysAgo: 70,
    diagnoses: [F33_1, F41_1],
    target: 'PHQ-9 below 10 and sleeping through the night',
    modality: ['problem_solving_therapy'],
    medications: [{ name: 'Escitalopram', dose: '10 mg daily' }],
    contacts: [
      [69, 'call', 30],
      [55, 'video', 30],
      [41, 'call', 20],
      [27, 'video', 30],
      [13, 'call', 20],
      [5, 'call', 15],
    ],
    reviews: [
      {
        daysAgo: 50,
        minutes: 15,
        summary: 'Recurrent depression with anxiety; partial response to escitalopram before.',
        recommendations: [
          {
            kind: 'medication_change',
            text: 'Increase escitalopram to 20 mg daily; recheck PHQ-9 in 4 weeks.',
            acknowledgedAfter: 3,
          },
        ],
      },
    ],
    reviewRequest: {
      daysAgo: 2,
      question: 'Still PHQ-9 15 after 10 weeks on escitalopram 20 mg: switch, or augment?',
    },
    expectFlags: ['not_improving', 'review_requested'],
  },
  {
    // Item 9 positive at enrolment last week.
    mrn: 'PR-1003',
    clinicId: 'pine-ridge',
    bcm: 'bcm.reyes',
    slotHour: 10,
    referredDaysAgo: 7,
    diagnoses: [F32_1],
    target: 'Safety plan in place; PHQ-9 below 10',
    modality: ['psychoeducation'],
    medications: [],
    contacts: [[6, 'call', 25]],
    reviews: [],
    expectFlags: ['safety', 'new'],
  },
  {
    // No service for more than six months: may be discharged as lapsed.
    mrn: 'PR-1004',
    clinicId: 'pine-ridge',
    bcm: 'bcm.reyes',
    slotHour: 11,
    referredDaysAgo: 200,
    diagnoses: [F33_0],
    target: 'Stay in remission through the winter',
    modality: ['behavioral_activation'],
    medications: [],
    contacts: [
      [199, 'call', 20],
      [190, 'call', 15],
    ],
    reviews: [{ daysAgo: 196, minutes: 10, summary: 'Mild recurrent depression; watchful.' }],
    expectFlags: ['contact_overdue', 'relapse_plan_due', 'lapsed'],
  },
  {
    // Sage Valley's not-improving patient: 21 → 17 over 12 weeks.
    mrn: 'SV-2002',
    clinicId: 'sage-valley',
    bcm: 'bcm.reyes',
    slotHour: 12,
    referredDaysAgo: 84,
    diagnoses: [F32_2],
    target: 'PHQ-9 below 10; return to work',
    modality: ['behavioral_activation', 'medication_management'],
    medications: [{ name: 'Sertraline', dose: '100 mg daily' }],
    contacts: [
      [83, 'call', 30],
      [70, 'video', 30],
      [56, 'call', 20],
      [42, 'video', 30],
      [28, 'call', 20],
      [8, 'call', 15],
      [-2, 'call', 10],
    ],
    reviews: [
      {
        daysAgo: 56,
        minutes: 15,
        summary: 'Severe depression; add structured activation.',
        recommendations: [
          {
            kind: 'therapy_change',
            text: 'Add behavioral activation with weekly activity scheduling.',
            acknowledgedAfter: 2,
            resolved: { after: 6, outcome: 'implemented' },
          },
        ],
      },
      {
        daysAgo: 4,
        minutes: 20,
        summary: 'Not improving at 12 weeks on sertraline 100 mg.',
        recommendations: [
          {
            kind: 'medication_change',
            text: 'Increase sertraline to 150 mg daily; recheck PHQ-9 in 4 weeks.',
          },
        ],
      },
    ],
    expectFlags: ['not_improving'],
  },
  {
    // Weekly sessions: the next one reaches the clinic's cap of 10.
    mrn: 'SV-2001',
    clinicId: 'sage-valley',
    bcm: 'bcm.reyes',
    slotHour: 13,
    referredDaysAgo: 63,
    diagnoses: [F41_1],
    target: 'GAD-7 below 10; driving to town again',
    modality: ['cbt_brief'],
    medications: [],
    contacts: [[62, 'call', 20], ...weekly(4, 9, 30)],
    reviews: [{ daysAgo: 45, minutes: 10, summary: 'Anxiety-predominant; continue brief CBT.' }],
    expectFlags: ['sessions_near_cap'],
  },
  {
    // Enrolled this week, not yet reviewed by the psychiatrist.
    mrn: 'SV-2003',
    clinicId: 'sage-valley',
    bcm: 'bcm.reyes',
    slotHour: 14,
    referredDaysAgo: 2,
    diagnoses: [F41_1],
    target: 'GAD-7 below 10',
    modality: ['psychoeducation'],
    medications: [],
    contacts: [],
    reviews: [],
    expectFlags: ['new'],
  },
  {
    // Prairie Creek: the last contact was more than 30 days ago (only outreach since).
    mrn: 'PC-3003',
    clinicId: 'prairie-creek',
    bcm: 'bcm.reyes',
    slotHour: 15,
    referredDaysAgo: 49,
    diagnoses: [F32_1],
    target: 'PHQ-9 below 10',
    modality: ['problem_solving_therapy'],
    medications: [],
    contacts: [
      [48, 'call', 30],
      [35, 'video', 30],
      [10, 'outreach', 5],
      [3, 'outreach', 5],
    ],
    reviews: [
      {
        daysAgo: 42,
        minutes: 15,
        summary: 'Trauma history mentioned at intake.',
        recommendations: [
          {
            kind: 'diagnosis_clarification',
            text: 'Screen for PTSD (PC-PTSD-5) at the next visit before adjusting treatment.',
          },
        ],
      },
    ],
    expectFlags: ['contact_overdue'],
  },
  {
    // Remission (17 → 4), relapse plan written, discharged with goals met.
    mrn: 'PC-3001',
    clinicId: 'prairie-creek',
    bcm: 'bcm.reyes',
    slotHour: 16,
    referredDaysAgo: 98,
    diagnoses: [F32_1],
    target: 'PHQ-9 below 5',
    modality: ['behavioral_activation'],
    medications: [{ name: 'Bupropion XL', dose: '150 mg daily' }],
    contacts: [
      [97, 'call', 30],
      [84, 'video', 30],
      [70, 'call', 20],
      [56, 'video', 30],
      [42, 'call', 20],
      [28, 'call', 15],
      [14, 'video', 30],
    ],
    reviews: [{ daysAgo: 80, minutes: 15, summary: 'Start bupropion; activation.' }],
    relapsePlanDaysAgo: 12,
    discharge: { daysAgo: 5, reason: 'goals_met', note: 'Remission sustained; PCP follows.' },
    expectFlags: [],
  },
  {
    // The other BCM's patient: item 9 positive yesterday.
    mrn: 'PC-3002',
    clinicId: 'prairie-creek',
    bcm: 'bcm.whitfield',
    slotHour: 14,
    referredDaysAgo: 1,
    diagnoses: [F32_2],
    target: 'Safety plan in place; PHQ-9 below 10',
    modality: ['psychoeducation'],
    medications: [],
    contacts: [[1, 'visit', 40]],
    reviews: [],
    expectFlags: ['safety', 'new'],
  },
];
