// The certified draw engine: pure TypeScript, no Temporal, no database, no clock.
export * from './digest.ts';
export * from './draw.ts';
export * from './errors.ts';
export * from './recusal.ts';
export type * from './rule.ts';
export * from './types.ts';
