// How records and audit entries become CloudBase documents and back, including documents someone
// edited by hand in the console (odd or missing members must not break a read).
import { emptyLicense } from '../../../src/domain/license'
import type { StoredRecord } from '../../records/model'
import { fromAuditDoc, fromDoc, toAuditDoc, toDoc, toDocBody } from './cloudbase-docs'

const record = (overrides: Partial<StoredRecord> = {}): StoredRecord => ({
  id: 'r1',
  ownerOpenid: 'owner-a',
  license: { ...emptyLicense(), plateNum: '粤B12345' },
  recognized: null,
  status: 'pending',
  version: 3,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  ...overrides,
})

describe('toDoc', () => {
  it('keys photos by side and says whether there are any', () => {
    const doc = toDoc(
      record({
        evidence: [
          { side: 'front', fileID: 'cloud://f.jpg', attachedAt: '2024-05-01T00:00:01.000Z' },
          { side: 'back', fileID: 'cloud://b.jpg', attachedAt: '2024-05-01T00:00:02.000Z' },
        ],
        decidedAt: '2024-05-03T00:00:00.000Z',
      }),
    )
    expect(doc).toMatchObject({
      _id: 'r1',
      hasEvidence: true,
      decidedAt: '2024-05-03T00:00:00.000Z',
      evidence: {
        front: { fileID: 'cloud://f.jpg', attachedAt: '2024-05-01T00:00:01.000Z' },
        back: { fileID: 'cloud://b.jpg', attachedAt: '2024-05-01T00:00:02.000Z' },
      },
    })
    expect(doc).not.toHaveProperty('id')
  })

  it('without photos: no evidence member at all, and hasEvidence false', () => {
    for (const evidence of [undefined, []]) {
      const doc = toDoc(record({ evidence }))
      expect(doc.hasEvidence).toBe(false)
      expect(Object.keys(doc)).not.toContain('evidence')
    }
  })

  it('drops undefined members but keeps null ones', () => {
    const doc = toDoc(record({ rejectReason: undefined, recognized: null }))
    expect(Object.keys(doc)).not.toContain('rejectReason')
    expect(doc.recognized).toBeNull()
  })

  it('toDocBody is the same document without its _id', () => {
    const { _id, ...body } = toDoc(record())
    expect(_id).toBe('r1')
    expect(toDocBody(record())).toEqual(body)
  })
})

describe('fromDoc', () => {
  it('reads back exactly what toDoc wrote', () => {
    const full = record({
      status: 'rejected',
      rejectReason: '照片模糊',
      decidedAt: '2024-05-03T00:00:00.000Z',
      evidence: [
        { side: 'front', fileID: 'cloud://f.jpg', attachedAt: '2024-05-01T00:00:01.000Z' },
        { side: 'back', fileID: 'cloud://b.jpg', attachedAt: '2024-05-01T00:00:02.000Z' },
      ],
    })
    expect(fromDoc(toDoc(full))).toEqual(full)
    expect(fromDoc(toDoc(record()))).toEqual(record())
  })

  it('names photos front first, whatever order the document holds them in', () => {
    const doc = { ...toDoc(record()), evidence: { back: { fileID: 'b', attachedAt: 't2' }, front: { fileID: 'f', attachedAt: 't1' } } }
    expect(fromDoc(doc).evidence).toEqual([
      { side: 'front', fileID: 'f', attachedAt: 't1' },
      { side: 'back', fileID: 'b', attachedAt: 't2' },
    ])
  })

  it('reads a hand-edited document: odd members are left out, never a failed read', () => {
    const base = toDoc(record())
    const odd = [
      { evidence: null },
      { evidence: 'cloud://f.jpg' },
      { evidence: { front: null, back: { fileID: 42 } } },
      { evidence: { side: { fileID: 'x' } } },
      { rejectReason: null, decidedAt: 0 },
      { rejectReason: 7, decidedAt: null },
    ]
    for (const members of odd) {
      const read = fromDoc({ ...base, ...members })
      expect(read).toEqual(record())
      expect(Object.keys(read).sort()).toEqual(['createdAt', 'id', 'license', 'ownerOpenid', 'recognized', 'status', 'updatedAt', 'version'])
    }
  })

  it('a missing recognized license reads as null; a numeric _id as its text', () => {
    const { recognized: _gone, ...doc } = toDoc(record())
    expect(fromDoc(doc).recognized).toBeNull()
    expect(fromDoc({ ...doc, _id: 12 }).id).toBe('12')
  })

})

describe('audit documents', () => {
  it('round-trip, with the id as _id and no undefined member', () => {
    const entry = { id: 'e1', recordId: 'r1', actor: 'staff-1', action: 'reject' as const, at: 't', previousStatus: 'pending' as const, nextStatus: 'rejected' as const, reason: '号牌不清' }
    const doc = toAuditDoc({ ...entry, fields: undefined })
    expect(doc).toEqual({ _id: 'e1', recordId: 'r1', actor: 'staff-1', action: 'reject', at: 't', previousStatus: 'pending', nextStatus: 'rejected', reason: '号牌不清' })
    expect(fromAuditDoc(doc)).toEqual(entry)
    expect(fromAuditDoc({ ...doc, _id: 5 }).id).toBe('5')
  })
})
