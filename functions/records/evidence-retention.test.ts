// The photo retention sweep over a small in-memory store: which records it asks for, how far one
// run goes, what it writes, and what it does when a record changed under it.
import { DAY_MS } from '../../src/domain/date'
import type { AuditEntry } from '../../src/contract/records'
import type { RecordRepo, UpdateOutcome } from '../shared/repo/record-repo'
import { DEFAULT_EVIDENCE_RETENTION_DAYS, evidenceRetentionDays, RETENTION_ACTOR, sweepEvidence } from './evidence-retention'
import type { StoredRecord } from './model'
import { emptyLicense } from '../../src/domain/license'

const NOW = new Date('2024-06-30T12:00:00.000Z')

function decided(i: number, photos = 2, decidedAt = '2024-05-01T00:00:00.000Z'): StoredRecord {
  const sides = (['front', 'back'] as const).slice(0, photos)
  return {
    id: `r${String(i).padStart(5, '0')}`,
    ownerOpenid: 'owner-a',
    license: emptyLicense(),
    recognized: null,
    status: i % 2 ? 'rejected' : 'verified',
    rejectReason: i % 2 ? '不清晰' : undefined,
    version: 2,
    createdAt: '2024-04-01T00:00:00.000Z',
    updatedAt: decidedAt,
    decidedAt,
    evidence: sides.map((side) => ({ side, fileID: `f-${i}-${side}`, attachedAt: '2024-04-01T00:00:00.000Z' })),
  }
}

/** Just what the sweep uses: listEvidenceDue (decided at or before the cutoff, oldest first) and a compare-and-set update. */
function memoryRepo(records: StoredRecord[], refuse: (id: string) => boolean = () => false) {
  const stored = new Map(records.map((record) => [record.id, record]))
  const cutoffs: string[] = []
  const audit: AuditEntry[] = []
  const repo = {
    async listEvidenceDue(cutoff: string, limit: number) {
      cutoffs.push(cutoff)
      return [...stored.values()]
        .filter((record) => record.evidence?.length && record.decidedAt && record.decidedAt <= cutoff)
        .sort((a, b) => a.decidedAt!.localeCompare(b.decidedAt!) || a.id.localeCompare(b.id))
        .slice(0, limit)
    },
    async update(next: StoredRecord, expectedVersion: number, entry: AuditEntry | readonly AuditEntry[]): Promise<UpdateOutcome> {
      if (refuse(next.id) || stored.get(next.id)?.version !== expectedVersion) return { ok: false, reason: 'stale' }
      stored.set(next.id, next)
      audit.push(...(Array.isArray(entry) ? entry : [entry as AuditEntry]))
      return { ok: true }
    },
  } as unknown as RecordRepo
  return { repo, stored, cutoffs, audit }
}

function fileStore() {
  const removed: string[][] = []
  return { removed, store: { remove: async (fileIDs: string[]) => void removed.push(fileIDs) } }
}

