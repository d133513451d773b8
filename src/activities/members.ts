// A team member as an InspectionMember row.
import type { TeamMember } from '../workflows/inspection/types.ts';

export function memberRow(inspectionId: number, m: TeamMember, drawRecordId: string | null) {
  return {
    inspectionId,
    role: m.kind,
    inspectorId: m.kind === 'INSPECTOR' ? m.id : null,
    expertId: m.kind === 'EXPERT' ? m.id : null,
    drawRecordId,
  };
}
