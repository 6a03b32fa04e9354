import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ScreeningSubmit,
  type CatalogResponse,
  type InstrumentResponse,
} from '../../../functions/contracts/screenings';
import { DomainError } from '../../../functions/domain/errors';
import {
  scoreFullScreening,
  screeningIssues,
  type ScreeningContext,
} from '../../../functions/domain/screening';
import { dispositionSeverity } from '../../../functions/domain/triage';
import { triage } from '../../../functions/domain/triage/triage';
import { phq9Answers, rulesWith } from './fixtures';

const submit = (responses: InstrumentResponse[], language: 'en' | 'es' = 'en'): ScreeningSubmit =>
  ScreeningSubmit.parse({ language, responses });

const issuesOf = (responses: InstrumentResponse[], language: 'en' | 'es' = 'en') =>
  screeningIssues(submit(responses, language));

const scored = (responses: InstrumentResponse[], context: ScreeningContext = {}) =>
  scoreFullScreening(submit(responses), context);

const phq2 = (a: number, b: number, continuation?: number[]): CatalogResponse => ({
  instrument: 'PHQ2',
  answers: { 'phq9.1': a, 'phq9.2': b },
  ...(continuation ? { continuation } : {}),
});

const cssrs = (answers: CatalogResponse['answers'], extra: Partial<CatalogResponse> = {}) =>
  ({ instrument: 'CSSRS', answers, ...extra }) as CatalogResponse;

const noIdeation = { 'cssrs.1': 0, 'cssrs.2': 0, 'cssrs.6': 0 };
const intent = {
  'cssrs.1': 1,
  'cssrs.2': 1,
  'cssrs.3': 1,
  'cssrs.4': 1,
  'cssrs.5': 0,
  'cssrs.6': 0,
};

describe('PHQ-2 → PHQ-9 continuation', () => {
  it('a negative PHQ-2 is stored alone and must not carry PHQ-9 items', () => {
    const result = scored([phq2(1, 1)]);
    expect(result.scores).toEqual([]);
    expect(result.screens[0]).toMatchObject({ instrument: 'PHQ2', total: 2, positive: false });
    expect(issuesOf([phq2(1, 1, [0, 0, 0, 0, 0, 0, 0])])).toEqual([
      {
        field: 'body.responses.0.continuation',
        message:
          'must be absent: PHQ-9 items 3–9 are asked only when the PHQ-2 total is 3 or more (it is 2)',
      },
    ]);
  });

  it('a positive PHQ-2 needs PHQ-9 items 3–9, not items 1–2 again', () => {
    expect(issuesOf([phq2(2, 1)])).toEqual([
      {
        field: 'body.responses.0.continuation',
        message: 'is required: the PHQ-2 total is 3 (3 or more), so PHQ-9 items 3–9 follow',
      },
    ]);
    expect(issuesOf([phq2(2, 1, [0, 0, 0, 0, 0, 0, 0, 0, 0])])[0]?.message).toContain(
      'must have exactly 7 answers',
    );
    expect(issuesOf([phq2(2, 1, [0, 0, 0, 0, 0, 0, 4])])).toEqual([
      { field: 'body.responses.0.continuation.6', message: 'must be 0–3' },
    ]);
  });

  it('is stored as a PHQ-9 result marked as continued, with the screener kept', () => {
    const result = scored([phq2(2, 1, [1, 1, 1, 1, 1, 1, 1])]);
    expect(result.scores).toEqual([
      expect.objectContaining({
        instrument: 'PHQ9',
        answers: [2, 1, 1, 1, 1, 1, 1, 1, 1],
        total: 10,
        band: 'moderate',
        continuedFrom: 'PHQ2',
      }),
    ]);
    expect(result.screens[0]).toMatchObject({ continuedInto: 'PHQ9', positive: true });
  });

  it('refuses a PHQ-2 beside a PHQ-9', () => {
    const issues = issuesOf([phq2(0, 0), { instrument: 'PHQ9', answers: phq9Answers(0) }]);
    expect(issues.map((issue) => issue.field)).toEqual(['body.responses']);
  });

  it('property: a continued PHQ-9 is the screener plus the rest, in range, never re-asking 1–2', () => {
    const item = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(item, item, fc.array(item, { minLength: 7, maxLength: 7 }), (a, b, rest) => {
        const positive = a + b >= 3;
        const result = scored([phq2(a, b, positive ? rest : undefined)]);
        const phq9 = result.scores[0];
        if (!positive) {
          expect(phq9).toBeUndefined();
          return;
        }
        expect(phq9?.answers).toEqual([a, b, ...rest]);
        expect(phq9?.total).toBe(a + b + rest.reduce((s, v) => s + v, 0));
        expect(phq9?.total).toBeLessThanOrEqual(27);
      }),
    );
  });
});

