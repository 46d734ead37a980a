// A Preact binding of @tanstack/virtual-core for lists whose rows have different heights (the
// Expressions tab's cards): rows are measured as they render, only those in view (plus a few) exist.
import { elementScroll, measureElement, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

const FALLBACK = { width: 600, height: 800 };

interface Options {
  count: number;
  /** a first guess of a row's height (px), before it is measured */
  estimateSize: number;
  getItemKey(index: number): string;
  /** rows rendered above and below the visible ones */
  overscan?: number;
}

export function useVirtualizer({ count, estimateSize, getItemKey, overscan = 4 }: Options) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const options: VirtualizerOptions<HTMLDivElement, HTMLElement> = {
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey,
    overscan,
    scrollToFn: elementScroll,
    // a list not laid out (hidden, or no layout engine as in tests) is treated as FALLBACK high
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK)),
    observeElementOffset,
    // an element without layout measures 0: keep the estimate
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || estimateSize,
    // before the first measurement (and where layout is not available, e.g. in tests)
    initialRect: FALLBACK,
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLDivElement, HTMLElement>(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return { scrollRef, virtualizer };
}
