/**
 * Traditional psychotherapy / psychiatry codes from documented face-to-face time (CLINICAL.md
 * Part 2 §3.8). Suggestions for the clinician to confirm; never billed automatically, and their
 * minutes never count toward CoCM (the activity records `separatelyBilledAs`).
 */
import type { TherapyKind, TherapySuggestion } from '../../contracts/billing';

interface Band {
  from: number;
  to: number;
  code: string;
  label: string;
}

const PSYCHOTHERAPY: readonly Band[] = [
  { from: 16, to: 37, code: '90832', label: 'Psychotherapy, 30 minutes' },
  { from: 38, to: 52, code: '90834', label: 'Psychotherapy, 45 minutes' },
  { from: 53, to: Number.POSITIVE_INFINITY, code: '90837', label: 'Psychotherapy, 60 minutes' },
];

const WITH_EM: readonly Band[] = [
  { from: 16, to: 37, code: '90833', label: 'Psychotherapy add-on with E/M, 30 minutes' },
  { from: 38, to: 52, code: '90836', label: 'Psychotherapy add-on with E/M, 45 minutes' },
  {
    from: 53,
    to: Number.POSITIVE_INFINITY,
    code: '90838',
    label: 'Psychotherapy add-on with E/M, 60 minutes',
  },
];

const byTime = (bands: readonly Band[], minutes: number): TherapySuggestion[] => {
  const band = bands.find((entry) => minutes >= entry.from && minutes <= entry.to);
  if (!band) return [];
  const range = Number.isFinite(band.to) ? `${band.from}–${band.to}` : `${band.from}+`;
  return [
    {
      code: band.code,
      label: band.label,
      reason: `${minutes} face-to-face minutes (${range})`,
    },
  ];
};

export const therapySuggestions = (
  faceToFaceMinutes: number,
  kind: TherapyKind,
): TherapySuggestion[] => {
  const minutes = Math.floor(faceToFaceMinutes);
  switch (kind) {
    case 'psychotherapy':
      return byTime(PSYCHOTHERAPY, minutes);
    case 'psychotherapy_with_em':
      return byTime(WITH_EM, minutes);
    case 'diagnostic_evaluation':
      return [
        {
          code: '90791',
          label: 'Psychiatric diagnostic evaluation',
          reason: 'diagnostic evaluation without medical services',
        },
      ];
    case 'diagnostic_evaluation_medical':
      return [
        {
          code: '90792',
          label: 'Psychiatric diagnostic evaluation with medical services',
          reason: 'diagnostic evaluation with medical services (physician/NP)',
        },
      ];
    case 'group':
      return [
        {
          code: '90853',
          label: 'Group psychotherapy',
          reason: 'group psychotherapy (not a multiple-family group)',
        },
      ];
  }
};
