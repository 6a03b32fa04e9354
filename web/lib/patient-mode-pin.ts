/**
 * The staff PIN that ends patient mode, set on the patient page when the tablet is handed over.
 * Held in this module's memory only: never in storage, the URL or history state, so a reload or a
 * closed tab forgets it and ending patient mode then needs a new sign-in instead.
 */
let pin: string | null = null;

export const PIN_PATTERN = /^\d{4,8}$/;

export const patientModePin = {
  set(value: string): void {
    pin = PIN_PATTERN.test(value) ? value : null;
  },
  isSet: (): boolean => pin !== null,
  matches: (value: string): boolean => pin !== null && value === pin,
  clear(): void {
    pin = null;
  },
};
