// Control characters in a search are refused by the event schema, so both stores answer alike:
// SQLite's LIKE stops reading its pattern at NUL, and "\u0000" used to match every record.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { appError } from '../../src/domain/errors'
import { emptyLicense } from '../../src/domain/license'
import { createRecordsHandler, type RecordsHandler } from '../../functions/records/handler'
import { createCloudbaseRepo } from '../../functions/shared/repo/cloudbase-repo'
import type { RecordRepo } from '../../functions/shared/repo/record-repo'
import { createLocalIsStaff, openSqliteRepo } from '../../server/records'
import { createFakeCloudDb } from '../fakes/cloudbase-db'

const OWNER = 'dev-user'
const CONTROL_QUERIES = ['\u0000', '粤B\u0000', '\u0000%', '张\u0007三', '\u001b[31m', '\u007f', 'a\u0085b']
/** Test names with the control characters spelled out. */
const visible = (text: string) => text.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

let dir: string
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-search-'))))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const stores: Array<[string, () => RecordRepo & { close?: () => void }]> = [
  ['SQLite', () => openSqliteRepo(fs.mkdtempSync(path.join(dir, 'db-')))],
  ['CloudBase (fake)', () => createCloudbaseRepo(createFakeCloudDb())],
]

describe.each(stores)('search on %s', (_name, openRepo) => {
  let repo: RecordRepo & { close?: () => void }
  let handler: RecordsHandler
  beforeEach(async () => {
    repo = openRepo()
    handler = createRecordsHandler({ repo, isStaff: createLocalIsStaff([]) })
    for (const [plateNum, owner, vin] of [
      ['粤B12345', '张三', 'LSVNV2183E2100108'],
      ['京A88888', '李四', 'LSGPC52U6AF102554'],
    ]) {
      const created = await handler({ action: 'create', license: { ...emptyLicense(), plateNum, owner, vin } }, { openid: OWNER })
      expect(created.ok).toBe(true)
    }
  })
  afterEach(() => repo.close?.())

  it.each(CONTROL_QUERIES.map((query) => [visible(query), query]))('refuses %s as INVALID_INPUT', async (_label, query) => {
    expect(await handler({ action: 'search', query }, { openid: OWNER })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'query：搜索内容不能包含控制字符'),
    })
  })

  it('still finds by plate, VIN and name, and trims surrounding whitespace', async () => {
    const found = async (query: string) => {
      const result = (await handler({ action: 'search', query }, { openid: OWNER })) as { ok: boolean; records?: Array<{ license: { owner: string } }> }
      expect(result.ok).toBe(true)
      return result.records!.map((r) => r.license.owner)
    }
    expect(await found('粤b')).toEqual(['张三'])
    expect(await found(' LSGPC52U6 \n')).toEqual(['李四'])
    expect(await found('四')).toEqual(['李四'])
    expect(await found('%')).toEqual([])
  })
})
