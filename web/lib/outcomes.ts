/**
 * The outcome dashboard's contracts for the web (functions/contracts/index.ts does not re-export
 * them), so features reach into functions/ from lib/ only.
 */
export * from '../../functions/contracts/outcomes';
export { BillingCode, type YearMonth } from '../../functions/contracts/billing';
export { addMonths, clinicMonth } from '../../functions/domain/billing';