describe('catalog answers at the API edge', () => {
  it('names an answer to a skipped item, and accepts null for it', () => {
    expect(issuesOf([cssrs({ ...noIdeation, 'cssrs.3': 1 })])).toEqual([
      {
        field: 'body.responses.0.answers.cssrs.3',
        message: 'must be absent: asked only when cssrs.2 is 1',
      },
    ]);
    expect(issuesOf([cssrs({ ...noIdeation, 'cssrs.3': null, 'cssrs.6b': null })])).toEqual([]);
  });

  it('names a missing or out-of-range item, and a null asked item is missing', () => {
    expect(issuesOf([cssrs({ 'cssrs.1': 0, 'cssrs.2': 2, 'cssrs.6': null })])).toEqual([
      { field: 'body.responses.0.answers.cssrs.2', message: 'must be one of 1 (Yes), 0 (No)' },
      { field: 'body.responses.0.answers.cssrs.6', message: 'is required' },
    ]);
  });

  it('refuses a continuation on an instrument that has none', () => {
    expect(issuesOf([cssrs(noIdeation, { continuation: [1] })])[0]?.field).toBe(
      'body.responses.0.continuation',
    );
  });

  it('offers Spanish only where the wording is verified', () => {
    expect(issuesOf([{ instrument: 'PHQ9', answers: phq9Answers(3) }], 'es')).toEqual([]);
    expect(issuesOf([{ instrument: 'GAD7', answers: [0, 0, 0, 0, 0, 0, 0] }], 'es')).toEqual([
      { field: 'body.language', message: 'is not available for GAD-7' },
    ]);
    expect(issuesOf([cssrs(noIdeation)], 'es')).toEqual([
      { field: 'body.language', message: 'is not available for C-SSRS Screener' },
    ]);
  });

  it('lets staff read the C-SSRS in English within a Spanish screening, and says so', () => {
    const staff = cssrs(intent, { administeredBy: 'staff', language: 'en' });
    expect(issuesOf([staff], 'es')).toEqual([]);
    expect(
      issuesOf([cssrs(noIdeation, { language: 'en' })], 'es').map((issue) => issue.field),
    ).toContain('body.responses.0.language');
    const result = scoreFullScreening(submit([staff], 'es'));
    expect(result.screens[0]).toMatchObject({ administeredBy: 'staff', language: 'en' });
  });
});

