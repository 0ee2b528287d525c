// The slice of the wx-server-sdk database API (cloud.database()) the records adapter uses, typed
// structurally so the real SDK and the in-memory fake (test/fakes/cloudbase-db.ts) both fit.
// Reference: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/database/

/** A value built by db.command or db.RegExp; only the database interprets it. */
export type CloudOperator = object

export interface CloudCommand {
  eq(value: unknown): CloudOperator
  neq(value: unknown): CloudOperator
  gt(value: unknown): CloudOperator
  gte(value: unknown): CloudOperator
  lt(value: unknown): CloudOperator
  lte(value: unknown): CloudOperator
  in(values: unknown[]): CloudOperator
  /** Top level: array of conditions; field level: array of operators. */
  and(conditions: object[]): CloudOperator
  or(conditions: object[]): CloudOperator
  /** Update: replace the whole value (a plain object in update data is merged field by field). */
  set(value: unknown): CloudOperator
  /** Update: delete the field. */
  remove(): CloudOperator
  inc(n: number): CloudOperator
}

export interface CloudUpdateResult {
  stats: { updated: number }
}

export interface CloudRemoveResult {
  stats: { removed: number }
}

export interface CloudQuery {
  /** A condition object (field or dot path -> value/operator) or a top-level _.and/_.or. */
  where(condition: object): CloudQuery
  orderBy(fieldPath: string, direction: 'asc' | 'desc'): CloudQuery
  skip(offset: number): CloudQuery
  /** The server caps it (100 per query in cloud functions, 20 on the client): always page. */
  limit(max: number): CloudQuery
  get(): Promise<{ data: Array<Record<string, unknown>> }>
  count(): Promise<{ total: number }>
  /** Updates every matching document. */
  update(options: { data: Record<string, unknown> }): Promise<CloudUpdateResult>
  remove(): Promise<CloudRemoveResult>
}

export interface CloudDocument {
  /** Rejects (errCode -1, "document with _id … does not exist") when missing. */
  get(): Promise<{ data: Record<string, unknown> }>
  update(options: { data: Record<string, unknown> }): Promise<CloudUpdateResult>
  remove(): Promise<CloudRemoveResult>
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument
  /** data may carry its own _id; a duplicate _id rejects. */
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number }>
}

/** A document inside a transaction: only doc-level reads and writes exist there. */
export interface CloudTransactionDocument {
  /** Rejects ("document with _id … does not exist") when missing, like doc().get() outside. */
  get(): Promise<{ data: Record<string, unknown> }>
  /** Replaces the whole document, creating it when missing (no _id in data). */
  set(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number; created: number } }>
  update(options: { data: Record<string, unknown> }): Promise<CloudUpdateResult>
  remove(): Promise<CloudRemoveResult>
}

export interface CloudTransaction {
  collection(name: string): {
    doc(id: string): CloudTransactionDocument
    /** A duplicate _id rejects, and the transaction is then rolled back. */
    add(options: { data: Record<string, unknown> }): Promise<{ _id: string | number }>
  }
  /** Aborts; runTransaction then rejects with `reason`. */
  rollback(reason?: unknown): Promise<unknown>
}

export interface CloudDatabase {
  command: CloudCommand
  RegExp(options: { regexp: string; options?: string }): CloudOperator
  collection(name: string): CloudCollection
  /**
   * Runs `callback` in a transaction and commits it; on a write conflict (an error whose `code` is
   * DATABASE_TRANSACTION_CONFLICT) the whole callback runs again, `times` more times at most (SDK
   * default 3: 4 attempts). Any other error, or rollback(reason), rolls back and rejects.
   * Collections cannot be created inside a transaction.
   */
  runTransaction<T>(callback: (transaction: CloudTransaction) => Promise<T>, times?: number): Promise<T>
  /** Rejects when the collection already exists (errCode -501001, "Table exist"). */
  createCollection(name: string): Promise<unknown>
}
