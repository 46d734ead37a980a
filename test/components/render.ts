// Renders a Preact tree into happy-dom and gives a few helpers to find and click by text.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';

export async function mount(tree: ComponentChild) {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(tree, root));
  const text = () => root.textContent ?? '';
  const button = (name: string | RegExp) => {
    const found = [...root.querySelectorAll('button')].find((b) =>
      typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? ''),
    );
    if (!found) throw new Error(`no button ${String(name)} in: ${text()}`);
    return found;
  };
  return {
    root,
    text,
    button,
    click: async (name: string | RegExp) => {
      await act(async () => button(name).click());
    },
    /** waits until the rendered text contains `expected` */
    until: (expected: string) => vi.waitFor(() => {
      if (!text().includes(expected)) throw new Error(`waiting for "${expected}" in: ${text()}`);
    }),
    unmount: () => act(() => render(null, root)),
  };
}

export { act };
