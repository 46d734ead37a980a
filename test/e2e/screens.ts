// Screenshots of one view in light and dark, narrow (320 px, the side panel's minimum) and wide
// (800 px), saved to reports/screenshots/ (kept by CI). Each variant is checked too: the caller's
// content check, no sideways scrolling at 320 px, axe in both colour schemes, and dark mode really
// changing the page's colours (axe: every rule in light, colour contrast again in dark).
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectAccessible } from './axe';

export const SCREENSHOTS = fileURLToPath(new URL('../../reports/screenshots', import.meta.url));
export const SCHEMES = ['light', 'dark'] as const;
export const NARROW = 320;
export const WIDE = 800;

export type Scheme = (typeof SCHEMES)[number];

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}/${name}.png`;
}

/** true when the page scrolls sideways (content wider than the window) */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** the page's background and text colours, as computed */
export async function pageColours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, text: style.color };
  });
}

interface Options {
  /** widths to capture (default: narrow and wide) */
  widths?: readonly number[];
  height?: number;
  /** checked in every variant: the view's key content is there */
  check(page: Page): Promise<void>;
}

/**
 * Captures `<name>-<scheme>-<width>.png` for every scheme and width, asserting the view in each.
 * Leaves the page light and wide.
 */
export async function captureView(page: Page, name: string, { widths = [NARROW, WIDE], height = 900, check }: Options): Promise<void> {
  const colours: Partial<Record<Scheme, { background: string; text: string }>> = {};
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    colours[scheme] = await pageColours(page);
    for (const width of widths) {
      await page.setViewportSize({ width, height });
      await check(page);
      if (width <= NARROW) expect(await overflowsHorizontally(page), `${name} scrolls sideways at ${width} px (${scheme})`).toBe(false);
      await page.screenshot({ path: screenshotPath(`${name}-${scheme}-${width}`), fullPage: true });
    }
    // At the last width. The structure is the same in both schemes: dark mode rechecks contrast only.
    await expectAccessible(page, scheme === 'light' ? undefined : ['color-contrast']);
  }
  expect(colours.dark?.background, `${name}: dark mode changes the background`).not.toBe(colours.light?.background);
  expect(colours.dark?.text, `${name}: dark mode changes the text colour`).not.toBe(colours.light?.text);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: widths[widths.length - 1], height });
}
