// One call from a CLI result to the bytes of the chosen format. text and json are the CLI's own
// contract (output.ts); the other formats are the extension's export renderers.
import type { AnalysisResult } from '../analyze/result.ts';
import type { AppSnapshot } from '../snapshot/schema.ts';
import type { OutputFormat } from './formats.ts';
import { type CliOutput, formatText } from './output.ts';

export interface RenderInput {
  output: CliOutput;
  snapshot: AppSnapshot;
  result?: AnalysisResult;
}

export function renderCliOutput(format: OutputFormat, input: RenderInput): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(input.output, null, 2)}\n`;
    case 'text':
      return formatText(input.output);
    default:
      throw new Error(`--format ${format} is not available in this build (it renders through lib/export)`);
  }
}
