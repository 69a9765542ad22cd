export * from './clock';
export * from './refusal';
export * from './unreachable';
export * from './uuid';
