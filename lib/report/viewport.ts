// Pan and zoom of an SVG drawing as pure viewBox math: the view is the part of the drawing shown;
// zooming keeps the point under the pointer (or the centre) in place and stays between 1/8 and
// twice the whole drawing.

export interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MIN_SHARE = 1 / 8;
const MAX_SHARE = 2;

/** The whole drawing. */
export function fitViewport(width: number, height: number): Viewport {
  return { x: 0, y: 0, width: Math.max(1, width), height: Math.max(1, height) };
}

/** `factor` > 1 zooms in; `around` is a point of the drawing that stays where it is. */
export function zoomViewport(view: Viewport, factor: number, whole: Viewport, around?: { x: number; y: number }): Viewport {
  const share = Math.min(MAX_SHARE, Math.max(MIN_SHARE, view.width / factor / whole.width));
  const width = whole.width * share;
  const height = whole.height * share;
  const anchor = around ?? { x: view.x + view.width / 2, y: view.y + view.height / 2 };
  const rx = (anchor.x - view.x) / view.width;
  const ry = (anchor.y - view.y) / view.height;
  return { x: anchor.x - rx * width, y: anchor.y - ry * height, width, height };
}

/** Moves the view by (dx, dy) in drawing units, keeping part of the drawing in view. */
export function panViewport(view: Viewport, dx: number, dy: number, whole: Viewport): Viewport {
  const clamp = (value: number, size: number, total: number) => Math.min(total - size * 0.1, Math.max(-size * 0.9, value));
  return { ...view, x: clamp(view.x + dx, view.width, whole.width), y: clamp(view.y + dy, view.height, whole.height) };
}

export const viewBoxOf = (v: Viewport): string => [v.x, v.y, v.width, v.height].map((n) => Math.round(n * 10) / 10).join(' ');

/** Below this share of its own size a fitted drawing's 11 px labels are too small to read. */
const READABLE_SCALE = 0.75;

/**
 * The first view of a drawing in a frame of `frameWidth` × `frameHeight` px: the whole drawing when
 * it fits at a readable scale, else its top left at one unit a pixel (pan and zoom show the rest).
 */
export function readableViewport(whole: Viewport, frameWidth: number, frameHeight: number): Viewport {
  const scale = Math.min(frameWidth / whole.width, frameHeight / whole.height);
  if (scale >= READABLE_SCALE || frameWidth <= 0 || frameHeight <= 0) return whole;
  return { x: whole.x, y: whole.y, width: frameWidth, height: frameHeight };
}
