/** Something the staffer can do with a saved export; on weapp these must start from a tap. */
export interface ExportFollowUp {
  label: string
  /** Resolves to a short message for a toast. */
  run(): Promise<string>
}

export interface SavedExport {
  /** What happened, shown under the export button. */
  message: string
  followUps: ExportFollowUp[]
}

/** Hands the CSV text to the platform: a download in the browser, a file in the mini program. */
export type SaveCsv = (csv: string, filename: string) => Promise<SavedExport>
