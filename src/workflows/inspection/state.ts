// An inspection's state the moment it opens: at recusal, nothing done yet.
import type { InspectionInput, InspectionState } from './types.ts';

export function openingState(input: InspectionInput): InspectionState {
  return {
    inspectionId: null,
    stage: 'RECUSAL',
    team: input.team,
    confirmed: [],
    drawId: input.drawId,
    scheme: null,
    scheduledDate: null,
    endedOn: null,
    problemsFound: false,
    feedbackCard: null,
    deadlines: [],
    history: [],
    escalations: [],
  };
}
