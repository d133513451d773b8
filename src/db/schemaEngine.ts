// Offline access to Prisma's schema engine (the WebAssembly build), so
// migrations apply with no network and no native engine download.
// We instantiate the .wasm ourselves instead of relying on Node's
// --experimental-wasm-modules, so this works under tsx, vitest and plain node.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as EngineTypes from '@prisma/schema-engine-wasm';

type EngineModule = typeof EngineTypes;
type WasmExports = Record<string, unknown>;
// @types/node 20 does not declare the WebAssembly global; Node has it.
const Wasm = (
  globalThis as unknown as {
    WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: WasmExports } }> };
  }
).WebAssembly;
let modulePromise: Promise<EngineModule> | undefined;

async function loadEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const bg = (await import(path.join(pkgDir, 'schema_engine_bg.js'))) as EngineModule & {
    __wbg_set_wasm(exports: WasmExports): void;
  };
  const bytes = fs.readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm'));
  const { instance } = await Wasm.instantiate(bytes, { './schema_engine_bg.js': bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export type SchemaEngine = EngineTypes.SchemaEngine;

/** An engine plus a close() that frees it and every connection it opened. */
export interface OpenEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function openSchemaEngine(
  schemaPath: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<OpenEngine> {
  modulePromise ??= loadEngineModule();
  const mod = await modulePromise;
  const datamodel = fs.readFileSync(schemaPath, 'utf8');
  const log = (msg: string) => {
    if (process.env.SSJ_DEBUG_SCHEMA_ENGINE) console.error('[schema-engine]', msg);
  };
  // The engine never closes the connections it asks for; track them so a
  // second engine in the same process (tests, start-up) does not find the
  // SQLite file locked.
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => track(await adapterFactory.connect()),
    connectToShadowDb: async () => track(await adapterFactory.connectToShadowDb()),
  };
  function track<T extends { dispose(): Promise<void> }>(conn: T): T {
    opened.push(conn);
    return conn;
  }
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((c) => c.dispose().catch(() => undefined)));
    },
  };
}
