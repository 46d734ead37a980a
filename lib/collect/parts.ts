// Which collector fills which part of the snapshot (the parts are the snapshot's keys,
// lib/snapshot/parts.ts), and how each runs. collectApp (index.ts) walks INVENTORY: every
// collector starts in this order, all run together through the engine pool, and the counted ones
// make the inventory's progress. The expressions and the timings come after, in their own stages.
// test/lib/collect/parts.test.ts checks that every part is filled by exactly one collector.
import type { MasterDimension, MasterMeasure, Script, Variable, Bookmark } from '../snapshot/schema';
import type { SnapshotPart } from '../snapshot/parts';
import { type AppParts, collectAppParts } from './app';
import { collectBookmarks } from './bookmarks';
import { type CollectContext, attempt } from './context';
import { type DataModelSources, fetchDataModelSources } from './data-model';
import type { ExpressionChecker } from './expressions/checks';
import { listDimensions, listMeasures, listVariables } from './lists';
import { buildMasterDimension, buildMasterMeasure } from './master-items';
import { type RestParts, collectRestParts } from './rest-parts';
import { collectScript } from './script';
import { type SheetsPart, collectSheetsAndObjects } from './sheets';
import { buildVariable, withCalculatedValues } from './variables';

/** What each inventory collector gives collectApp, which builds the snapshot's parts from it. */
export interface Inventory {
  app: AppParts;
  sheets: SheetsPart;
  masterMeasures: MasterMeasure[];
  masterDimensions: MasterDimension[];
  variables: Variable[];
  bookmarks: Bookmark[];
  /** absent when the engine calls failed (the issue is in collectionIssues) */
  dataModel: Omit<DataModelSources, 'metadata'> | undefined;
  script: Script | undefined;
  rest: RestParts;
}

/** What the inventory collectors share while they run. */
export interface InventoryRun {
  /** the engine's expression checks: fed each object tree as it arrives, waiting for the master measure labels */
  checker: ExpressionChecker;
  onObjects: (objects: SheetsPart['objects']) => void;
  /** a collector listed earlier, already running */
  started<K extends keyof Inventory>(name: K): Promise<Inventory[K]>;
}

export interface CollectorPart<T> {
  /** the snapshot parts built from what it gives */
  fills: readonly SnapshotPart[];
  /** counted in the inventory's progress (the REST parts are not: they are a handful of quick calls after the app's) */
  counted: boolean;
  run(ctx: CollectContext, run: InventoryRun): Promise<T>;
}

export const INVENTORY: { readonly [K in keyof Inventory]: CollectorPart<Inventory[K]> } = {
  app: { fills: ['app', 'access'], counted: true, run: (ctx) => collectAppParts(ctx) },
  sheets: {
    fills: ['sheets', 'objects', 'masterVisualizations', 'stories'],
    counted: true,
    run: (ctx, { onObjects }) => collectSheetsAndObjects(ctx, onObjects),
  },
  masterMeasures: {
    fills: ['masterMeasures'],
    counted: true,
    run: async (ctx, { checker }) => {
      const built = ((await attempt(ctx, 'masterMeasures', () => listMeasures(ctx))) ?? []).map(buildMasterMeasure);
      checker.setMasterLabels(built.map((m) => m.label));
      return built;
    },
  },
  masterDimensions: {
    fills: ['masterDimensions'],
    counted: true,
    run: async (ctx) => ((await attempt(ctx, 'masterDimensions', () => listDimensions(ctx))) ?? []).map(buildMasterDimension),
  },
  variables: {
    fills: ['variables'],
    counted: true,
    run: async (ctx) => (await attempt(ctx, 'variables', async () => withCalculatedValues(ctx, (await listVariables(ctx)).map(buildVariable)))) ?? [],
  },
  bookmarks: { fills: ['bookmarks'], counted: true, run: (ctx) => collectBookmarks(ctx) },
  // the data model takes the REST metadata's sizes too (collectApp joins them)
  dataModel: { fills: ['dataModel'], counted: true, run: (ctx) => attempt(ctx, 'dataModel', () => fetchDataModelSources(ctx)) },
  script: { fills: ['script'], counted: true, run: (ctx) => collectScript(ctx) },
  rest: {
    fills: ['extensions', 'themes', 'metadata', 'reloads', 'evaluation', 'item', 'space'],
    counted: false,
    // the space's type needs the app's space id
    run: (ctx, { started }) => started('app').then((app) => collectRestParts(ctx, typeof app.attributes?.spaceId === 'string' ? app.attributes.spaceId : undefined)),
  },
};

/** The stages after the inventory: the parts they fill. */
export const LATER_STAGES = {
  /** extracted from the inventory's trees (lib/collect/expressions), checked by the engine */
  expressions: { fills: ['expressions', 'libraryReferences', 'fieldReferences', 'mentions'] },
  /** alone, so other traffic does not inflate the times; the objects' layouts are read here too */
  timings: { fills: ['timings'] },
} as const satisfies Record<string, Pick<CollectorPart<unknown>, 'fills'>>;

/** Start every inventory collector in INVENTORY's order; each counted one moves `progress` when it ends. */
export async function collectInventory(ctx: CollectContext, shared: Omit<InventoryRun, 'started'>, progress: () => void): Promise<Inventory> {
  const running = new Map<keyof Inventory, Promise<unknown>>();
  const run: InventoryRun = {
    ...shared,
    started: <K extends keyof Inventory>(name: K) => {
      const promise = running.get(name);
      if (!promise) throw new Error(`collector "${name}" must be listed before the one that waits for it`);
      return promise as Promise<Inventory[K]>;
    },
  };
  for (const name of Object.keys(INVENTORY) as (keyof Inventory)[]) {
    const collector = INVENTORY[name] as CollectorPart<unknown>;
    const promise = collector.run(ctx, run);
    running.set(name, collector.counted ? promise.finally(progress) : promise);
  }
  const names = [...running.keys()];
  const results = await Promise.all(running.values());
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as unknown as Inventory;
}

/** How many inventory collectors the progress counts. */
export const COUNTED_COLLECTORS = Object.values(INVENTORY).filter((c) => c.counted).length;
