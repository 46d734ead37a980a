// A tab bar following the WAI-ARIA tabs pattern (automatic activation): one tab in the Tab order,
// Left/Right (reversed in right-to-left text) move and activate, Home/End go to the ends.
// https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabItem<K extends string> {
  key: K;
  label: ComponentChildren;
}

interface Props<K extends string> {
  tabs: readonly TabItem<K>[];
  selected: K;
  onSelect(key: K): void;
  label: string;
  /** prefix for the tab and panel ids */
  idPrefix: string;
}

export const tabId = (prefix: string, key: string) => `${prefix}-tab-${key}`;
export const panelId = (prefix: string, key: string) => `${prefix}-panel-${key}`;

export function Tabs<K extends string>({ tabs, selected, onSelect, label, idPrefix }: Props<K>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.key === selected);
    const rtl = list.current ? getComputedStyle(list.current).direction === 'rtl' : false;
    const step = event.key === 'ArrowRight' ? (rtl ? -1 : 1) : event.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    let next: number | undefined;
    if (step !== 0) next = (index + step + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    const key = tabs[next].key;
    onSelect(key);
    list.current?.ownerDocument.getElementById(tabId(idPrefix, key))?.focus();
  };
  return (
    <div class="qr-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={tabId(idPrefix, tab.key)}
          aria-selected={tab.key === selected}
          aria-controls={panelId(idPrefix, tab.key)}
          tabIndex={tab.key === selected ? 0 : -1}
          onClick={() => onSelect(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
