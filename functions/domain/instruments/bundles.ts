import type { ScreeningBundle } from '../../contracts/clinics';

export type { ScreeningBundle };

/**
 * The screening sets staff choose from when they hand the tablet over. The seed's examples (§3.1):
 * new patients get the brief screens, chronic-disease visits the PHQ-9. Product defaults:
 * a clinic's own sets (its rule set's `screeningBundles`) replace them (docs/clinical-rules.md).
 */
export const DEFAULT_SCREENING_BUNDLES: ScreeningBundle[] = [
  { id: 'standard', label: 'PHQ-9 and GAD-7', instruments: ['PHQ9', 'GAD7'] },
  {
    id: 'new-patient',
    label: 'New patient: PHQ-2, GAD-2, AUDIT-C, PC-PTSD-5',
    instruments: ['PHQ2', 'GAD2', 'AUDITC', 'PCPTSD5'],
  },
  { id: 'chronic-disease', label: 'Chronic-disease visit: PHQ-9', instruments: ['PHQ9'] },
  { id: 'social-needs', label: 'Social needs: AHC HRSN core questions', instruments: ['AHCHRSN'] },
  { id: 'suicide-risk', label: 'Suicide risk: C-SSRS screener', instruments: ['CSSRS'] },
];
