// The recognition under review (issue 3): what the OCR read, what the user has changed, and enough
// context to resume after the app is killed mid-review. Local only; confirming hands the license
// to the records store.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { FIELD_KEYS, type FieldConfidence, type FieldKey, type VehicleLicense } from '../domain/license'
import { isObject, toLicense } from './license-shape'
import type { OcrMode, Recognition } from '../contract/recognition'
import type { EvidenceSide } from '../contract/records'
import type { LocalEvidence } from './records-model'
import { taroPersistStorage } from './taro-storage'

export interface Draft {
  license: VehicleLicense
  /** What the OCR read; for an edit, the saved license. resetField goes back to it. */
  recognized: VehicleLicense
  confidence: FieldConfidence
  warnings: string[]
  provider: string
  mode: OcrMode
  /** ISO timestamp */
  startedAt: string
  /** Set when the draft edits an existing record rather than a new recognition. */
  editingRecordId?: string
  /**
   * Local paths of the photos the fields were read from (weapp temp files, H5 object URLs), shown
   * beside the form for comparison. Device-only: never sent. May outlive its file (H5: any reload).
   */
  photoPaths?: string[]
  /**
   * Persistent copies of the prepared photos (issue 12), attached to the record at confirm unless
   * attachEvidence is false. Present only on drafts from a scan (new, or a rescan of a record).
   */
  evidence?: LocalEvidence[]
  /** The review page's switch; absent means on (the default). */
  attachEvidence?: boolean
}

/** A recognizeVehicleLicense result (what a draft needs of it) plus where it came from on this device. */
export type RecognitionResult = Pick<Recognition, 'license' | 'provider'> &
  Partial<Pick<Recognition, 'confidence' | 'warnings'>> & {
    mode?: OcrMode
    /** The local photo this result was read from. */
    photoPath?: string
    /** A persistent copy of the prepared photo the fields were read from (services/evidence-files). */
    evidencePath?: string
  }

/** Any record with an id and a license (the records store's LocalRecord fits). */
export interface EditableRecord {
  id: string
  license: VehicleLicense
  /** The record's photos, if this device still knows them. */
  photoPaths?: readonly string[]
}

/** provider of a draft started from a saved record rather than from OCR */
export const EDIT_PROVIDER = 'record'

export interface DraftState {
  draft: Draft | null
  /** Set by startRescan: the next recognition replaces this record's license and photos. */
  rescanOf: string | null
  startFromRecognition(result: RecognitionResult): void
  /**
   * The other page of the same card (front then back, or back then front): fills only the fields
   * the draft still lacks. False, changing nothing, when there is no new-scan draft, the plates
   * differ, or the page adds nothing.
   */
  addPage(result: RecognitionResult): boolean
  startEditing(record: EditableRecord): void
  setField<K extends FieldKey>(key: K, value: VehicleLicense[K]): void
  resetField(key: FieldKey): void
  setAttachEvidence(attach: boolean): void
  /** Drops the draft; the next recognition becomes an edit of `recordId` (its photos replaced). */
  startRescan(recordId: string): void
  clear(): void
}

type PersistedDraft = Pick<DraftState, 'draft' | 'rescanOf'>

export const DRAFT_STORAGE_KEY = 'vls-draft'
const DRAFT_VERSION = 1

export interface DraftStoreOptions {
  now?: () => Date
}

/** Fields the user changed from the recognized value (for "已修改" hints). */
/** Which page of the card a recognition read: the front carries the owner and the VIN. */
export function sideOf(license: VehicleLicense): EvidenceSide {
  return license.owner || license.vin || license.addr || license.registerDate ? 'front' : 'back'
}

/** Evidence with `path` added for `side` (one photo per side: a second scan of a side replaces it). */
function withEvidenceSide(evidence: readonly LocalEvidence[], side: EvidenceSide, path: string): LocalEvidence[] {
  const next = [...evidence.filter((item) => item.side !== side), { side, path }]
  return next.sort((a, b) => (a.side === b.side ? 0 : a.side === 'front' ? -1 : 1))
}

/** Evidence paths a draft holds (for discarding them when it is dropped). */
export function draftEvidencePaths(draft: Draft | null): string[] {
  return draft?.evidence?.map((item) => item.path) ?? []
}

export function changedFields(draft: Draft): FieldKey[] {
  return FIELD_KEYS.filter((key) => draft.license[key] !== draft.recognized[key])
}

/** A Draft from stored JSON, or null when it is not one. */
export function toDraft(value: unknown): Draft | null {
  if (!isObject(value)) return null
  const license = toLicense(value.license)
  const recognized = toLicense(value.recognized)
  if (!license || !recognized) return null
  const confidence: FieldConfidence = {}
  if (isObject(value.confidence)) {
    for (const key of FIELD_KEYS) {
      const score = value.confidence[key]
      if (typeof score === 'number') confidence[key] = score
    }
  }
  const draft: Draft = {
    license,
    recognized,
    confidence,
    warnings: Array.isArray(value.warnings) ? value.warnings.filter((w): w is string => typeof w === 'string') : [],
    provider: typeof value.provider === 'string' ? value.provider : '',
    mode: value.mode === 'scan' ? 'scan' : 'photo',
    startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
  }
  if (typeof value.editingRecordId === 'string') draft.editingRecordId = value.editingRecordId
  const photoPaths = Array.isArray(value.photoPaths) ? value.photoPaths.filter((p): p is string => typeof p === 'string' && p !== '') : []
  if (photoPaths.length) draft.photoPaths = photoPaths
  if (Array.isArray(value.evidence)) {
    draft.evidence = value.evidence
      .filter((item): item is Record<string, unknown> => isObject(item) && (item.side === 'front' || item.side === 'back') && typeof item.path === 'string' && item.path !== '')
      .map((item) => ({ side: item.side as EvidenceSide, path: item.path as string }))
  }
  if (value.attachEvidence === false) draft.attachEvidence = false
  return draft
}

