// Awaits a call that must fail with a ProviderError and returns its observable fields.
import { ProviderError } from '../../src/domain/errors'

export interface ProviderErrorFields {
  code: string
  message: string
  providerCode?: number
  providerMessage?: string
}

export async function providerErrorOf(call: Promise<unknown>): Promise<ProviderErrorFields> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error(`expected a ProviderError, got ${JSON.stringify(outcome.value)}`)
  if (!(outcome.error instanceof ProviderError)) throw outcome.error
  const { code, message, providerCode, providerMessage } = outcome.error
  return { code, message, providerCode, providerMessage }
}