describe('sweepEvidence', () => {
  it('asks for the records decided at or before now minus the retention days', async () => {
    const { repo, cutoffs } = memoryRepo([])
    await sweepEvidence({ repo, store: fileStore().store, retentionDays: 30 }, NOW)
    expect(cutoffs).toEqual([new Date(NOW.getTime() - 30 * DAY_MS).toISOString()])
    await sweepEvidence({ repo, store: fileStore().store, retentionDays: 0 }, NOW)
    expect(cutoffs[1]).toBe(NOW.toISOString())
  })

  it('deletes the files, then writes the record without photos, keeping status, decision, reason and updatedAt', async () => {
    const record = decided(1)
    const { repo, stored, audit } = memoryRepo([record])
    const { store, removed } = fileStore()
    let ids = 0
    const report = await sweepEvidence({ repo, store, retentionDays: 30, newId: () => `audit-${++ids}` }, NOW)
    expect(report).toEqual({ records: 1, photos: 2 })
    expect(removed).toEqual([['f-1-front', 'f-1-back']])
    const { evidence: _gone, ...rest } = record
    expect(stored.get(record.id)).toEqual({ ...rest, version: 3 })
    expect(audit).toEqual([
      {
        id: 'audit-1',
        recordId: record.id,
        actor: RETENTION_ACTOR,
        action: 'evidenceDeleted',
        at: NOW.toISOString(),
        previousStatus: 'rejected',
        nextStatus: 'rejected',
        reason: 'retention',
      },
    ])
  })

  it('goes past one page of 100, and counts records and photos', async () => {
    const records = Array.from({ length: 250 }, (_, i) => decided(i, 1 + (i % 2)))
    const { repo, stored } = memoryRepo(records)
    const { store } = fileStore()
    expect(await sweepEvidence({ repo, store, retentionDays: 30 }, NOW)).toEqual({ records: 250, photos: 375 })
    expect([...stored.values()].every((record) => record.evidence === undefined)).toBe(true)
  })

  it('stops after 10 pages of 100 in one run; the next run carries on', async () => {
    const { repo, stored } = memoryRepo(Array.from({ length: 1050 }, (_, i) => decided(i, 1)))
    const { store } = fileStore()
    expect(await sweepEvidence({ repo, store, retentionDays: 30 }, NOW)).toEqual({ records: 1000, photos: 1000 })
    expect([...stored.values()].filter((record) => record.evidence).map((record) => record.id)).toHaveLength(50)
    expect(await sweepEvidence({ repo, store, retentionDays: 30 }, NOW)).toEqual({ records: 50, photos: 50 })
  })

  it('leaves a record that changed meanwhile to the next run, and does not count it or spin on it', async () => {
    const records = Array.from({ length: 3 }, (_, i) => decided(i))
    const { repo, cutoffs, audit } = memoryRepo(records, (id) => id === records[1].id)
    const { store, removed } = fileStore()
    expect(await sweepEvidence({ repo, store, retentionDays: 30 }, NOW)).toEqual({ records: 2, photos: 4 })
    // Its files were deleted first (a record naming missing files is the safe side); no audit entry.
    expect(removed).toHaveLength(3)
    expect(audit.map((entry) => entry.recordId)).toEqual([records[0].id, records[2].id])
    expect(cutoffs.length).toBeLessThanOrEqual(2)
  })

  it('a full page of records that all changed meanwhile ends the run', async () => {
    const records = Array.from({ length: 100 }, (_, i) => decided(i))
    const { repo, cutoffs } = memoryRepo(records, () => true)
    expect(await sweepEvidence({ repo, store: fileStore().store, retentionDays: 30 }, NOW)).toEqual({ records: 0, photos: 0 })
    expect(cutoffs).toHaveLength(2)
  })

  it('makes 32-hex audit ids when none are given', async () => {
    const { repo, audit } = memoryRepo([decided(1)])
    await sweepEvidence({ repo, store: fileStore().store, retentionDays: 30 }, NOW)
    expect(audit[0].id).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('evidenceRetentionDays', () => {
  it('defaults to 30 days, takes 0 as "at the next sweep", and refuses what is not a whole number', () => {
    expect(DEFAULT_EVIDENCE_RETENTION_DAYS).toBe(30)
    expect(evidenceRetentionDays({})).toBe(30)
    expect(evidenceRetentionDays({ EVIDENCE_RETENTION_DAYS: '' })).toBe(30)
    expect(evidenceRetentionDays({ EVIDENCE_RETENTION_DAYS: '0' })).toBe(0)
    expect(evidenceRetentionDays({ EVIDENCE_RETENTION_DAYS: ' 7 ' })).toBe(7)
    expect(() => evidenceRetentionDays({ EVIDENCE_RETENTION_DAYS: '7d' })).toThrow(/EVIDENCE_RETENTION_DAYS/)
  })
})
