/** Questionnaire definitions (pure domain data): the tablet renders from the same source the server scores with. */
export { getInstrument, instruments, PHQ9_ITEM9_INDEX } from '../../functions/domain/instruments';
export type {
  AnswerOption,
  InstrumentDefinition,
  InstrumentItem,
  LocalizedText,
} from '../../functions/domain/instruments/types';
export {
  applicableItems,
  catalog,
  getCatalogDefinition,
} from '../../functions/domain/instruments/catalog';
export type {
  AnswerValue,
  CatalogAnswers,
  CatalogDefinition,
  CatalogItem,
} from '../../functions/domain/instruments/catalog';
export {
  DEFAULT_SCREENING_BUNDLES,
  type ScreeningBundle,
} from '../../functions/domain/instruments/bundles';