/** The draft with `photoPaths` set, or without the key when there are none. */
function withPhotos(draft: Draft, photoPaths: readonly string[]): Draft {
  const { photoPaths: _previous, ...rest } = draft
  return photoPaths.length ? { ...rest, photoPaths: [...photoPaths] } : rest
}

function toPersistedDraft(value: unknown): PersistedDraft {
  return {
    draft: isObject(value) ? toDraft(value.draft) : null,
    rescanOf: isObject(value) && typeof value.rescanOf === 'string' ? value.rescanOf : null,
  }
}

export function createDraftStore(storageKey = DRAFT_STORAGE_KEY, options: DraftStoreOptions = {}) {
  const now = options.now ?? (() => new Date())
  return create<DraftState>()(
    persist(
      (set, get) => ({
        draft: null,
        rescanOf: null,

        startFromRecognition(result) {
          const { rescanOf } = get()
          const draft: Draft = {
            license: { ...result.license },
            recognized: { ...result.license },
            confidence: { ...result.confidence },
            warnings: [...(result.warnings ?? [])],
            provider: result.provider,
            mode: result.mode ?? 'photo',
            startedAt: now().toISOString(),
          }
          if (result.evidencePath) draft.evidence = [{ side: sideOf(result.license), path: result.evidencePath }]
          if (rescanOf) draft.editingRecordId = rescanOf
          set({ draft: withPhotos(draft, result.photoPath ? [result.photoPath] : []), rescanOf: null })
        },

        addPage(result) {
          const draft = get().draft
          // Edits of a saved record take no second page; a rescan of one (provider: the OCR's) does.
          if (!draft || draft.provider === EDIT_PROVIDER) return false
          const [mine, theirs] = [draft.license.plateNum, result.license.plateNum]
          if (mine && theirs && mine !== theirs) return false
          const isEmpty = (value: unknown) => value === '' || value === null
          const added = FIELD_KEYS.filter((key) => isEmpty(draft.license[key]) && !isEmpty(result.license[key]))
          if (added.length === 0) return false
          const license = { ...draft.license }
          const recognized = { ...draft.recognized }
          const confidence = { ...draft.confidence }
          for (const key of added) {
            Object.assign(license, { [key]: result.license[key] })
            Object.assign(recognized, { [key]: result.license[key] })
            const score = result.confidence?.[key]
            if (score !== undefined) confidence[key] = score
          }
          const warnings = [...new Set([...draft.warnings, ...(result.warnings ?? [])])]
          // Both pages of the card stay on show: the fields now come from either photo.
          const photoPaths = [...new Set([...(draft.photoPaths ?? []), ...(result.photoPath ? [result.photoPath] : [])])]
          // The other page is kept as the second evidence photo.
          const taken = draft.evidence?.map((item) => item.side) ?? []
          const guessed = sideOf(result.license)
          const side: EvidenceSide = taken.length === 1 && taken[0] === guessed ? (guessed === 'front' ? 'back' : 'front') : guessed
          const evidence = result.evidencePath ? withEvidenceSide(draft.evidence ?? [], side, result.evidencePath) : draft.evidence
          const next: Draft = { ...draft, license, recognized, confidence, warnings }
          if (evidence) next.evidence = evidence
          set({ draft: withPhotos(next, photoPaths) })
          return true
        },

        startEditing(record) {
          set({
            draft: withPhotos(
              {
                license: { ...record.license },
                recognized: { ...record.license },
                confidence: {},
                warnings: [],
                provider: EDIT_PROVIDER,
                mode: 'photo',
                startedAt: now().toISOString(),
                editingRecordId: record.id,
              },
              record.photoPaths ?? [],
            ),
          })
        },

        setField(key, value) {
          set(({ draft }) => (draft ? { draft: { ...draft, license: { ...draft.license, [key]: value } } } : {}))
        },

        resetField(key) {
          set(({ draft }) =>
            draft ? { draft: { ...draft, license: { ...draft.license, [key]: draft.recognized[key] } } } : {},
          )
        },

        setAttachEvidence(attach) {
          set(({ draft }) => {
            if (!draft) return {}
            const { attachEvidence: _previous, ...rest } = draft
            return { draft: attach ? rest : { ...rest, attachEvidence: false } }
          })
        },

        startRescan(recordId) {
          set({ draft: null, rescanOf: recordId })
        },

        clear() {
          set({ draft: null, rescanOf: null })
        },
      }),
      {
        name: storageKey,
        storage: taroPersistStorage<PersistedDraft>(),
        version: DRAFT_VERSION,
        partialize: ({ draft, rescanOf }) => ({ draft, rescanOf }),
        // No older format exists yet: anything unrecognisable is dropped rather than trusted.
        migrate: (persisted) => toPersistedDraft(persisted),
        merge: (persisted, current) => ({ ...current, ...toPersistedDraft(persisted) }),
      },
    ),
  )
}

export type DraftStore = ReturnType<typeof createDraftStore>

export const useDraftStore = createDraftStore()
