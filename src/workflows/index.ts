// Every workflow the worker registers.
export { annualPlan } from './annualPlan.ts';
export { auditAnchor } from './auditAnchor.ts';
export { drawRound } from './drawRound.ts';
export { healthCheck } from './healthCheck.ts';
export { inspection } from './inspection.ts';
