export { defaultTriageRules, validateTriageRules } from './rules';
export { triage, type TriageResult } from './triage';
export { dispositionSeverity } from './evaluate';
