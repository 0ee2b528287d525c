import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { evidencePort, sweepEvidenceCopies } from './services/evidence'
import { gateway } from './services/gateway'
import { recordsApi } from './services/records-api'
import { draftEvidencePaths, useDraftStore } from './store/draft'
import { configureEvidence, configureRecordsApi, useRecordsStore } from './store/records'
import { evidencePaths } from './store/records-model'
import './nutui-styles'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    gateway.init()
    configureRecordsApi(recordsApi)
    configureEvidence(evidencePort)
    // Evidence copies nothing refers to any more (a draft abandoned when the app was killed, a
    // delete that failed): the outbox and the draft under review are the only users of copies.
    void sweepEvidenceCopies(() => {
      const referenced = evidencePaths(useRecordsStore.getState().outbox)
      for (const path of draftEvidencePaths(useDraftStore.getState().draft)) referenced.add(path)
      return referenced
    })
    // Whatever was confirmed offline last time goes out now.
    void useRecordsStore.getState().flush()
  })
  return children
}

export default App
