// A view whose code loads on first use (a dynamic import, its own bundle chunk): the side panel's
// first view shows at once and the report views follow. Loads once per page; while loading it
// says so, and when the chunk cannot load (an extension update replaced it) it says that too.
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../lib/extension/errors';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, what: string): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined; // may be tried again on the next render
        throw error;
      },
    ));

  return function LazyView(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (component) return;
      let live = true;
      start().then(
        (c) => live && setComponent(() => c),
        (e: unknown) => live && setError(messageOf(e)),
      );
      return () => {
        live = false;
      };
    }, [component]);
    if (component) {
      const View = component;
      return <View {...props} />;
    }
    if (error)
      return (
        <p class="alert" role="alert">
          Could not load the {what}: {error}. Close and open the side panel again.
        </p>
      );
    return (
      <p role="status" class="muted">
        Loading the {what}…
      </p>
    );
  };
}
