// Variables from one qVariableListDef (reserved and config variables included and flagged).
import type { z } from 'zod';
import type { Variable } from '../snapshot/schema.ts';
import type { VariableListItem } from './engine-schemas.ts';

export function buildVariable(item: z.infer<typeof VariableListItem>): Variable {
  const tags = Array.isArray(item.qData?.tags) ? item.qData.tags.filter((t): t is string => typeof t === 'string') : [];
  return {
    ...(item.qInfo ? { id: item.qInfo.qId } : {}),
    name: item.qName,
    definition: item.qDefinition ?? '',
    ...(item.qDescription ? { comment: item.qDescription } : {}),
    tags,
    isScriptCreated: item.qIsScriptCreated === true,
    isReserved: item.qIsReserved === true,
    isConfig: item.qIsConfig === true,
    raw: item,
  };
}