describe('catalog scoring in context', () => {
  const audit = (q1: number, q2: number, q3: number): CatalogResponse => ({
    instrument: 'AUDITC',
    answers: { 'auditc.1': q1, 'auditc.2': q2, 'auditc.3': q3 },
  });

  it('AUDIT-C takes the cut-point of the patient’s sex, the stricter one when unknown', () => {
    const positive = (sex?: 'male' | 'female' | 'unknown') =>
      scored([audit(2, 1, 0)], sex ? { sex } : {}).screens[0]?.positive;
    expect([positive('male'), positive('female'), positive('unknown'), positive()]).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('PC-PTSD-5 uses the clinic cut-point and keeps the gate apart', () => {
    const ptsd = (gate: number, yes: number): CatalogResponse => ({
      instrument: 'PCPTSD5',
      answers:
        gate === 1
          ? {
              'pcptsd5.gate': 1,
              ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`pcptsd5.${n}`, n <= yes ? 1 : 0])),
            }
          : { 'pcptsd5.gate': 0 },
    });
    expect(scored([ptsd(1, 3)]).screens[0]).toMatchObject({ positive: true, cutPoint: 3 });
    expect(scored([ptsd(1, 3)], { pcptsd5CutPoint: 4 }).screens[0]).toMatchObject({
      positive: false,
      cutPoint: 4,
      traumaExposure: true,
    });
    expect(scored([ptsd(0, 0)]).screens[0]).toMatchObject({
      total: 0,
      traumaExposure: false,
      band: 'no-trauma-exposure',
    });
  });

  it('AHC-HRSN reports positive domains from a multi-select answer', () => {
    const result = scored([
      {
        instrument: 'AHCHRSN',
        answers: {
          'ahchrsn.1': 0,
          'ahchrsn.2': [2, 7],
          'ahchrsn.3': 0,
          'ahchrsn.4': 0,
          'ahchrsn.5': 0,
          'ahchrsn.6': 0,
          'ahchrsn.7': 1,
          'ahchrsn.8': 1,
          'ahchrsn.9': 1,
          'ahchrsn.10': 1,
        },
      },
    ]);
    expect(result.screens[0]).toMatchObject({ positive: true, positiveDomains: ['housing'] });
    const decision = triage(result.scores, rulesWith(), result.screens);
    expect(decision.flags.map((flag) => flag.code)).toEqual(['social_needs']);
    expect(decision.inputs.sdohPositiveDomains).toEqual(['housing']);
  });
});

describe('C-SSRS triage (CLINICAL.md Part 1)', () => {
  const decide = (answers: CatalogResponse['answers']) => {
    const result = scored([cssrs(answers)]);
    return triage(result.scores, rulesWith(), result.screens);
  };

  it('high risk: safety protocol now, the patient stays with staff, PCP safety steps now', () => {
    const decision = decide(intent);
    expect(decision.disposition).toMatchObject({
      code: 'safety_protocol_now',
      urgency: 'urgent',
      pcpSafetyStepsNow: true,
      patientStaysWithStaff: true,
    });
    expect(decision.disposition.reasons[0]).toContain('Q4 yes');
    expect(decision.flags).toEqual([expect.objectContaining({ code: 'suicide_risk' })]);
    expect(decision.inputs.cssrsRisk).toBe('high');
  });

  it('moderate: urgent BH within the clinic’s hours; low: outpatient follow-up', () => {
    const moderate = decide({ ...noIdeation, 'cssrs.6': 1, 'cssrs.6b': 0 });
    expect(moderate.disposition).toMatchObject({ code: 'urgent_bh', followUpWithinHours: 72 });
    expect(moderate.disposition.patientStaysWithStaff).toBeUndefined();
    const low = decide({ 'cssrs.1': 1, 'cssrs.2': 0, 'cssrs.6': 0 });
    expect(low.disposition).toMatchObject({ code: 'offer_bh', pcpSafetyStepsNow: false });
    expect(decide(noIdeation).disposition.code).toBe('none');
  });

  it('beats a calmer PHQ-9 and notes that the screener was done with item 9', () => {
    const result = scored([{ instrument: 'PHQ9', answers: phq9Answers(4, 1) }, cssrs(intent)]);
    const decision = triage(result.scores, rulesWith(), result.screens);
    expect(decision.disposition.code).toBe('safety_protocol_now');
    expect(decision.flags.find((flag) => flag.code === 'safety_item9')?.message).toContain(
      'completed in this visit',
    );
  });

  it('property: a higher risk level never gives a less urgent disposition', () => {
    const yesNo = fc.constantFrom(0, 1);
    const answersArb = fc
      .record({ q1: yesNo, q2: yesNo, q3: yesNo, q4: yesNo, q5: yesNo, q6: yesNo, q6b: yesNo })
      .map((a) => ({
        'cssrs.1': a.q1,
        'cssrs.2': a.q2,
        ...(a.q2 === 1 ? { 'cssrs.3': a.q3, 'cssrs.4': a.q4, 'cssrs.5': a.q5 } : {}),
        'cssrs.6': a.q6,
        ...(a.q6 === 1 ? { 'cssrs.6b': a.q6b } : {}),
      }));
    const rank = { none: 0, low: 1, moderate: 2, high: 3 } as const;
    fc.assert(
      fc.property(answersArb, answersArb, (a, b) => {
        const [da, db] = [decide(a), decide(b)];
        const [ra, rb] = [rank[da.inputs.cssrsRisk ?? 'none'], rank[db.inputs.cssrsRisk ?? 'none']];
        if (ra > rb) {
          expect(dispositionSeverity[da.disposition.code]).toBeGreaterThan(
            dispositionSeverity[db.disposition.code],
          );
        }
      }),
    );
  });

  it('rejects instead of scoring a partial screener', () => {
    expect(() => scored([cssrs({ 'cssrs.1': 1 })])).toThrow(DomainError);
  });
});

