// A record's evidence photos (issue 12) for its owner or staff: short-lived URLs from the `records`
// function's evidenceUrl (weapp: temporary HTTPS URLs; H5: /api/evidence/<token>), tap to zoom.
// URLs last about 10 minutes: one that fails to load is asked for again once. Before the server has
// the photo (an offline create), the device's own copy stands in.
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { evidenceUrls, type EvidencePhoto } from '../services/evidence'
import { EVIDENCE_DELETED_TEXT, EVIDENCE_FAILED_TEXT, EVIDENCE_LOADING_TEXT, NO_EVIDENCE_TEXT, SIDE_TEXT } from './evidence-text'
import { LicensePhotos } from './LicensePhotos'
import './EvidencePhotos.scss'

export interface EvidencePhotosProps {
  recordId: string
  /** The server says it keeps photos for this record (evidence / hasEvidence). */
  hasPhotos: boolean
  /** Changes when the record does (a rescan replaced the photos): the URLs are asked for again. */
  version?: number
  /** The photos were deleted by the retention sweep (staff: an 'evidenceDeleted' audit entry). */
  deleted?: boolean
  /** Local copies to show when the server has none (yet). */
  fallbackPaths?: readonly string[]
  /** Say so when there is no photo (staff); otherwise show nothing (owner). */
  showMissing?: boolean
}

type Loaded = { state: 'idle' | 'loading' } | { state: 'loaded'; photos: EvidencePhoto[] } | { state: 'failed' }

export function EvidencePhotos({ recordId, hasPhotos, version, deleted = false, fallbackPaths = [], showMissing = false }: EvidencePhotosProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'idle' })
  const retried = useRef(false)
  const latest = useRef(0)

  const load = useCallback(async () => {
    const seq = ++latest.current
    setLoaded({ state: 'loading' })
    const result = await evidenceUrls(recordId)
    if (seq !== latest.current) return
    setLoaded(result.ok ? { state: 'loaded', photos: result.photos } : { state: 'failed' })
  }, [recordId])

  useEffect(() => {
    retried.current = false
    if (hasPhotos) void load()
    else {
      latest.current++
      setLoaded({ state: 'idle' })
    }
  }, [hasPhotos, load, version])

  const photos = loaded.state === 'loaded' ? loaded.photos : []
  if (photos.length > 0) {
    const refresh = () => {
      if (retried.current) return
      retried.current = true
      void load()
    }
    return (
      <View className="evidence-photos">
        <LicensePhotos
          key={photos.map((p) => p.url).join('|')}
          paths={photos.map((p) => p.url)}
          labels={photos.map((p) => SIDE_TEXT[p.side])}
          whenGone="hide"
          onGone={refresh}
        />
      </View>
    )
  }
  if (fallbackPaths.length > 0) {
    return (
      <View className="evidence-photos evidence-photos--local">
        <LicensePhotos paths={fallbackPaths} whenGone="hide" />
      </View>
    )
  }
  if (hasPhotos && (loaded.state === 'loading' || loaded.state === 'idle')) {
    return (
      <View className="evidence-photos evidence-photos--empty">
        <Text>{EVIDENCE_LOADING_TEXT}</Text>
      </View>
    )
  }
  if (hasPhotos && loaded.state === 'failed') {
    return (
      <View className="evidence-photos evidence-photos--empty evidence-photos--failed" onClick={() => void load()}>
        <Text>{EVIDENCE_FAILED_TEXT}</Text>
      </View>
    )
  }
  if (!showMissing) return null
  // Asked for and none came back: deleted meanwhile (the sweep), or never attached.
  const gone = deleted || (hasPhotos && loaded.state === 'loaded')
  return (
    <View className={`evidence-photos evidence-photos--empty ${gone ? 'evidence-photos--deleted' : 'evidence-photos--none'}`}>
      <Text>{gone ? EVIDENCE_DELETED_TEXT : NO_EVIDENCE_TEXT}</Text>
    </View>
  )
}
