export * from './billing';
export * from './contact';
export * from './labels';
export * from './stats';
export * from './trend';
export * from './windows';
