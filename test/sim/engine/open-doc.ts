// OpenDoc time. A real engine reads an app from storage into memory the first time it is
// opened ("cold") and keeps it there: later sessions only attach to the loaded app ("warm").
// QSDA Pro records both kinds of open for that reason ("Cold -- the app is not in Qlik server
// memory and must be read from disk. Warm -- the app is already in Qlik server memory",
// help.easyqlik.com/qsdav3/topics/openprogress.htm). So engine-behaviour.json `openDocMs` is
// paid once per app per simulator instance: by the first OpenDoc (and by any OpenDoc that
// arrives while that load runs); later opens are warm and cost nothing extra. A simulator
// reset (resetAppModel) keeps the app in memory, like a running engine.
import type { AppModel } from '../app/app-model';

const loads = new WeakMap<AppModel, Promise<void>>();

/** Waits for the app to be in memory: the first call pays `openDocMs`, the others wait for that load or not at all. */
export function loadIntoMemory(model: AppModel, sleep: (ms: number) => Promise<void>): Promise<void> {
  let load = loads.get(model);
  if (!load) {
    load = model.behaviour.openDocMs ? sleep(model.behaviour.openDocMs) : Promise.resolve();
    loads.set(model, load);
  }
  return load;
}
