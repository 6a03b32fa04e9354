export * from './common';
export * from './clinics';
export * from './patients';
export * from './screenings';
export * from './api';
export * from './web';
export * from './triage-admin';
export * from './fhir';
