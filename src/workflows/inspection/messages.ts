// The inspection workflow's messages. The console and CLI import these to
// send Updates and run Queries.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ChooseDate,
  ConfirmNoConflict,
  ConfirmPublication,
  DecideFollowUp,
  DeclareConflict,
  FeedbackCardUpload,
  InspectionState,
  RecordResults,
  SubmitScheme,
} from './types.ts';

export const stateQuery = defineQuery<InspectionState>('state');

export const confirmNoConflict = defineUpdate<InspectionState, [ConfirmNoConflict]>('confirmNoConflict');
export const declareConflict = defineUpdate<InspectionState, [DeclareConflict]>('declareConflict');
export const submitScheme = defineUpdate<InspectionState, [SubmitScheme]>('submitScheme');
export const chooseDate = defineUpdate<InspectionState, [ChooseDate]>('chooseDate');
export const recordResults = defineUpdate<InspectionState, [RecordResults]>('recordResults');
export const uploadFeedbackCard = defineUpdate<InspectionState, [FeedbackCardUpload]>('uploadFeedbackCard');
export const confirmPublication = defineUpdate<InspectionState, [ConfirmPublication]>('confirmPublication');
export const decideFollowUp = defineUpdate<InspectionState, [DecideFollowUp]>('decideFollowUp');

/** The official calendar changed (override import or package update): recompute provisional due dates. */
export const calendarChanged = defineSignal('calendarChanged');

/** Sent by another inspection of the same draw when a swap changed this team. */
export const teamChanged = defineSignal<[{ team: import('./types.ts').TeamMember[] }]>('teamChanged');
