// The recognition under review (issue 3): what the OCR read, what the user has changed, and enough
// context to resume after the app is killed mid-review. Local only; confirming hands the license
// to the records store.
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { FieldConfidence, FieldKey, VehicleLicense } from '../domain/license'
import { FIELD_KEYS } from '../domain/license'
import { isObject, toLicense } from './license-shape'
import { taroPersistStorage } from './taro-storage'

export type ScanMode = 'photo' | 'scan'

export interface Draft {
  license: VehicleLicense
  /** What the OCR read; for an edit, the saved license. resetField goes back to it. */
  recognized: VehicleLicense
  confidence: FieldConfidence
  warnings: string[]
  provider: string
  mode: ScanMode
  /** ISO timestamp */
  startedAt: string
  /** Set when the draft edits an existing record rather than a new recognition. */
  editingRecordId?: string
  /**
   * Local paths of the photos the fields were read from (weapp temp files, H5 object URLs), shown
   * beside the form for comparison. Device-only: never sent. May outlive its file (H5: any reload).
   */
  photoPaths?: string[]
}

/** The recognizeVehicleLicense result plus the mode the scan page used. */
export interface RecognitionResult {
  license: VehicleLicense
  confidence?: FieldConfidence
  warnings?: string[]
  provider: string
  mode?: ScanMode
  /** The local photo this result was read from. */
  photoPath?: string
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
  clear(): void
}

type PersistedDraft = Pick<DraftState, 'draft'>

export const DRAFT_STORAGE_KEY = 'vls-draft'
const DRAFT_VERSION = 1

export interface DraftStoreOptions {
  now?: () => Date
}

/** Fields the user changed from the recognized value (for "已修改" hints). */
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
  return draft
}

/** The draft with `photoPaths` set, or without the key when there are none. */
function withPhotos(draft: Draft, photoPaths: readonly string[]): Draft {
  const { photoPaths: _previous, ...rest } = draft
  return photoPaths.length ? { ...rest, photoPaths: [...photoPaths] } : rest
}

function toPersistedDraft(value: unknown): PersistedDraft {
  return { draft: isObject(value) ? toDraft(value.draft) : null }
}

export function createDraftStore(storageKey = DRAFT_STORAGE_KEY, options: DraftStoreOptions = {}) {
  const now = options.now ?? (() => new Date())
  return create<DraftState>()(
    persist(
      (set, get) => ({
        draft: null,

        startFromRecognition(result) {
          set({
            draft: withPhotos(
              {
                license: { ...result.license },
                recognized: { ...result.license },
                confidence: { ...result.confidence },
                warnings: [...(result.warnings ?? [])],
                provider: result.provider,
                mode: result.mode ?? 'photo',
                startedAt: now().toISOString(),
              },
              result.photoPath ? [result.photoPath] : [],
            ),
          })
        },

        addPage(result) {
          const draft = get().draft
          if (!draft || draft.editingRecordId) return false
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
          set({ draft: withPhotos({ ...draft, license, recognized, confidence, warnings }, photoPaths) })
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

        clear() {
          set({ draft: null })
        },
      }),
      {
        name: storageKey,
        storage: taroPersistStorage<PersistedDraft>(),
        version: DRAFT_VERSION,
        partialize: ({ draft }) => ({ draft }),
        // No older format exists yet: anything unrecognisable is dropped rather than trusted.
        migrate: (persisted) => toPersistedDraft(persisted),
        merge: (persisted, current) => ({ ...current, ...toPersistedDraft(persisted) }),
      },
    ),
  )
}

export type DraftStore = ReturnType<typeof createDraftStore>

export const useDraftStore = createDraftStore()
