/** `--name value` and bare `--flag` (→ 'true') into a record; other words are ignored. */
export function parseArgs(argv: readonly string[]): Record<string, string> {
  const args: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) continue
    const next = argv[i + 1]
    if (next === undefined || next.startsWith('--')) args[a.slice(2)] = 'true'
    else {
      args[a.slice(2)] = next
      i++
    }
  }
  return args
}
