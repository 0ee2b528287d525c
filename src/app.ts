import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { gateway } from './services/gateway'
import { recordsApi } from './services/records-api'
import { configureRecordsApi, useRecordsStore } from './store/records'
import './nutui-styles'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    gateway.init()
    configureRecordsApi(recordsApi)
    // Whatever was confirmed offline last time goes out now.
    void useRecordsStore.getState().flush()
  })
  return children
}

export default App
