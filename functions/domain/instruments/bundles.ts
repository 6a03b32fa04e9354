import type { InstrumentId } from '../../contracts/screenings';

export interface ScreeningBundle {
  id: string;
  label: string;
  instruments: readonly InstrumentId[];
}

/**
 * The screening sets staff choose from when they hand the tablet over. The seed's examples (§3.1):
 * new patients get the brief screens, chronic-disease visits the PHQ-9. Not yet a clinic setting:
 * every clinic gets these until per-clinic bundles are stored (docs/clinical-rules.md).
 */
export const DEFAULT_SCREENING_BUNDLES: readonly ScreeningBundle[] = [
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
