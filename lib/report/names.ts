// Names for what a finding is about, in words a Qlik user reads: an untitled object is named by
// its type and its sheet ("Bar chart on Sales overview"), never by its id; the id stays
// available to the view (hover, copy) through the target itself.
import type { Target } from '../analyze/result';
import type { AppSnapshot } from '../snapshot/schema';

/** Qlik's names for its visualization types (Qlik help, "Visualizations"). */
const VISUALIZATION_NAMES: Record<string, string> = {
  'action-button': 'Button',
  'auto-chart': 'Auto chart',
  barchart: 'Bar chart',
  boxplot: 'Box plot',
  bulletchart: 'Bullet chart',
  combochart: 'Combo chart',
  container: 'Container',
  distributionplot: 'Distribution plot',
  filterpane: 'Filter pane',
  gauge: 'Gauge',
  histogram: 'Histogram',
  kpi: 'KPI',
  linechart: 'Line chart',
  listbox: 'Filter',
  map: 'Map',
  masterobject: 'Master visualization',
  mekkochart: 'Mekko chart',
  piechart: 'Pie chart',
  'pivot-table': 'Pivot table',
  scatterplot: 'Scatter plot',
  sheet: 'Sheet',
  table: 'Table',
  'text-image': 'Text & image',
  treemap: 'Treemap',
  waterfallchart: 'Waterfall chart',
  'sn-action-button': 'Button',
  'sn-animator': 'Animator',
  'sn-bar-chart': 'Bar chart',
  'sn-bullet-chart': 'Bullet chart',
  'sn-date-picker': 'Date picker',
  'sn-filter-pane': 'Filter pane',
  'sn-funnel-chart': 'Funnel chart',
  'sn-grid-chart': 'Grid chart',
  'sn-heatmap-chart': 'Heatmap chart',
  'sn-kpi': 'KPI',
  'sn-layout-container': 'Layout container',
  'sn-line-chart': 'Line chart',
  'sn-list-box': 'Filter',
  'sn-map': 'Map',
  'sn-mekko-chart': 'Mekko chart',
  'sn-multi-kpi': 'Multi KPI',
  'sn-nav-menu': 'Navigation menu',
  'sn-on-demand-reporting': 'On-demand reporting',
  'sn-org-chart': 'Org chart',
  'sn-pivot-table': 'Pivot table',
  'sn-radar-chart': 'Radar chart',
  'sn-sankey-chart': 'Sankey chart',
  'sn-scatter-plot': 'Scatter plot',
  'sn-shape': 'Shape',
  'sn-spark-chart': 'Spark chart',
  'sn-straight-table': 'Straight table',
  'sn-table': 'Table',
  'sn-tabbed-container': 'Tabbed container',
  'sn-text': 'Text',
  'sn-trellis-container': 'Trellis container',
  'sn-variable-input': 'Variable input',
  'sn-variance-waterfall': 'Variance waterfall',
  'sn-video': 'Video player',
  'sn-word-cloud': 'Word cloud',
  'qlik-animator': 'Animator',
  'qlik-bullet-chart': 'Bullet chart',
  'qlik-button-for-navigation': 'Navigation button',
  'qlik-date-picker': 'Date picker',
  'qlik-funnel-chart': 'Funnel chart',
  'qlik-heatmap-chart': 'Heatmap chart',
  'qlik-multi-kpi': 'Multi KPI',
  'qlik-on-demand-reporting': 'On-demand reporting',
  'qlik-org-chart': 'Org chart',
  'qlik-radar-chart': 'Radar chart',
  'qlik-sankey-chart': 'Sankey chart',
  'qlik-share-button': 'Share button',
  'qlik-show-hide-container': 'Show/hide container',
  'qlik-tabbed-container': 'Tabbed container',
  'qlik-trellis-container': 'Trellis container',
  'qlik-variable-input': 'Variable input',
  'qlik-variance-waterfall': 'Variance waterfall',
  'qlik-word-cloud': 'Word cloud',
  'idevio-map': 'Map (GeoAnalytics)',
};

export const isKnownVisualization = (type: string | undefined): type is string => type !== undefined && Object.hasOwn(VISUALIZATION_NAMES, type);

/** "Bar chart" for `barchart`; an extension keeps its own type name ("Extension my-ext"). */
export function visualizationName(type: string | undefined): string {
  if (!type) return 'Object';
  return isKnownVisualization(type) ? VISUALIZATION_NAMES[type] : `Extension ${type}`;
}

/** What the report knows about an object beyond its finding's target. */
export interface ObjectFacts {
  type: string;
  /** a literal title; absent when untitled or when the title is an expression */
  title?: string;
  /** the title as the engine calculated it (layout), for a title expression */
  shownTitle?: string;
}

export type ObjectLookup = (id: string) => ObjectFacts | undefined;

const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() ? s : undefined);

/** Object facts from the snapshot (the side panel has it); without one, names come from the targets alone. */
export function objectLookupOf(snapshot: AppSnapshot | undefined): ObjectLookup {
  if (!snapshot) return () => undefined;
  const byId = new Map(snapshot.objects.map((o) => [o.id, o]));
  return (id) => {
    const o = byId.get(id);
    if (!o) return undefined;
    const title = o.titleIsExpression ? undefined : nonEmpty(o.title);
    const shownTitle = nonEmpty(o.layout?.title);
    return { type: o.visualization || o.type, ...(title ? { title } : {}), ...(shownTitle ? { shownTitle } : {}) };
  };
}

/** The analyser names an untitled object by its type code or id, a title expression by a placeholder. */
function isPlaceholderName(target: Target, type: string | undefined): boolean {
  const name = target.name;
  return !nonEmpty(name) || name === target.id || name === type || name === '(title expression)' || isKnownVisualization(name);
}

/**
 * The name to show for a finding's target: its title or label when it has one; for an untitled
 * object its type in words and where it is ("Bar chart on Sales overview", "Table in master items").
 */
export function targetDisplayName(target: Target, lookup: ObjectLookup = () => undefined): string {
  if (target.kind !== 'object' && target.kind !== 'master-object') {
    if (nonEmpty(target.name)) return target.name as string;
    return target.kind === 'sheet' ? 'Untitled sheet' : target.id;
  }
  const facts = lookup(target.id);
  const type = facts?.type ?? (isKnownVisualization(target.name) ? target.name : undefined);
  const title = facts ? (facts.title ?? facts.shownTitle) : isPlaceholderName(target, type) ? undefined : target.name;
  if (title) return title;
  const where = target.sheet ? ` on ${nonEmpty(target.sheet.name) ?? 'an untitled sheet'}` : target.kind === 'master-object' ? ' in master items' : '';
  return `${visualizationName(type)}${where}`;
}
