export * from './expand';
export * from './overlaps';
export * from './templates';
