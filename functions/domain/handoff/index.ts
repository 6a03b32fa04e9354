export * from './summary';
export * from './timing';
export * from './transitions';
