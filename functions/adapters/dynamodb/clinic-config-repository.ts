import { Clinic } from '../../contracts/clinics';
import type { ClinicId } from '../../contracts/common';
import {
  defaultClinicSchedulingSettings,
  type ClinicSchedulingSettings,
} from '../../contracts/scheduling';
import type { ClinicConfig, ClinicConfigRepository } from '../../ports/registry';
import { batchGet } from './batch';
import { parseItem } from './items';
import { clinicKeys } from './keys';
import { parseScheduling, settingsKeys } from './scheduling-items';
import type { Table } from './table';

/** Two keys per clinic (its item and its scheduling settings): 50 clinics fill one request. */
export const createClinicConfigRepository = (table: Table): ClinicConfigRepository => ({
  async getConfigs(clinicIds) {
    const ids = [...new Set(clinicIds)];
    const items = await batchGet(
      table,
      ids.flatMap((clinicId) => [clinicKeys.item(clinicId), settingsKeys.item(clinicId)]),
    );
    const clinics = new Map<ClinicId, Clinic>();
    const scheduling = new Map<ClinicId, ClinicSchedulingSettings>();
    for (const item of items) {
      if (item['entity'] === 'clinic') {
        const clinic = parseItem('clinic', Clinic, item);
        clinics.set(clinic.clinicId, clinic);
      } else {
        const { clinicId, ...settings } = parseScheduling('scheduling-settings', item);
        scheduling.set(clinicId, settings);
      }
    }
    const configs = new Map<ClinicId, ClinicConfig>();
    for (const clinicId of ids) {
      const clinic = clinics.get(clinicId);
      if (clinic === undefined) continue;
      configs.set(clinicId, {
        clinic,
        scheduling: scheduling.get(clinicId) ?? defaultClinicSchedulingSettings(),
      });
    }
    return configs;
  },
});
