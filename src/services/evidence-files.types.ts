// Persistent local copies of evidence photos (issue 12): the prepared JPEG a record's fields came
// from must survive until the server has it, across app restarts and offline stretches. The outbox
// holds only the reference (`keep`'s answer); the bytes live where the platform keeps files.

export interface OpenedEvidence {
  /** A path `gateway.uploadImage` and an <Image> can read. */
  path: string
  /** Frees what opening made (H5: the object URL). */
  release(): void
}

export interface EvidenceFiles {
  /** Copies a local image (temp file, object URL) to persistent storage; null when it cannot. */
  keep(path: string): Promise<string | null>
  /** The copy, readable; null when it is gone. */
  open(ref: string): Promise<OpenedEvidence | null>
  /** Deletes the copy; best effort, never rejects. */
  discard(ref: string): Promise<void>
  /** Every copy kept (for the launch sweep of copies nothing refers to any more). */
  list(): Promise<string[]>
}
