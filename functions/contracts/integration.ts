import * as z from 'zod';

/** Seed §1: how behavioral health sits in the clinic. Its own module so screenings and clinics can both use it. */
export const IntegrationModel = z.enum([
  'co-location',
  'collaborative-care',
  'integrated-brief-therapy',
]);
export type IntegrationModel = z.infer<typeof IntegrationModel>;
