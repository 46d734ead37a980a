import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R06',
  name: 'circular-reference',
  category: 'resource',
  severity: 'error',
  summary: 'A loosely coupled table: the data model has a circular reference.',
  why: {
    text: 'When tables form a loop Qlik makes one of them loosely coupled to break it; selections then stop propagating through that table and numbers depend on which table was chosen.',
    sources: [SOURCES.engineApi, SOURCES.metadataAnalyzer],
  },
  howToFix: 'Break the loop in the script: rename one of the fields that closes the circle, or concatenate or join the tables that form it.',
  severityReason: 'A loosely coupled table breaks associations: selections no longer filter across it and figures are ambiguous for users.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const model = ctx.snapshot.dataModel;
    const names = new Set([...(model?.looseTables ?? []), ...(model?.tables ?? []).filter((t) => t.isLoose).map((t) => t.name)]);
    for (const name of names) {
      ctx.report({ target: ctx.index.tableTarget(name), message: `Table ${name} is loosely coupled: the data model has a circular reference through it.`, content: name });
    }
  },
});
