import { measureSlotGeneration } from './scheduling';
const r = await measureSlotGeneration(90);
console.log(JSON.stringify(r));
