/**
 * The narrow SQL port both backends implement, so every query is written once in Postgres SQL
 * with `$1` parameters. Vectors are passed as pgvector text literals (see `toVectorLiteral`).
 */
export interface SqlClient {
  readonly kind: "pglite" | "postgres";
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** Run `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Run several statements separated by semicolons (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/** What a transaction body may do. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** pgvector's text form: '[1,2,3]'. Used on both backends so no driver-specific type hooks are needed. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (x) => (Number.isFinite(x) ? Number(x.toFixed(6)) : 0)).join(",")}]`;
}

/**
 * A client whose statements, and nested transactions, all run inside one outer transaction `tx`, so several verbs
 * that each open a transaction (ingest, import) commit or roll back together.
 * @example await db.transaction((tx) => loadAll({ ...deps, db: withinTransaction(db, tx) }))
 */
export function withinTransaction(outer: SqlClient, tx: SqlExecutor): SqlClient {
  return {
    kind: outer.kind,
    query: (text, params) => tx.query(text, params),
    transaction: (work) => work(tx),
    exec: async () => {
      throw new Error("exec (migrations) cannot run inside another transaction");
    },
    close: async () => undefined,
  };
}
