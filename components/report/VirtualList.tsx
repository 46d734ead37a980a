// A keyboard-navigable list of fixed-height rows that renders only the rows in view (plus a few),
// so 10,000 findings scroll as smoothly as 10. WAI-ARIA listbox: the list holds focus and points
// at the active option with aria-activedescendant; selection follows the active row.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nextIndex, scrollToReveal, visibleWindow } from '../../lib/report/virtual';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  active: number;
  onActive(index: number): void;
  onActivate?(index: number): void;
  /** a click on a row, after it became the active one (e.g. to open a group) */
  onRowClick?(index: number): void;
  renderRow(item: T, index: number, active: boolean): ComponentChildren;
  itemKey(item: T): string;
  label: string;
  idPrefix: string;
  /** used before the list is measured (and where layout is not available, e.g. in tests) */
  fallbackHeight?: number;
}

export function VirtualList<T>({ items, rowHeight, active, onActive, onActivate, onRowClick, renderRow, itemKey, label, idPrefix, fallbackHeight = 480 }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(fallbackHeight);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || fallbackHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallbackHeight]);

  const view = visibleWindow({ count: items.length, rowHeight, scrollTop, viewportHeight: height });
  const clampedActive = Math.min(active, items.length - 1);

  const reveal = (index: number) => {
    const element = ref.current;
    const top = scrollToReveal(index, rowHeight, element?.scrollTop ?? scrollTop, height);
    if (top === undefined) return;
    if (element) element.scrollTop = top;
    setScrollTop(top);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'Enter' || event.key === ' ') && onActivate && items.length > 0) {
      event.preventDefault();
      onActivate(clampedActive);
      return;
    }
    const next = nextIndex(event.key, clampedActive, items.length, Math.max(1, Math.floor(height / rowHeight) - 1));
    if (next === undefined) return;
    event.preventDefault();
    onActive(next);
    reveal(next);
  };

  const optionId = (index: number) => `${idPrefix}-row-${index}`;
  return (
    <div
      ref={ref}
      class="qr-virtual"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={items.length > 0 ? optionId(clampedActive) : undefined}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div style={{ height: `${view.totalHeight}px`, position: 'relative' }}>
        <div style={{ transform: `translateY(${view.offsetTop}px)` }}>
          {items.slice(view.start, view.end).map((item, i) => {
            const index = view.start + i;
            return (
              <div
                key={itemKey(item)}
                id={optionId(index)}
                role="option"
                aria-selected={index === clampedActive}
                aria-setsize={items.length}
                aria-posinset={index + 1}
                class={index === clampedActive ? 'qr-row qr-active' : 'qr-row'}
                style={{ height: `${rowHeight}px` }}
                onClick={() => {
                  onActive(index);
                  onRowClick?.(index);
                  ref.current?.focus();
                }}
              >
                {renderRow(item, index, index === clampedActive)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
