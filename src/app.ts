import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { gateway } from './services/gateway'
import '@nutui/nutui-react-taro/dist/style.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    gateway.init()
  })
  return children
}

export default App
