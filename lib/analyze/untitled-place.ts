// Where an object without a title is, said after its type in words: on its sheet, or in the master
// items. One wording for the analyser's messages (lib/analyze/targets.ts: 'Bar chart on sheet
// "Sales overview"') and the report's names (lib/report/names.ts: 'Bar chart on Sales overview').
// A message quotes the sheet's name as it quotes every name it gives; a shown name is itself set
// off as a name (styled, or in quotes: components/format.ts), so quotes inside it would nest.
import type { Target } from './result';

/** `message`: the sheet quoted after the word "sheet"; `name`: the sheet's name as is. */
export type PlaceWording = 'message' | 'name';

/** ' on sheet "Sales overview"' / ' on Sales overview', ' on an untitled sheet'; '' without a sheet. */
export function onSheet(sheet: Target['sheet'], wording: PlaceWording): string {
  if (!sheet) return '';
  const name = sheet.name?.trim() ? sheet.name : undefined;
  if (!name) return ' on an untitled sheet';
  return wording === 'message' ? ` on sheet "${name}"` : ` on ${name}`;
}

/** Where an untitled object is: its sheet; a master item (no sheet) in the master items; else ''. */
export function untitledPlace(target: Pick<Target, 'kind' | 'sheet'>, wording: PlaceWording): string {
  if (target.sheet) return onSheet(target.sheet, wording);
  return target.kind === 'master-object' ? ' in master items' : '';
}
