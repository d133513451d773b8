// Every workflow the worker registers.
export { healthCheck } from './healthCheck.ts';
