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

type FlagCode = Flag['code'];
const R: FlagCode = 'bh_review_needed';
const S: FlagCode = 'safety_item9';
const custom = { pcpAddressesFrom: 3, offerBhFrom: 6, warmHandoffFrom: 9 };
const phq9 = phq9Score;
const gad7 = gad7Score;

/** What the disposition must carry besides its code and flags. */
interface Expected {
  days?: number;
  hours?: number;
  safety?: true;
}
type Row = [
  name: string,
  scores: InstrumentScore[],
  rules: Partial<TriageRuleSet>,
  code: DispositionCode,
  flags: FlagCode[],
  expected: Expected,
];

// prettier-ignore
const cases: Row[] = [
  // PHQ-9 alone, default thresholds 5 / 10 / 15.
  ['PHQ-9 0',                      [phq9(0)],             {}, 'none',               [],     {}],
  ['PHQ-9 4',                      [phq9(4)],             {}, 'none',               [],     {}],
  ['PHQ-9 5',                      [phq9(5)],             {}, 'pcp_addresses',      [],     {}],
  ['PHQ-9 9',                      [phq9(9)],             {}, 'pcp_addresses',      [],     {}],
  ['PHQ-9 10',                     [phq9(10)],            {}, 'offer_bh',           [R],    { days: 14 }],
  ['PHQ-9 14',                     [phq9(14)],            {}, 'offer_bh',           [R],    { days: 14 }],
  ['PHQ-9 15',                     [phq9(15)],            {}, 'warm_handoff_today', [R],    { hours: 72 }],
  ['PHQ-9 19',                     [phq9(19)],            {}, 'warm_handoff_today', [R],    { hours: 72 }],
  ['PHQ-9 20',                     [phq9(20)],            {}, 'warm_handoff_today', [R],    { hours: 72 }],
  ['PHQ-9 27, item 9 = 3',         [phq9(27, 3)],         {}, 'warm_handoff_today', [S, R], { hours: 72, safety: true }],
  // Item 9 is a safety signal whatever the total.
  ['PHQ-9 4, item 9 = 0',          [phq9(4, 0)],          {}, 'none',               [],     {}],
  ['PHQ-9 1, item 9 = 1',          [phq9(1, 1)],          {}, 'warm_handoff_today', [S],    { hours: 72, safety: true }],
  ['PHQ-9 7, item 9 = 1',          [phq9(7, 1)],          {}, 'warm_handoff_today', [S],    { hours: 72, safety: true }],
  ['PHQ-9 12, item 9 = 2',         [phq9(12, 2)],         {}, 'warm_handoff_today', [S, R], { hours: 72, safety: true }],
  // GAD-7 alone has the same shape.
  ['GAD-7 4',                      [gad7(4)],             {}, 'none',               [],     {}],
  ['GAD-7 5',                      [gad7(5)],             {}, 'pcp_addresses',      [],     {}],
  ['GAD-7 9',                      [gad7(9)],             {}, 'pcp_addresses',      [],     {}],
  ['GAD-7 10',                     [gad7(10)],            {}, 'offer_bh',           [R],    { days: 14 }],
  ['GAD-7 14',                     [gad7(14)],            {}, 'offer_bh',           [R],    { days: 14 }],
  ['GAD-7 15',                     [gad7(15)],            {}, 'warm_handoff_today', [R],    { hours: 72 }],
  ['GAD-7 21',                     [gad7(21)],            {}, 'warm_handoff_today', [R],    { hours: 72 }],
  // Both: the most urgent disposition wins.
  ['PHQ-9 3 + GAD-7 3',            [phq9(3), gad7(3)],    {}, 'none',               [],     {}],
  ['PHQ-9 7 + GAD-7 12',           [phq9(7), gad7(12)],   {}, 'offer_bh',           [R],    { days: 14 }],
  ['PHQ-9 12 + GAD-7 7',           [phq9(12), gad7(7)],   {}, 'offer_bh',           [R],    { days: 14 }],
  ['PHQ-9 16 + GAD-7 3',           [phq9(16), gad7(3)],   {}, 'warm_handoff_today', [R],    { hours: 72 }],
  ['PHQ-9 2, item 9 = 1 + GAD-7 11', [phq9(2, 1), gad7(11)], {}, 'warm_handoff_today', [S, R], { hours: 72, safety: true }],
  // Clinic settings change the outcome.
  ['PHQ-9 3/6/9: 2',               [phq9(2)],  { phq9: custom },                        'none',               [],  {}],
  ['PHQ-9 3/6/9: 4',               [phq9(4)],  { phq9: custom },                        'pcp_addresses',      [],  {}],
  ['PHQ-9 3/6/9, 7 days: 8',       [phq9(8)],  { phq9: custom, offerBhWithinDays: 7 },  'offer_bh',           [R], { days: 7 }],
  ['PHQ-9 3/6/9, 48 h: 9',         [phq9(9)],  { phq9: custom, urgentWithinHours: 48 }, 'warm_handoff_today', [R], { hours: 48 }],
  ['PHQ-9 3/6/9 leaves GAD-7 9',   [gad7(9)],  { phq9: custom },                        'pcp_addresses',      [],  {}],
  ['GAD-7 3/6/9: 9',               [gad7(9)],  { gad7: custom },                        'warm_handoff_today', [R], { hours: 72 }],
  ['item 9 from 2: answered 1',    [phq9(1, 1)], { phq9Item9SafetyFrom: 2 },            'none',               [],  {}],
  ['item 9 from 2: answered 2',    [phq9(2, 2)], { phq9Item9SafetyFrom: 2 },            'warm_handoff_today', [S], { hours: 72, safety: true }],
];

const urgencyOf: Record<DispositionCode, string> = {
  none: 'routine',
  pcp_addresses: 'routine',
  offer_bh: 'soon',
  urgent_bh: 'urgent',
  warm_handoff_today: 'urgent',
  safety_protocol_now: 'urgent',
};

describe('triage disposition table', () => {
  it.each(cases)('%s → %s', (_name, scores, rules, code, flagCodes, expected) => {
    const { flags, disposition } = triage(scores, rulesWith(rules));
    expect(disposition.code).toBe(code);
    expect(disposition.urgency).toBe(urgencyOf[code]);
    expect(flags.map((flag) => flag.code)).toEqual(flagCodes);
    expect(disposition.followUpWithinDays).toBe(expected.days);
    expect(disposition.followUpWithinHours).toBe(expected.hours);
    expect(disposition.pcpSafetyStepsNow).toBe(expected.safety ?? false);
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
