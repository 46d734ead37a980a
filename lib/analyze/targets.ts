// The target a finding points at (object, sheet, master item, field, table, variable, app), named
// from the snapshot, and how a message names it. An object without a title of its own is named by
// its type in words (Qlik's visualization names, shared with the report's names), never by its
// type code or id: a message says where it is ('Bar chart on sheet "Sales overview"', in the
// wording of untitled-place.ts). Targets are shared by findings and never mutated.
import type { ExpressionLocation } from '../snapshot/schema';
import { titleExpressionName, visualizationName } from '../snapshot/visualization-names';
import { memo, type Lookups } from './lookups';
import type { Target } from './result';
import { onSheet, untitledPlace } from './untitled-place';

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
  /** the targets named by their type in words, with where they are: a message says that, not a quoted title */
  private readonly untitled = new WeakMap<Target, string>();

  /** `onObject`: told of every object named, however it is asked for (an object, a location, a listed object), cached or not */
  constructor(
    private readonly lookups: Lookups,
    private readonly onObject: (objectId: string) => void = () => {},
  ) {}

  /** The target named by its title; without one, by `placeholder` (the type in words), and `where` it is for messages. */
  private named(target: Target, title: string | undefined, placeholder: string, where?: string): Target {
    if (title) return { ...target, name: title };
    const untitled = { ...target, name: placeholder };
    this.untitled.set(untitled, where ?? untitledPlace(untitled, 'message'));
    return untitled;
  }

  /**
   * How a message names a target: `object "Sales by region"`, `field "Region"` (`noun` in place of the
   * kind's word, the sheet with `withSheet`); one without a title by its type in words and where it
   * is: `Bar chart on sheet "Sales overview"`, `Table in master items`.
   */
  describe(target: Target, options: { noun?: string; withSheet?: boolean } = {}): string {
    const where = this.untitled.get(target);
    if (where !== undefined) return `${target.name}${where}`;
    return `${options.noun ?? target.kind.replace('-', ' ')} "${target.name ?? target.id}"${options.withSheet ? onSheet(target.sheet, 'message') : ''}`;
  }

  sheetRef(sheetId: string | undefined): Target['sheet'] {
    if (!sheetId) return undefined;
    const sheet = this.lookups.sheets.get(sheetId);
    return { id: sheetId, ...(sheet ? { name: sheet.title } : {}) };
  }

  /** The target of an object (cached). */
  object(objectId: string): Target {
    this.onObject(objectId);
    return this.objectOnce(objectId);
  }

  private readonly objectOnce = memo((objectId): Target => {
    const object = this.lookups.objects.get(objectId);
    if (!object) return this.named({ kind: 'object', id: objectId }, undefined, visualizationName(undefined));
    const type = object.visualization || object.type;
    // a title expression: the title the engine calculated (the layout's), else the type in words
    const title = object.titleIsExpression ? calculatedTitle(object.layout) : object.title;
    const placeholder = object.titleIsExpression ? titleExpressionName(type) : visualizationName(type);
    if (object.inMasterVisualization) {
      // the master's own object goes by the master's name; an untitled part of it by its type, in that master
      if (object.id === object.rootId) return this.masterVisualization(object.rootId);
      const master = this.describe(this.masterVisualization(object.rootId), { noun: 'master visualization' });
      return this.named({ kind: 'master-object', id: objectId }, title, placeholder, ` in ${master}`);
    }
    const sheet = this.sheetRef(object.sheetId);
    return this.named({ kind: 'object', id: objectId, ...(sheet ? { sheet } : {}) }, title, placeholder);
  });

  /** An object the app evaluation lists: the snapshot's target when it holds the object, else what the list says. */
  listedObject(listed: ListedObject): Target {
    if (this.lookups.objects.has(listed.id)) return this.object(listed.id);
    const sheet = this.sheetRef(listed.sheetId);
    return this.named({ kind: 'object', id: listed.id, ...(sheet ? { sheet } : {}) }, listed.title, visualizationName(listed.type));
  }

  /** The target of a master visualization itself (cached). */
  readonly masterVisualization = memo((id): Target => {
    const v = this.lookups.masterVisualizations.get(id);
    return this.named({ kind: 'master-object', id }, v?.title, visualizationName(v?.visualization));
  });

  /** The target of a sheet (cached); one without a title is 'Untitled sheet', as Qlik shows it nowhere by id either. */
  readonly sheet = memo((sheetId): Target => {
    const sheet = this.lookups.sheets.get(sheetId);
    return this.named({ kind: 'sheet', id: sheetId, sheet: this.sheetRef(sheetId) }, sheet?.title.trim() ? sheet.title : undefined, sheet ? 'Untitled sheet' : visualizationName('sheet'), '');
  });

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
        // the location's object is the master's own or one of its parts (a chart inside a master layout container)
        return lookups.objects.has(location.objectId) ? this.object(location.objectId) : this.masterVisualization(location.objectId);
      case 'variable': {
        const v = lookups.snapshot.variables.find((x) => x.id === location.objectId || x.name === location.objectId);
        return this.variable(v?.name ?? location.objectId);
      }
      case 'app':
        return this.app();
      case 'story': {
        const story = lookups.snapshot.stories.find((x) => x.id === location.objectId);
        return this.named({ kind: 'object', id: location.objectId }, story?.title, visualizationName('story'));
      }
      default:
        return this.named({ kind: 'object', id: location.objectId }, undefined, visualizationName(location.objectType));
    }
  }
}
