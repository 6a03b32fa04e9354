/**
 * Keys of closed billing months (layout in docs/access-patterns.md "Billing"). A month is its own
 * partition: the header, one item per line and the adjustments, so a close writes and a closed
 * worksheet reads one partition only.
 */
import type { ClinicId } from '../../contracts/common';
import type { PrimaryKey } from './keys';

const monthPk = (clinicId: ClinicId, month: string) => `CLINIC#${clinicId}#BILLING#${month}`;

export const billingKeys = {
  monthPartition: monthPk,
  header: (clinicId: ClinicId, month: string): PrimaryKey => ({
    pk: monthPk(clinicId, month),
    sk: 'CLOSE',
  }),
  linePrefix: 'LINE#',
  line: (clinicId: ClinicId, month: string, lineId: string): PrimaryKey => ({
    pk: monthPk(clinicId, month),
    sk: `LINE#${lineId}`,
  }),
  adjustmentPrefix: 'ADJ#',
  /** Adjustment ids are ULIDs, so the sort order is the order they were made in. */
  adjustment: (clinicId: ClinicId, month: string, adjustmentId: string): PrimaryKey => ({
    pk: monthPk(clinicId, month),
    sk: `ADJ#${adjustmentId}`,
  }),
};
