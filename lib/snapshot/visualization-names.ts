// Qlik's words for its visualization types, for naming an object that has no title of its own:
// read off the snapshot by the analyser's finding targets and by the report's names alike.

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
  story: 'Story',
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

const WORDS = new Set(Object.values(VISUALIZATION_NAMES));

/** A name `visualizationName` gives ("Bar chart", "Extension my-ext", "Object"): what names an untitled object. */
export const isVisualizationWords = (name: string | undefined): name is string =>
  name !== undefined && (WORDS.has(name) || name === visualizationName(undefined) || /^Extension \S/.test(name));

const TITLE_EXPRESSION = '(title expression)';

/** The name of an object whose title is an expression the engine has not calculated for us. */
export const titleExpressionName = (type: string | undefined): string => `${visualizationName(type)} ${TITLE_EXPRESSION}`;

/** That name, or the bare placeholder results saved by earlier versions carry. */
export const isTitleExpressionName = (name: string | undefined): name is string => name !== undefined && (name === TITLE_EXPRESSION || name.endsWith(` ${TITLE_EXPRESSION}`));

/** The type in words a `titleExpressionName` carries: "Bar chart" of "Bar chart (title expression)"; '' of the bare placeholder. */
export const typeWordsOfTitleExpressionName = (name: string): string => name.slice(0, -TITLE_EXPRESSION.length).trim();
