// Every workflow the worker registers.
export { annualPlan } from './annualPlan/workflow.ts';
export { auditAnchor } from './auditAnchor.ts';
export { drawRound } from './drawRound/workflow.ts';
export { healthCheck } from './healthCheck.ts';
export { inspection } from './inspection/workflow.ts';
