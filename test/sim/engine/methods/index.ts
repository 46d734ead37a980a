// Method handlers by handle type, one file per type. A handler gets named params (filled and
// validated) and returns the result object (its keys are the spec's out keys) or throws EngineError.
import { alternateStateHandlers } from '../alternate-states';
import { bookmarkDocHandlers } from '../bookmarks';
import type { Handler } from '../context';
import { docHandlers } from './doc';
import { fieldHandlers } from './field';
import { genericObjectHandlers } from './generic-object';
import { globalHandlers } from './global';
import { genericBookmarkHandlers, genericDimensionHandlers, genericMeasureHandlers, genericVariableHandlers } from './library';

export const handlers: Record<string, Record<string, Handler>> = {
  Global: globalHandlers,
  Doc: { ...docHandlers, ...bookmarkDocHandlers, ...alternateStateHandlers },
  GenericObject: genericObjectHandlers,
  Field: fieldHandlers,
  GenericMeasure: genericMeasureHandlers,
  GenericDimension: genericDimensionHandlers,
  GenericVariable: genericVariableHandlers,
  GenericBookmark: genericBookmarkHandlers,
};
