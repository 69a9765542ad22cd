export const PROCESSOR_MODES = ['normal', 'decline-all', 'fail-all'] as const;
/** normal: by test token; decline-all: every authorisation declined; fail-all: every call fails transiently */
export type ProcessorMode = (typeof PROCESSOR_MODES)[number];
