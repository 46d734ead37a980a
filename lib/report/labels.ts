// Words for the analysis' enum values (severities, categories, target kinds), shared by the side
// panel's report (components/report/labels.ts), the HTML and Markdown exports and the CLI's text.
import type { Category, TargetKind } from '../analyze/result';
import type { Severity } from '../analyze/severity';

export const SEVERITY_NAME: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
export const SEVERITY_PLURAL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
/** One letter per severity, for the CLI's finding lines. */
export const SEVERITY_LETTER: Record<Severity, string> = { error: 'E', warning: 'W', info: 'I' };

export const CATEGORY_NAME: Record<Category, string> = {
  quality: 'Quality',
  performance: 'Performance',
  resource: 'Resources',
  design: 'Design',
  script: 'Script',
  context: 'Context',
};

export const TARGET_KIND_LABEL: Record<TargetKind, string> = {
  app: 'App',
  sheet: 'Sheet',
  object: 'Object',
  'master-measure': 'Master measure',
  'master-dimension': 'Master dimension',
  'master-object': 'Master visualization',
  variable: 'Variable',
  bookmark: 'Bookmark',
  field: 'Field',
  table: 'Table',
  script: 'Script',
  reload: 'Reload',
};

/** The connection modes of lib/protocol/settings.ts ConnectionMode, as the options page names them, and the CLI's. */
export const CONNECTION_MODE_LABEL: Record<string, string> = {
  session: 'My Qlik session',
  'web-integration': 'Web integration',
  oauth: 'OAuth',
  'api-key': 'API key',
  cli: 'Command line',
};
