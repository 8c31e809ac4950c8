import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlResultSet,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

import { databaseUrl } from "@/lib/db/database-url";

/**
 * The engine's Rust panics write their message here before the wasm call
 * traps with a bare "unreachable"; the message is what explains it.
 */
const panics = {
  message: "",
  set_message(message: string) {
    panics.message = message;
  },
};
(
  globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panics }
).PRISMA_WASM_PANIC_REGISTRY ??= panics;

let loaded: Promise<typeof engineBindings.SchemaEngine> | undefined;

/**
 * The package's own entry imports the `.wasm` file as an ES module, which
 * plain Node does not do; instantiating it by hand needs only the bindings.
 */
function loadEngine(): Promise<typeof engineBindings.SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsPath =
      require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(
      path.dirname(bindingsPath),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(
      await readFile(wasmPath),
      { "./schema_engine_bg.js": engineBindings },
    );
    const exports = instance.exports as { __wbindgen_start(): void };
    engineBindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();

    return engineBindings.SchemaEngine;
  })();

  return loaded;
}

export interface SchemaEngineOptions {
  /** The database the engine works on; shadow databases go on its server. */
  url: string;
  onLog?: (line: string) => void;
}

/** Runs `fn` with Prisma's WebAssembly schema engine on the pg adapter. */
export async function withSchemaEngine<T>(
  options: SchemaEngineOptions,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const Engine = await loadEngine();
  const factory = new MigrationPgAdapterFactory(options.url);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await Engine.new(
    { datamodels: undefined },
    (line: string) => options.onLog?.(line),
    adapter,
  );
  try {
    return await fn(engine as unknown as SchemaEngine);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError && panics.message) {
      throw new Error(`schema engine panicked: ${panics.message}`, {
        cause: error,
      });
    }
    throw error;
  } finally {
    engine.free();
    // Freeing the engine leaves its pools open, and with them a session
    // holding the engine's own advisory lock: the next engine would wait
    // 10 s for it.
    await factory.disposeAll();
  }
}

const charOid = 18;
const textOid = 25;
const charColumnMark = "\u0000jetty-char";

/**
 * The engine reads catalog columns of Postgres' one-byte `"char"` type
 * (`pg_constraint.contype`) and expects them typed as characters, but
 * @prisma/adapter-pg 7.10 rejects that type outright. pg already hands the
 * value over as a one-letter string, so the client passes the column on as
 * text with a marked name, and the adapter wrapper below restores the name
 * and reports the column as a character.
 */
function markCharColumns<R>(result: R): R {
  const fields = (
    result as { fields?: { name: string; dataTypeID: number }[] } | null
  )?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID !== charOid) continue;
    field.dataTypeID = textOid;
    field.name += charColumnMark;
  }

  return result;
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  result.columnNames.forEach((name, index) => {
    if (!name.endsWith(charColumnMark)) return;
    result.columnNames[index] = name.slice(0, -charColumnMark.length);
    result.columnTypes[index] = ColumnTypeEnum.Character;
  });

  return result;
}

class CatalogReadingClient extends pg.Client {
  // pg's overloads cannot be re-declared one by one; every form passes
  // through unchanged and only the result is touched.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) =>
        last(error, error ? result : markCharColumns(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned instanceof Promise) {
      return returned.then(markCharColumns) as never;
    }

    return returned as never;
  }
}

/**
 * The pg adapter, with two changes for migrations: `"char"` columns (above),
 * and a migration script sent as one simple query. The adapter's own
 * `executeScript` splits on every `;`, which breaks statements holding one
 * in a string or a function body; one simple query is also what Prisma's
 * native engine sends, and Postgres runs it as a single transaction.
 */
class MigrationPgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";

  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly url: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await connectAdapter(this.url));
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return;
      await dispose();
    };
    this.open.add(adapter);

    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runOn(this.url, `CREATE DATABASE "${name}"`);
    const adapter = await connectAdapter(databaseUrl(this.url, name));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await runOn(this.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };

    return this.track(adapter);
  }
}

async function connectAdapter(url: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({
    connectionString: url,
    Client: CatalogReadingClient,
  });
  const adapter = await new PrismaPg(pool, {
    disposeExternalPool: true,
  }).connect();
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => restoreCharColumns(await queryRaw(query));
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = await startTransaction(isolationLevel);
    const txQueryRaw = transaction.queryRaw.bind(transaction);
    transaction.queryRaw = async (query) =>
      restoreCharColumns(await txQueryRaw(query));

    return transaction;
  };
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw asDriverAdapterError(error);
    }
  };

  return adapter;
}

async function runOn(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function asDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;

  return new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "",
    severity: error.severity ?? "ERROR",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}
