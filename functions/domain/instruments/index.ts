import type { ScaleInstrumentId } from '../../contracts/screenings';
import { gad7 } from './gad7';
import { phq9 } from './phq9';
import type { InstrumentDefinition } from './types';

export type { InstrumentDefinition } from './types';
export { PHQ9_ITEM9_INDEX } from './phq9';

// Definitions are module-level state shared by every request in a warm Lambda (and by the web app):
// freezing them turns an accidental mutation into an error instead of a silent change in scoring.
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** Every instrument the server scores; the Record type makes a new InstrumentId fail to compile here. */
export const instruments: Readonly<Record<ScaleInstrumentId, InstrumentDefinition>> = deepFreeze({
  PHQ9: phq9,
  GAD7: gad7,
});

export const getInstrument = (id: ScaleInstrumentId): InstrumentDefinition => instruments[id];
