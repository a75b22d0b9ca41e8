export * from './common';
export * from './topology';
export * from './node';
export * from './socket';
export * from './findings';
export * from './incidents';
export * from './logs';
