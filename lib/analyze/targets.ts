// The target a finding points at (object, sheet, master item, field, table, variable, app), named
// from the snapshot, and how a message names it. An object without a title of its own is named by
// its type in words (Qlik's visualization names, shared with the report's names), never by its
// type code or id: a message says where it is ('Bar chart on sheet "Sales overview"'). Targets
// are shared by findings and never mutated.
import type { ExpressionLocation } from '../snapshot/schema';
import { titleExpressionName, visualizationName } from '../snapshot/visualization-names';
import { memo, type Lookups } from './lookups';
import type { Target } from './result';

function calculatedTitle(layout: Record<string, unknown> | undefined): string | undefined {
  const title = layout?.title;
  return typeof title === 'string' && title.trim() ? title : undefined;
}

/** What a message says of an object the app evaluation lists but the snapshot does not hold. */
export interface ListedObject {
  id: string;
  title?: string;
  type?: string;
  sheetId?: string;
}

export class Targets {
  /** the targets named by their type in words: a message says where they are, not a quoted title */
  private readonly untitled = new WeakSet<Target>();

  constructor(private readonly lookups: Lookups) {}

  private named(target: Target, title: string | undefined, type: string | undefined): Target {
    if (title) return { ...target, name: title };
    const untitled = { ...target, name: visualizationName(type) };
    this.untitled.add(untitled);
    return untitled;
  }

  /**
   * How a message names a target: `object "Sales by region"`, `field "Region"` (`noun` in place of the
   * kind's word, the sheet with `withSheet`); one without a title by its type in words and where it
   * is: `Bar chart on sheet "Sales overview"`, `Table in master items`.
   */
  describe(target: Target, options: { noun?: string; withSheet?: boolean } = {}): string {
    const onSheet = target.sheet ? ` on ${target.sheet.name ? `sheet "${target.sheet.name}"` : 'an untitled sheet'}` : '';
    if (this.untitled.has(target)) return `${target.name}${onSheet || (target.kind === 'master-object' ? ' in master items' : '')}`;
    return `${options.noun ?? target.kind.replace('-', ' ')} "${target.name ?? target.id}"${options.withSheet ? onSheet : ''}`;
  }

  sheetRef(sheetId: string | undefined): Target['sheet'] {
    if (!sheetId) return undefined;
    const sheet = this.lookups.sheets.get(sheetId);
    return { id: sheetId, ...(sheet ? { name: sheet.title } : {}) };
  }

  /** The target of an object (cached). */
  readonly object = memo((objectId): Target => {
    const object = this.lookups.objects.get(objectId);
    const type = object ? object.visualization || object.type : undefined;
    if (object?.inMasterVisualization) {
      const master = this.lookups.masterVisualizations.get(object.rootId);
      return this.named({ kind: 'master-object', id: objectId }, object.title || master?.title, type);
    }
    // a title expression: the title the engine calculated (the layout's), else the type in words
    const title = object?.titleIsExpression ? calculatedTitle(object.layout) ?? titleExpressionName(type) : object?.title;
    const sheet = this.sheetRef(object?.sheetId);
    return this.named({ kind: 'object', id: objectId, ...(sheet ? { sheet } : {}) }, title, type);
  });

  /** An object the app evaluation lists: the snapshot's target when it holds the object, else what the list says. */
  listedObject(listed: ListedObject): Target {
    if (this.lookups.objects.has(listed.id)) return this.object(listed.id);
    const sheet = this.sheetRef(listed.sheetId);
    return this.named({ kind: 'object', id: listed.id, ...(sheet ? { sheet } : {}) }, listed.title, listed.type);
  }

  /** The target of a master visualization itself (cached). */
  readonly masterVisualization = memo((id): Target => {
    const v = this.lookups.masterVisualizations.get(id);
    return this.named({ kind: 'master-object', id }, v?.title, v?.visualization);
  });

  sheet(sheetId: string): Target {
    return { kind: 'sheet', id: sheetId, name: this.lookups.sheets.get(sheetId)?.title ?? sheetId, sheet: this.sheetRef(sheetId) };
  }

  field(name: string): Target {
    return { kind: 'field', id: name, name };
  }

  table(name: string): Target {
    return { kind: 'table', id: name, name };
  }

  variable(name: string): Target {
    return { kind: 'variable', id: name, name };
  }

  app(): Target {
    const { app } = this.lookups.snapshot;
    return { kind: 'app', id: app.id, name: app.name };
  }

  /** The target an expression's location belongs to. */
  location(location: ExpressionLocation): Target {
    const { lookups } = this;
    switch (location.owner) {
      case 'object':
        return this.object(location.objectId);
      case 'sheet':
        return this.sheet(location.objectId);
      case 'master-measure': {
        const m = lookups.masterMeasures.get(location.objectId);
        return { kind: 'master-measure', id: location.objectId, name: m?.label || m?.title || location.objectId };
      }
      case 'master-dimension': {
        const d = lookups.masterDimensions.get(location.objectId);
        return { kind: 'master-dimension', id: location.objectId, name: d?.title || location.objectId };
      }
      case 'master-visualization':
        return this.masterVisualization(location.objectId);
      case 'variable': {
        const v = lookups.snapshot.variables.find((x) => x.id === location.objectId || x.name === location.objectId);
        return this.variable(v?.name ?? location.objectId);
      }
      case 'app':
        return this.app();
      case 'story': {
        const story = lookups.snapshot.stories.find((x) => x.id === location.objectId);
        return this.named({ kind: 'object', id: location.objectId }, story?.title, 'story');
      }
      default:
        return this.named({ kind: 'object', id: location.objectId }, undefined, location.objectType);
    }
  }
}
