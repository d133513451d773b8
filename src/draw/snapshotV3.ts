// An ssj-draw/3 snapshot as the engine reads it, and the key material of a
// record. The published snapshot holds less than the engine's inputs (an
// inspector's availability, not why; a conflict's pair, not its reason), and
// the engine needs nothing more: unavailable inspectors are simply not drawn.
import { canonicalBeacon, type KeyMaterial } from './entropy.ts';
import type { DrawInputs, DrawRecordV3, FrozenInputs } from './types.ts';

export function engineInputs(f: FrozenInputs): DrawInputs {
  return {
    drawId: f.drawId,
    drawDate: f.drawDate,
    rule: f.rule,
    annualCap: f.annualCap,
    enterprises: f.enterprises,
    // Field by field: a rest-and-spread per row cost more than the rest of a small draw.
    inspectors: f.inspectors.map((i) => ({
      id: i.id,
      name: i.name,
      certificateNo: i.certificateNo,
      certificateFrom: i.certificateFrom,
      certificateTo: i.certificateTo,
      certificateStatus: i.certificateStatus,
      specialties: i.specialties,
      townships: i.townships,
      active: i.available,
      onLeave: false,
    })),
    experts: f.experts,
    items: f.items,
    conflicts: f.conflicts.map((c) => ({ inspectorId: c.inspectorId, enterpriseId: c.enterpriseId, reason: '' })),
  };
}

/** What the key of an initial record is computed from (a withheld secret enters as null). */
export function keyMaterial(r: Pick<DrawRecordV3, 'drawId' | 'inputDigest' | 'entropy'>): KeyMaterial {
  return {
    drawId: r.drawId,
    session: r.entropy.session,
    inputDigest: r.inputDigest,
    reveals: r.entropy.participants.map((p) => ({ participant: p.participant, name: p.name, secret: p.secret })),
    beacon: {
      kind: r.entropy.beacon.kind,
      source: r.entropy.beacon.source,
      availableAt: r.entropy.beacon.availableAt,
      count: r.entropy.beacon.count,
      max: r.entropy.beacon.max,
      canonical: canonicalBeacon(r.entropy.beacon.value, r.entropy.beacon) ?? '',
    },
  };
}
