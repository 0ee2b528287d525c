// Page shows and pull-down for component tests: the jsdom Taro host ignores useDidShow and
// usePullDownRefresh, so tests that count what a show does mock them with these and fire them.
//   jest.mock('@tarojs/taro', () => ({ ...jest.requireActual('@tarojs/taro'), __esModule: true,
//     ...jest.requireActual('<path>/page-lifecycle').lifecycleHooks }))
import { useEffect, useRef } from 'react'

type Listener = () => void
type Registry = Set<{ current: Listener }>

const shows: Registry = new Set()
const pullDowns: Registry = new Set()

function useRegistered(registry: Registry, listener: Listener) {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => {
    registry.add(latest)
    return () => void registry.delete(latest)
  }, [registry])
}

export const lifecycleHooks = {
  useDidShow: (listener: Listener) => useRegistered(shows, listener),
  usePullDownRefresh: (listener: Listener) => useRegistered(pullDowns, listener),
}

/** The mounted pages are shown (Taro also does this once right after mounting). */
export function showPages(): void {
  for (const listener of shows) listener.current()
}

export function pullDown(): void {
  for (const listener of pullDowns) listener.current()
}
