// Every workflow the worker registers.
export { healthCheck } from './healthCheck.ts';
export { inspection } from './inspection.ts';
