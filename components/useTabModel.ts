// The popup's and the side panel's hold on their tab's model while they are shown: it follows the
// run's progress (and reloads when a run finishes) and loads the tab's state once.
import { useEffect } from 'preact/hooks';
import type { TabModel } from './models/tab-model';

export function useTabModel(model: TabModel): void {
  useEffect(() => {
    const disconnect = model.connect();
    void model.load();
    return disconnect;
  }, [model]);
}
