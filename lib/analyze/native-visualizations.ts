// Visualization types Qlik Cloud ships (native charts and the supported "sn-" objects of the
// Visualization and Dashboard bundles). Anything else is an extension (Q07, D11).
// Sources: Qlik help "Visualizations" and "Dashboard bundle" / "Visualization bundle" pages
// (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Visualizations/visualizations.htm,
//  .../Visualizations/DashboardBundle/dashboard-bundle.htm, .../Visualizations/VisualizationBundle/visualization-bundle.htm).
export const NATIVE_VISUALIZATIONS: ReadonlySet<string> = new Set([
  'sheet', 'container', 'sn-layout-container', 'sn-tabbed-container',
  'barchart', 'boxplot', 'bulletchart', 'combochart', 'distributionplot', 'filterpane', 'listbox', 'gauge', 'histogram',
  'kpi', 'linechart', 'map', 'mekkochart', 'piechart', 'pivot-table', 'scatterplot', 'table', 'text-image', 'treemap',
  'waterfallchart', 'action-button', 'sn-action-button', 'sn-nav-menu', 'sn-filter-pane', 'sn-table', 'sn-pivot-table',
  'sn-text', 'sn-video', 'sn-shape', 'sn-org-chart', 'sn-sankey-chart', 'sn-mekko-chart', 'sn-grid-chart',
  'sn-bullet-chart', 'sn-funnel-chart', 'sn-heatmap-chart', 'sn-multi-kpi', 'sn-radar-chart', 'sn-trellis-container',
  'sn-variance-waterfall', 'sn-word-cloud', 'sn-layout-container', 'sn-animator', 'sn-date-picker', 'sn-variable-input',
  'sn-on-demand-reporting', 'sn-line-chart', 'sn-bar-chart', 'sn-kpi', 'sn-map', 'sn-scatter-plot', 'sn-straight-table',
  'sn-spark-chart', 'sn-tooltip', 'sn-list-box', 'sn-button', 'auto-chart', 'qlik-multi-kpi', 'qlik-variance-waterfall',
  'qlik-word-cloud', 'qlik-radar-chart', 'qlik-sankey-chart', 'qlik-funnel-chart', 'qlik-heatmap-chart', 'qlik-org-chart',
  'qlik-bullet-chart', 'qlik-trellis-container', 'qlik-date-picker', 'qlik-variable-input', 'qlik-show-hide-container',
  'qlik-tabbed-container', 'qlik-animator', 'qlik-button-for-navigation', 'qlik-share-button', 'qlik-on-demand-reporting',
  'idevio-map', 'masterobject', 'text', 'shape', 'qlik-sankey-chart-ext', 'snapshot', 'embeddedsnapshot', 'story',
  'slide', 'slideitem', 'childObject', 'sn-pivot-table',
]);

/**
 * Older bundle objects Qlik has replaced (navigation button → action button, show/hide and tabbed
 * containers → native container, trellis → native trellis). Qlik help "Deprecated visualizations".
 */
export const DEPRECATED_VISUALIZATIONS: ReadonlyMap<string, string> = new Map([
  ['qlik-button-for-navigation', 'Button (action-button)'],
  ['qlik-show-hide-container', 'Container (container) with show conditions'],
  ['qlik-tabbed-container', 'Container (container)'],
  ['qlik-share-button', 'Button (action-button)'],
  ['qlik-trellis-container', 'Trellis container (sn-trellis-container)'],
  ['qlik-date-picker', 'Date picker (sn-date-picker)'],
]);

export const isNativeVisualization = (type: string): boolean => NATIVE_VISUALIZATIONS.has(type);
