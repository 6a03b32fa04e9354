export {
  LOINC_QUESTIONNAIRE_BASE,
  LOINC_SYSTEM,
  OBSERVATION_CATEGORY_SYSTEM,
  SCREENING_ASSESSMENT_PROFILE,
  UCUM_SYSTEM,
  patientEntry,
  patientScreeningsBundle,
  screeningToFhir,
} from './screenings';
export { uuidFrom, urnUuid } from './uuid';
