// ONNX Runtime in a worker thread.
//
// Why a worker: onnxruntime-node runs a session synchronously on the calling thread (it only
// defers the call with setImmediate), which would stall the local server's event loop for the
// whole inference; and its native binding builds output tensors with the constructor of the
// realm that first loaded it, which breaks under Jest's per-test VM contexts ("A float32
// tensor's data must be type of Float32Array"). In a worker the binding lives in one plain realm.
//
// The worker source is inline (eval) so bundling the server cannot separate it from this file.
import { Worker } from 'node:worker_threads'
import type { InferenceSession } from 'onnxruntime-node'
import { COLLECT_YOUNG_GARBAGE_SOON_SOURCE } from './young-gc'

export interface RunResult {
  data: Float32Array
  dims: number[]
}

export interface ArgmaxResult {
  /** Index of the largest value along the last axis, per leading position. */
  indices: Int32Array
  values: Float32Array
  dims: number[]
}

export interface WorkerModel {
  path: string
  options: InferenceSession.SessionOptions
  runOptions?: InferenceSession.RunOptions
}

type Reply =
  | { id: number; ok: true; data?: Float32Array; indices?: Int32Array; values?: Float32Array; dims: number[] }
  | { id: number; ok: false; error: string }

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const ort = require(workerData.ortPath)
const sessions = {}
const ready = (async () => {
  for (const [name, model] of Object.entries(workerData.models)) {
    sessions[name] = { session: await ort.InferenceSession.create(model.path, model.options), runOptions: model.runOptions || {} }
  }
})()
ready.catch(() => {})

// Argmax over the last axis here, so only indices and maxima cross threads (the recognizer's
// softmax is batch x steps x 6625 floats; its argmax is batch x steps).
function argmax(data, dims) {
  const classes = dims[dims.length - 1]
  const rows = data.length / classes
  const indices = new Int32Array(rows)
  const values = new Float32Array(rows)
  for (let r = 0, o = 0; r < rows; r++, o += classes) {
    let best = 0
    let bestValue = data[o]
    for (let c = 1; c < classes; c++) {
      const v = data[o + c]
      if (v > bestValue) { bestValue = v; best = c }
    }
    indices[r] = best
    values[r] = bestValue
  }
  return { indices, values }
}

parentPort.on('message', async (msg) => {
  try {
    await ready
    if (msg.kind === 'init') return parentPort.postMessage({ id: msg.id, ok: true, dims: [] })
    const { session, runOptions } = sessions[msg.model]
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', msg.data, msg.dims) }
    const output = (await session.run(feeds, runOptions))[session.outputNames[0]]
    const dims = Array.from(output.dims)
    if (msg.kind === 'argmax') {
      const { indices, values } = argmax(output.data, dims)
      parentPort.postMessage({ id: msg.id, ok: true, indices, values, dims }, [indices.buffer, values.buffer])
    } else {
      // Copied: the output may live in memory the runtime owns.
      const data = new Float32Array(output.data)
      parentPort.postMessage({ id: msg.id, ok: true, data, dims }, [data.buffer])
    }
    ${COLLECT_YOUNG_GARBAGE_SOON_SOURCE}
  } catch (err) {
    parentPort.postMessage({ id: msg.id, ok: false, error: String((err && err.stack) || err) })
  }
})
`

export class OrtWorker {
  #worker: Worker
  #nextId = 1
  #pending = new Map<number, { resolve: (reply: Reply & { ok: true }) => void; reject: (err: Error) => void }>()
  #busy = 0

  private constructor(models: Record<string, WorkerModel>) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ortPath: require.resolve('onnxruntime-node'), models },
    })
    // An idle engine must not keep the process alive.
    this.#worker.unref()
    this.#worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#pending.delete(reply.id)
      if (--this.#busy === 0) this.#worker.unref()
      if (reply.ok) pending.resolve(reply)
      else pending.reject(new Error(reply.error))
    })
    this.#worker.on('error', (err) => this.#failAll(err))
    this.#worker.on('exit', (code) => this.#failAll(new Error(`ONNX worker exited with code ${code}`)))
  }

  /** Starts the worker and waits until every model is loaded. */
  static async start(models: Record<string, WorkerModel>): Promise<OrtWorker> {
    const worker = new OrtWorker(models)
    try {
      await worker.#call({ kind: 'init' }, [])
    } catch (err) {
      await worker.close()
      throw err
    }
    return worker
  }

  /** Runs `model` on one float32 input; `input` is transferred (unusable afterwards). */
  async run(model: string, input: Float32Array, dims: readonly number[]): Promise<RunResult> {
    const reply = await this.#call({ kind: 'run', model, data: input, dims }, [input.buffer as ArrayBuffer])
    return { data: reply.data!, dims: reply.dims }
  }

  /** Runs `model` and returns the argmax over the output's last axis. */
  async runArgmax(model: string, input: Float32Array, dims: readonly number[]): Promise<ArgmaxResult> {
    const reply = await this.#call({ kind: 'argmax', model, data: input, dims }, [input.buffer as ArrayBuffer])
    return { indices: reply.indices!, values: reply.values!, dims: reply.dims }
  }

  async close(): Promise<void> {
    await this.#worker.terminate()
  }

  #call(message: Record<string, unknown>, transfer: ArrayBuffer[]): Promise<Reply & { ok: true }> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      if (this.#busy++ === 0) this.#worker.ref()
      this.#worker.postMessage({ ...message, id }, transfer)
    })
  }

  #failAll(err: Error): void {
    for (const { reject } of this.#pending.values()) reject(err)
    this.#pending.clear()
    this.#busy = 0
  }
}