describe('care scope: tiers, in-house scope and integration model (seed §2)', () => {
  const models = ['co-location', 'collaborative-care', 'integrated-brief-therapy'] as const;
  const tierSets = fc.subarray(['tier1', 'tier2', 'tier3'] as const);

  it('a C-SSRS high risk is a red line whatever the clinic treats', () => {
    const result = scored([cssrs(intent)]);
    const decision = triage(
      result.scores,
      rulesWith({ inHouseTiers: [] }),
      result.screens,
      'co-location',
    );
    expect(decision.disposition.scope).toMatchObject({
      tier: 'red_line',
      setting: 'safety_protocol_now',
    });
  });

  it('alcohol alone is tier 2 (protocols or groups in clinic); moderate suicidality tier 3', () => {
    const alcohol = scored([
      { instrument: 'AUDITC', answers: { 'auditc.1': 4, 'auditc.2': 2, 'auditc.3': 1 } },
    ]);
    const decision = triage(alcohol.scores, rulesWith(), alcohol.screens, 'collaborative-care');
    expect(decision.disposition.scope).toMatchObject({
      tier: 'tier2',
      setting: 'in_clinic_protocol_group',
    });
    expect(decision.disposition.reasons.at(-1)).toContain('collaborative-care registry');
    const moderate = scored([cssrs({ ...noIdeation, 'cssrs.6': 1, 'cssrs.6b': 0 })]);
    const referred = triage(moderate.scores, rulesWith(), moderate.screens, 'co-location');
    expect(referred.disposition.scope).toMatchObject({
      tier: 'tier3',
      setting: 'external_referral',
    });
    expect(referred.inputs).toMatchObject({
      integrationModel: 'co-location',
      inHouseTiers: ['tier1', 'tier2'],
    });
  });

  it('property: BH care is referred out exactly when its tier is outside the clinic’s scope', () => {
    const item = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 9, maxLength: 9 }),
        tierSets,
        fc.constantFrom(...models),
        (answers, tiers, model) => {
          const result = scored([{ instrument: 'PHQ9', answers }]);
          const decision = triage(
            result.scores,
            rulesWith({ inHouseTiers: [...tiers] }),
            [],
            model,
          );
          const { code, scope } = decision.disposition;
          if (code === 'none' || code === 'pcp_addresses') {
            expect(scope).toBeUndefined();
            return;
          }
          expect(scope?.tier).toBe('tier1');
          expect(scope?.setting === 'external_referral').toBe(!tiers.includes('tier1'));
          expect(scope?.integrationModel).toBe(model);
        },
      ),
    );
  });
});
