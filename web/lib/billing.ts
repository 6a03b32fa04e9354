/**
 * Pure CoCM billing rules the web shows before the server decides: clinic-local months for the
 * worksheet's month picker, the built-in payer profiles for the settings form, and the therapy
 * code suggestion in the activity dialog (suggested only; the clinician confirms).
 */
export {
  addMonths,
  BUILT_IN_PROFILES,
  clinicMonth,
  therapySuggestions,
} from '../../functions/domain/billing';
// The billing contracts are not in the contracts barrel; the billing pages take them from here.
export * from '../../functions/contracts/billing';
