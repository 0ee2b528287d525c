// Shared steps of the cloud-runtime scenarios: a cloud environment with the three functions
// deployed on one Node version, and the mini program's side of a scan (upload target → upload
// under the storage rule → recognize).
import fs from 'fs'
import path from 'path'
import { CloudEnvironment, type CloudEnvironmentOptions } from './cloud-environment'
import { deployFunction, ROOT, type CloudNodeVersion, type DeployedFunction, type DeployOptions } from './function-runtime'

export const LICENSE_PHOTO = fs.readFileSync(path.join(ROOT, 'test/fixtures/licenses/front-clean.jpg'))

export type FnReply = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } }

export interface Cloud {
  env: CloudEnvironment
  recognize: DeployedFunction
  records: DeployedFunction
  cleanup: DeployedFunction
  stop(): void
}

export function startCloud(
  version: CloudNodeVersion,
  options: CloudEnvironmentOptions & { recognize?: DeployOptions; records?: DeployOptions; cleanup?: DeployOptions } = {},
): Cloud {
  const env = new CloudEnvironment(options)
  const cloud: Cloud = {
    env,
    recognize: deployFunction('recognizeVehicleLicense', version, env, options.recognize),
    records: deployFunction('records', version, env, options.records),
    cleanup: deployFunction('cleanupUploads', version, env, options.cleanup),
    stop() {
      for (const fn of [cloud.recognize, cloud.records, cloud.cleanup]) fn.stop()
    },
  }
  return cloud
}

export async function call(fn: DeployedFunction, event: object, openid?: string): Promise<FnReply> {
  return (await fn.call(event, openid === undefined ? {} : { openid })) as FnReply
}

/** The mini program's upload step alone: a target from the function, then the upload under the storage rule. */
export async function upload(cloud: Cloud, openid: string, photo: Buffer = LICENSE_PHOTO): Promise<string> {
  const target = await call(cloud.recognize, { action: 'uploadTarget' }, openid)
  if (!target.ok) throw new Error(`uploadTarget failed: ${JSON.stringify(target)}`)
  return cloud.env.clientUpload(openid, String(target.cloudPath), photo)
}

/** What the mini program does for one scan; returns the recognize reply and the uploaded file id. */
export async function scan(cloud: Cloud, openid: string, photo: Buffer = LICENSE_PHOTO): Promise<{ reply: FnReply; fileID: string }> {
  const target = await call(cloud.recognize, { action: 'uploadTarget' }, openid)
  if (!target.ok) throw new Error(`uploadTarget failed: ${JSON.stringify(target)}`)
  const fileID = cloud.env.clientUpload(openid, String(target.cloudPath), photo)
  const reply = await call(cloud.recognize, { fileID, mode: 'photo' }, openid)
  return { reply, fileID }
}
