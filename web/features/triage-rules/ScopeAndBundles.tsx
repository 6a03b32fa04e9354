import type { ScreeningBundle, TriageRuleSet } from '@lib/contracts';
import { catalog, DEFAULT_SCREENING_BUNDLES, getInstrument } from '@lib/instruments';

type Tier = NonNullable<TriageRuleSet['inHouseTiers']>[number];
export interface ScopeSettings {
  inHouseTiers: Tier[];
  screeningBundles: ScreeningBundle[];
}

const TIERS: { id: Tier; label: string }[] = [
  { id: 'tier1', label: 'Tier 1: mild–moderate depression, anxiety, adjustment' },
  { id: 'tier2', label: 'Tier 2: chronic disease with a behavioral overlay (protocols, groups)' },
  { id: 'tier3', label: 'Tier 3: serious mental illness, active suicidality, complex SUD' },
];

const INSTRUMENTS = [
  'PHQ9',
  'GAD7',
  'PHQ2',
  'GAD2',
  'AUDITC',
  'PCPTSD5',
  'CSSRS',
  'AHCHRSN',
] as const;
const nameOf = (id: (typeof INSTRUMENTS)[number]) =>
  id === 'PHQ9' || id === 'GAD7' ? getInstrument(id).name : catalog[id].name;

export const scopeSettingsOf = (rules: TriageRuleSet): ScopeSettings => ({
  inHouseTiers: [...(rules.inHouseTiers ?? ['tier1', 'tier2'])],
  screeningBundles: (rules.screeningBundles ?? DEFAULT_SCREENING_BUNDLES).map((b) => ({
    ...b,
    instruments: [...b.instruments],
  })),
});

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * The clinic's in-house scope (which tiers it treats) and the screening sets staff choose from
 * when they hand the tablet over. Published with the rest of the rule set, as one new version.
 */
export function ScopeAndBundles({
  value,
  onChange,
  errors,
}: {
  value: ScopeSettings;
  onChange: (next: ScopeSettings) => void;
  /** Server field errors under body.inHouseTiers / body.screeningBundles… */
  errors: string[];
}) {
  const setBundle = (index: number, bundle: ScreeningBundle) =>
    onChange({
      ...value,
      screeningBundles: value.screeningBundles.map((b, i) => (i === index ? bundle : b)),
    });
  return (
    <>
      <fieldset>
        <legend>Treated in this clinic (in-house scope)</legend>
        {TIERS.map((tier) => (
          <label key={tier.id} className="checkbox">
            <input
              type="checkbox"
              checked={value.inHouseTiers.includes(tier.id)}
              onChange={() =>
                onChange({ ...value, inHouseTiers: toggle(value.inHouseTiers, tier.id) })
              }
            />{' '}
            {tier.label}
          </label>
        ))}
        <p className="hint">A tier the clinic does not treat becomes an external referral.</p>
      </fieldset>
      <fieldset>
        <legend>Screening sets offered when handing the tablet over</legend>
        {value.screeningBundles.map((bundle, index) => (
          <div key={index} className="card">
            <div className="field">
              <label htmlFor={`bundle-${index}-label`}>Set {index + 1} name</label>
              <input
                id={`bundle-${index}-label`}
                value={bundle.label}
                onChange={(e) => setBundle(index, { ...bundle, label: e.target.value })}
              />
            </div>
            <div className="segmented" role="group" aria-label={`Set ${index + 1} questionnaires`}>
              {INSTRUMENTS.map((id) => (
                <label key={id}>
                  <input
                    type="checkbox"
                    checked={bundle.instruments.includes(id)}
                    onChange={() =>
                      setBundle(index, { ...bundle, instruments: toggle(bundle.instruments, id) })
                    }
                  />
                  {nameOf(id)}
                </label>
              ))}
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                onChange({
                  ...value,
                  screeningBundles: value.screeningBundles.filter((_, i) => i !== index),
                })
              }
              disabled={value.screeningBundles.length <= 1}
            >
              Remove set {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange({
              ...value,
              screeningBundles: [
                ...value.screeningBundles,
                {
                  id: `set-${Date.now().toString(36)}`,
                  label: 'New set',
                  instruments: ['PHQ9'],
                },
              ],
            })
          }
          disabled={value.screeningBundles.length >= 12}
        >
          Add a screening set
        </button>
      </fieldset>
      {errors.length > 0 && (
        <ul className="field-error" role="alert">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </>
  );
}
