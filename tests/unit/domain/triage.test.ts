import { describe, expect, it } from 'vitest';
import type { TriageRuleSet } from '../../../functions/contracts/clinics';
import {
  Disposition,
  Flag,
  type DispositionCode,
  type InstrumentScore,
} from '../../../functions/contracts/screenings';
import { triage } from '../../../functions/domain/triage/triage';
import { gad7Score, phq9Score, rulesWith } from './fixtures';

interface Case {
  name: string;
  scores: () => InstrumentScore[];
  rules?: Partial<TriageRuleSet>;
  code: DispositionCode;
  flags: string[];
  days?: number;
  hours?: number;
  safety?: boolean;
}

const urgencyOf = {
  none: 'routine',
  pcp_addresses: 'routine',
  offer_bh: 'soon',
  warm_handoff_today: 'urgent',
};
const custom = { pcpAddressesFrom: 3, offerBhFrom: 6, warmHandoffFrom: 9 };

const cases: Case[] = [
  // PHQ-9 alone, default thresholds 5 / 10 / 15.
  { name: 'PHQ-9 0', scores: () => [phq9Score(0)], code: 'none', flags: [] },
  { name: 'PHQ-9 4', scores: () => [phq9Score(4)], code: 'none', flags: [] },
  { name: 'PHQ-9 5', scores: () => [phq9Score(5)], code: 'pcp_addresses', flags: [] },
  { name: 'PHQ-9 9', scores: () => [phq9Score(9)], code: 'pcp_addresses', flags: [] },
  {
    name: 'PHQ-9 10',
    scores: () => [phq9Score(10)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 14,
  },
  {
    name: 'PHQ-9 14',
    scores: () => [phq9Score(14)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 14,
  },
  {
    name: 'PHQ-9 15',
    scores: () => [phq9Score(15)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'PHQ-9 19',
    scores: () => [phq9Score(19)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'PHQ-9 20',
    scores: () => [phq9Score(20)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'PHQ-9 27 (item 9 = 3)',
    scores: () => [phq9Score(27, 3)],
    code: 'warm_handoff_today',
    flags: ['safety_item9', 'bh_review_needed'],
    hours: 72,
    safety: true,
  },
  // Item 9 is a safety signal whatever the total.
  { name: 'PHQ-9 4, item 9 = 0', scores: () => [phq9Score(4, 0)], code: 'none', flags: [] },
  {
    name: 'PHQ-9 1, item 9 = 1',
    scores: () => [phq9Score(1, 1)],
    code: 'warm_handoff_today',
    flags: ['safety_item9'],
    hours: 72,
    safety: true,
  },
  {
    name: 'PHQ-9 7, item 9 = 1',
    scores: () => [phq9Score(7, 1)],
    code: 'warm_handoff_today',
    flags: ['safety_item9'],
    hours: 72,
    safety: true,
  },
  {
    name: 'PHQ-9 12, item 9 = 2',
    scores: () => [phq9Score(12, 2)],
    code: 'warm_handoff_today',
    flags: ['safety_item9', 'bh_review_needed'],
    hours: 72,
    safety: true,
  },
  // GAD-7 alone has the same shape.
  { name: 'GAD-7 4', scores: () => [gad7Score(4)], code: 'none', flags: [] },
  { name: 'GAD-7 5', scores: () => [gad7Score(5)], code: 'pcp_addresses', flags: [] },
  { name: 'GAD-7 9', scores: () => [gad7Score(9)], code: 'pcp_addresses', flags: [] },
  {
    name: 'GAD-7 10',
    scores: () => [gad7Score(10)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 14,
  },
  {
    name: 'GAD-7 14',
    scores: () => [gad7Score(14)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 14,
  },
  {
    name: 'GAD-7 15',
    scores: () => [gad7Score(15)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'GAD-7 21',
    scores: () => [gad7Score(21)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  // Combined: the most urgent wins.
  {
    name: 'PHQ-9 3 + GAD-7 3',
    scores: () => [phq9Score(3), gad7Score(3)],
    code: 'none',
    flags: [],
  },
  {
    name: 'PHQ-9 7 + GAD-7 12',
    scores: () => [phq9Score(7), gad7Score(12)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 14,
  },
  {
    name: 'PHQ-9 16 + GAD-7 3',
    scores: () => [phq9Score(16), gad7Score(3)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'PHQ-9 2 item 9 = 1 + GAD-7 11',
    scores: () => [phq9Score(2, 1), gad7Score(11)],
    code: 'warm_handoff_today',
    flags: ['safety_item9', 'bh_review_needed'],
    hours: 72,
    safety: true,
  },
  // Clinic thresholds change the outcome.
  {
    name: 'custom 3/6/9: PHQ-9 2',
    rules: { phq9: custom },
    scores: () => [phq9Score(2)],
    code: 'none',
    flags: [],
  },
  {
    name: 'custom 3/6/9: PHQ-9 4',
    rules: { phq9: custom },
    scores: () => [phq9Score(4)],
    code: 'pcp_addresses',
    flags: [],
  },
  {
    name: 'custom 3/6/9: PHQ-9 8, 7 days',
    rules: { phq9: custom, offerBhWithinDays: 7 },
    scores: () => [phq9Score(8)],
    code: 'offer_bh',
    flags: ['bh_review_needed'],
    days: 7,
  },
  {
    name: 'custom 3/6/9: PHQ-9 9, 48 h',
    rules: { phq9: custom, urgentWithinHours: 48 },
    scores: () => [phq9Score(9)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 48,
  },
  {
    name: 'custom PHQ-9 only: GAD-7 9 keeps defaults',
    rules: { phq9: custom },
    scores: () => [gad7Score(9)],
    code: 'pcp_addresses',
    flags: [],
  },
  {
    name: 'custom GAD-7 3/6/9: GAD-7 9',
    rules: { gad7: custom },
    scores: () => [gad7Score(9)],
    code: 'warm_handoff_today',
    flags: ['bh_review_needed'],
    hours: 72,
  },
  {
    name: 'item 9 from 2: answered 1',
    rules: { phq9Item9SafetyFrom: 2 },
    scores: () => [phq9Score(1, 1)],
    code: 'none',
    flags: [],
  },
  {
    name: 'item 9 from 2: answered 2',
    rules: { phq9Item9SafetyFrom: 2 },
    scores: () => [phq9Score(2, 2)],
    code: 'warm_handoff_today',
    flags: ['safety_item9'],
    hours: 72,
    safety: true,
  },
];

describe('triage disposition table', () => {
  it.each(cases)('$name → $code', (c) => {
    const { flags, disposition } = triage(c.scores(), rulesWith(c.rules));
    expect(disposition.code).toBe(c.code);
    expect(disposition.urgency).toBe(urgencyOf[c.code]);
    expect(flags.map((flag) => flag.code)).toEqual(c.flags);
    expect(disposition.followUpWithinDays).toBe(c.days);
    expect(disposition.followUpWithinHours).toBe(c.hours);
    expect(disposition.pcpSafetyStepsNow).toBe(c.safety ?? false);
    expect(() => Disposition.parse(disposition)).not.toThrow();
    for (const flag of flags) expect(() => Flag.parse(flag)).not.toThrow();
  });
});

describe('triage explanations', () => {
  it('none still gives one reason, naming score and threshold', () => {
    expect(triage([phq9Score(3)], rulesWith()).disposition).toEqual({
      code: 'none',
      label: 'Continue routine care',
      urgency: 'routine',
      pcpSafetyStepsNow: false,
      reasons: [
        "PHQ-9 total 3 is below the clinic's threshold of 5: no follow-up needed for this score",
      ],
    });
  });

  it('offer_bh names the clinic range and the visit window', () => {
    expect(triage([phq9Score(12)], rulesWith()).disposition).toEqual({
      code: 'offer_bh',
      label: 'Offer behavioral health (visit within 14 days)',
      urgency: 'soon',
      followUpWithinDays: 14,
      pcpSafetyStepsNow: false,
      reasons: [
        "PHQ-9 total 12 is in the clinic's 10–14 range: offer behavioral health, visit within 14 days",
      ],
    });
  });

  it('pcp_addresses says no automatic referral', () => {
    expect(triage([gad7Score(6)], rulesWith()).disposition.reasons).toEqual([
      "GAD-7 total 6 is in the clinic's 5–9 range: address symptoms in primary care, no automatic behavioral health referral",
    ]);
  });

  it('a positive item 9 with a low total lists the safety rule first, then every total', () => {
    const result = triage([phq9Score(2, 1), gad7Score(6)], rulesWith());
    expect(result.disposition).toEqual({
      code: 'warm_handoff_today',
      label: 'Warm handoff to behavioral health today',
      urgency: 'urgent',
      followUpWithinHours: 72,
      pcpSafetyStepsNow: true,
      reasons: [
        'PHQ-9 item 9 (thoughts of self-harm) answered 1: safety flag (clinic threshold 1); address safety now and warm handoff to behavioral health today',
        "GAD-7 total 6 is in the clinic's 5–9 range: address symptoms in primary care, no automatic behavioral health referral",
        "PHQ-9 total 2 is below the clinic's threshold of 5: no follow-up needed for this score",
      ],
    });
    expect(result.flags).toEqual([
      {
        code: 'safety_item9',
        severity: 'critical',
        message:
          'PHQ-9 item 9 answered 1: assess suicide risk now (C-SSRS screener) before the patient leaves',
      },
    ]);
  });

  it('a high total names the urgent fallback window', () => {
    expect(
      triage([phq9Score(16)], rulesWith({ urgentWithinHours: 48 })).disposition.reasons,
    ).toEqual([
      "PHQ-9 total 16 is at or above the clinic's threshold of 15: warm handoff to behavioral health today, or a visit within 48 hours if no care manager is available",
    ]);
  });

  it('one BH-review flag names every instrument at or above its offer threshold', () => {
    expect(triage([phq9Score(11), gad7Score(17)], rulesWith()).flags).toEqual([
      {
        code: 'bh_review_needed',
        severity: 'warning',
        message:
          'Behavioral health review needed: PHQ-9 total 11 (clinic threshold 10); GAD-7 total 17 (clinic threshold 10)',
      },
    ]);
  });

  it('an empty screening is none, with a reason', () => {
    const result = triage([], rulesWith());
    expect(result.disposition.code).toBe('none');
    expect(result.disposition.reasons).toEqual(['No instrument with triage rules was scored']);
    expect(result.inputs).toEqual({});
  });
});

describe('triage inputs', () => {
  it('records the numbers it looked at, only for instruments present', () => {
    expect(triage([phq9Score(9, 2)], rulesWith()).inputs).toEqual({ phq9Total: 9, phq9Item9: 2 });
    expect(triage([gad7Score(8)], rulesWith()).inputs).toEqual({ gad7Total: 8 });
    expect(triage([gad7Score(8), phq9Score(0)], rulesWith()).inputs).toEqual({
      phq9Total: 0,
      phq9Item9: 0,
      gad7Total: 8,
    });
  });
});
