// The small rules every action relies on: audit entries, the next version of a record, the photo-only
// version, and what answers show of a stored record.
import { emptyLicense } from '../../src/domain/license'
import { auditEntry, evidenceDeletedEntry, nextVersion, photosVersion, type ActionContext } from './context'
import type { StoredRecord } from './model'
import { recordView, rowView } from './views'

const ctx = { actor: 'staff-1', newId: () => 'e1' } as unknown as ActionContext

const photos = [
  { side: 'front' as const, fileID: 'cloud://env/evidence/owner-a/f.jpg', attachedAt: '2024-05-01T00:00:01.000Z' },
  { side: 'back' as const, fileID: 'cloud://env/evidence/owner-a/b.jpg', attachedAt: '2024-05-01T00:00:02.000Z' },
]

const rejected: StoredRecord = {
  id: 'r1',
  ownerOpenid: 'owner-a',
  license: emptyLicense(),
  recognized: null,
  status: 'rejected',
  rejectReason: '照片模糊',
  version: 4,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  decidedAt: '2024-05-02T00:00:00.000Z',
  evidence: photos,
}

describe('auditEntry', () => {
  it('stamps the id and the acting caller; reason and fields only when given', () => {
    const facts = { recordId: 'r1', action: 'verify' as const, at: 't', previousStatus: 'pending' as const, nextStatus: 'verified' as const }
    const entry = auditEntry(ctx, { ...facts, reason: undefined, fields: undefined })
    expect(entry).toEqual({ id: 'e1', actor: 'staff-1', ...facts })
    expect(Object.keys(entry)).not.toContain('reason')
    expect(Object.keys(entry)).not.toContain('fields')
    expect(auditEntry(ctx, { ...facts, reason: '号牌不清', fields: ['vin'] })).toMatchObject({ reason: '号牌不清', fields: ['vin'] })
  })

  it('a photo deletion says why and by default keeps the status', () => {
    expect(evidenceDeletedEntry(ctx, rejected, 'owner', 't')).toEqual({
      id: 'e1', actor: 'staff-1', recordId: 'r1', action: 'evidenceDeleted', at: 't', previousStatus: 'rejected', nextStatus: 'rejected', reason: 'owner',
    })
    expect(evidenceDeletedEntry(ctx, rejected, 'record-removed', 't', null).nextStatus).toBeNull()
  })
})

describe('nextVersion', () => {
  it('one version on, stamped now; the reject reason and decision time of the state being left are dropped', () => {
    const next = nextVersion(rejected, { status: 'pending' }, '2024-05-03T00:00:00.000Z')
    expect(next).toEqual({
      ...rejected,
      rejectReason: undefined,
      decidedAt: undefined,
      status: 'pending',
      version: 5,
      updatedAt: '2024-05-03T00:00:00.000Z',
    })
    expect(Object.keys(next)).not.toContain('rejectReason')
    expect(Object.keys(next)).not.toContain('decidedAt')
    expect(next.evidence).toEqual(photos)
  })

  it('keeps them when the changes set them again', () => {
    expect(nextVersion(rejected, { rejectReason: '信息不符', decidedAt: 't2' }, 't2')).toMatchObject({ rejectReason: '信息不符', decidedAt: 't2', version: 5 })
  })
})

describe('photosVersion', () => {
  it('one version on with the new photos; status, decision and updatedAt kept', () => {
    expect(photosVersion(rejected, [photos[1]])).toEqual({ ...rejected, evidence: [photos[1]], version: 5 })
  })

  it('no photos (none or an empty list): no evidence member', () => {
    for (const evidence of [undefined, []]) {
      const next = photosVersion(rejected, evidence)
      expect(Object.keys(next)).not.toContain('evidence')
      expect(next).toMatchObject({ version: 5, updatedAt: rejected.updatedAt, decidedAt: rejected.decidedAt, rejectReason: '照片模糊' })
    }
  })
})

describe('views', () => {
  it('a detail names the kept sides and when they were attached, never a storage id or the decision time', () => {
    const view = recordView(rejected)
    expect(view.evidence).toEqual([
      { side: 'front', attachedAt: photos[0].attachedAt },
      { side: 'back', attachedAt: photos[1].attachedAt },
    ])
    expect(JSON.stringify(view)).not.toContain('cloud://')
    expect(Object.keys(view)).not.toContain('decidedAt')
    expect(view).toMatchObject({ id: 'r1', status: 'rejected', rejectReason: '照片模糊', version: 4 })
  })

  it('a detail without photos has no evidence member', () => {
    for (const evidence of [undefined, []]) expect(Object.keys(recordView({ ...rejected, evidence }))).not.toContain('evidence')
  })

  it('a list row only says whether photos are kept', () => {
    const row = rowView(rejected)
    expect(row.hasEvidence).toBe(true)
    expect(Object.keys(row)).not.toContain('evidence')
    expect(Object.keys(row)).not.toContain('decidedAt')
    expect(rowView({ ...rejected, evidence: undefined }).hasEvidence).toBe(false)
    expect(rowView({ ...rejected, evidence: [] }).hasEvidence).toBe(false)
  })
})
