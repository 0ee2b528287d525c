import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { glibcMallocTrim, IDLE_TRIM_MS, trimHeap, trimHeapWhenIdle } from './heap-trim'

// This machine and CI run Linux with glibc, where the trim must be there.
const onGlibc = process.platform === 'linux' && Boolean((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime)

describe('heap trim', () => {
  ;(onGlibc ? it : it.skip)('finds malloc_trim in glibc', () => {
    expect(typeof glibcMallocTrim()).toBe('function')
    expect(trimHeap()).toBe(true)
  })

  ;(onGlibc ? it : it.skip)('trims once the engine has been idle, not between images that follow each other', () => {
    jest.useFakeTimers()
    try {
      const trim = jest.fn()
      trimHeapWhenIdle(trim)
      jest.advanceTimersByTime(IDLE_TRIM_MS - 100)
      trimHeapWhenIdle(trim)
      jest.advanceTimersByTime(IDLE_TRIM_MS - 100)
      expect(trim).not.toHaveBeenCalled()
      jest.advanceTimersByTime(100)
      expect(trim).toHaveBeenCalledTimes(1)
    } finally {
      jest.useRealTimers()
    }
  })

  // In its own process (plain node, --expose-gc), so the heap and RSS are only this script's.
  ;(onGlibc ? it : it.skip)('gives freed heap pages back to the kernel, which freeing alone does not', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heap-trim-'))
    try {
      const script = path.join(dir, 'probe.cjs')
      writeFileSync(
        script,
        `const { trimHeap } = require(${JSON.stringify(path.join(__dirname, 'heap-trim.ts'))})
const rss = () => process.memoryUsage.rss() / 1048576
let held = []
// ~160 MB of small buffers in the heap, then one kept above them so the heap's top cannot shrink.
for (let i = 0; i < 40000; i++) held.push(new ArrayBuffer(4000).slice(0))
const keep = new ArrayBuffer(4000).slice(0)
held = null
globalThis.gc()
globalThis.gc()
const freed = rss()
const trimmed = trimHeap()
console.log(JSON.stringify({ freed, after: rss(), trimmed, keep: keep.byteLength }))`,
      )
      const out = execFileSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', script], { cwd: path.join(__dirname, '../../..'), encoding: 'utf8' })
      const { freed, after, trimmed } = JSON.parse(out) as { freed: number; after: number; trimmed: boolean }
      expect(trimmed).toBe(true)
      // Freed but still resident before the trim; gone after it.
      expect(freed - after).toBeGreaterThan(100)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
