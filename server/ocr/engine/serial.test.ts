import { Serial } from './serial'

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

it('runs tasks one at a time, in call order', async () => {
  const serial = new Serial()
  const log: string[] = []
  const task = (name: string) => async (): Promise<string> => {
    log.push(`${name} start`)
    await tick()
    log.push(`${name} end`)
    return name
  }
  const results = await Promise.all([serial.run(task('a')), serial.run(task('b')), serial.run(task('c'))])
  expect(results).toEqual(['a', 'b', 'c'])
  expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end'])
})

it('passes a failure to its caller only and goes on with the next task', async () => {
  const serial = new Serial()
  const failed = serial.run(async () => {
    await tick()
    throw new Error('boom')
  })
  const next = serial.run(async () => 'next')
  await expect(failed).rejects.toThrow('boom')
  await expect(next).resolves.toBe('next')
})
