/** YYYY-MM-DD of `at` on the wall calendar of `timeZone` (a clinic's day, not UTC's). */
export const clinicDate = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
