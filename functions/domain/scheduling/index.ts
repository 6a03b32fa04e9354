export * from './expand';
export * from './overlaps';
export * from './release';
export * from './templates';
export * from './sessions';
