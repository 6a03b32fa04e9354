export * from './diagnoses';
export * from './discharge';
export * from './episode';
export * from './flags';
export * from './overlap';
export * from './priority';
export * from './recommendations';
export { latestMeasure, isResponse, isRemission } from './progress';
