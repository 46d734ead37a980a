// The target a finding points at (object, sheet, master item, field, table, variable, app), named
// from the snapshot. Targets are shared by findings and never mutated.
import type { ExpressionLocation } from '../snapshot/schema';
import { titleExpressionName } from '../snapshot/visualization-names';
import { memo, type Lookups } from './lookups';
import type { Target } from './result';

function calculatedTitle(layout: Record<string, unknown> | undefined): string | undefined {
  const title = layout?.title;
  return typeof title === 'string' && title.trim() ? title : undefined;
}

export class Targets {
  constructor(private readonly lookups: Lookups) {}

  sheetRef(sheetId: string | undefined): Target['sheet'] {
    if (!sheetId) return undefined;
    const sheet = this.lookups.sheets.get(sheetId);
    return { id: sheetId, ...(sheet ? { name: sheet.title } : {}) };
  }

  /** The target of an object (cached). */
  readonly object = memo((objectId): Target => {
    const object = this.lookups.objects.get(objectId);
    if (object?.inMasterVisualization) {
      const master = this.lookups.masterVisualizations.get(object.rootId);
      return { kind: 'master-object', id: objectId, name: object.title || master?.title || object.type };
    }
    // a title expression: the title the engine calculated (the layout's), else the type in words
    const title = object?.titleIsExpression ? calculatedTitle(object.layout) ?? titleExpressionName(object.visualization || object.type) : object?.title;
    const target: Target = { kind: 'object', id: objectId, name: title || object?.type || objectId };
    const sheet = this.sheetRef(object?.sheetId);
    if (sheet) target.sheet = sheet;
    return target;
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
      case 'master-visualization': {
        const v = lookups.masterVisualizations.get(location.objectId);
        return { kind: 'master-object', id: location.objectId, name: v?.title || location.objectId };
      }
      case 'variable': {
        const v = lookups.snapshot.variables.find((x) => x.id === location.objectId || x.name === location.objectId);
        return this.variable(v?.name ?? location.objectId);
      }
      case 'app':
        return this.app();
      default:
        return { kind: 'object', id: location.objectId, name: location.objectType };
    }
  }
}
