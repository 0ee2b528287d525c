// One cloud-function instance, as SCF runs it: loads the deployed folder's index.js once (a cold
// start), then handles one invocation at a time, setting the per-invocation environment variables
// the SDK reads (WX_CONTEXT_KEYS, WX_OPENID, TCB_ENV, …) and calling exports.main(event, context).
import path from 'path'
import type { HostReady, InvokeReply, InvokeRequest } from './protocol'
import { toWireError } from './protocol'

const functionDir = process.argv[2]
const send = (message: HostReady | InvokeReply) => process.send!(message)

let main: (event: unknown, context: unknown) => unknown
try {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  main = require(path.join(functionDir, 'index.js')).main
  if (typeof main !== 'function') throw new Error('index.js exports no main function')
  send({ kind: 'ready', node: process.version })
} catch (error) {
  send({ kind: 'load-error', error: toWireError(error) })
  process.exit(1)
}

let busy = Promise.resolve()
const invocationKeys = new Set<string>()

process.on('message', (message: InvokeRequest) => {
  if (message?.kind !== 'invoke') return
  // SCF gives an instance one invocation at a time; more instances are started for concurrency.
  busy = busy.then(() => run(message))
})

async function run(request: InvokeRequest): Promise<void> {
  for (const key of invocationKeys) delete process.env[key]
  invocationKeys.clear()
  for (const [key, value] of Object.entries(request.env)) {
    process.env[key] = value
    invocationKeys.add(key)
  }
  try {
    const value = await main(request.event, request.context)
    // SCF returns the result serialized as JSON.
    send({ kind: 'invoke-result', id: request.id, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) })
  } catch (error) {
    send({ kind: 'invoke-error', id: request.id, error: toWireError(error) })
  }
}
