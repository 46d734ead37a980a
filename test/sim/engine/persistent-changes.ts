// Which recorded engine calls would change the app for everyone, judged by the engine's own spec:
// a method whose `x-qlik-access-control` (engine-rpc.json) names a writing right, or one of the few
// that change saved state without naming one (read from their spec descriptions). Calls are listed
// whether they succeeded or not: an analysis must not even try. Session state (selections, session
// objects and variables, soft patches) is our own engine session's and is not a persistent change.
import type { CallRecord } from '../types';
import { engineSpec } from '../spec/openrpc';

/** App rights that mean the method writes: creates, changes, deletes, publishes, approves, copies or hands over the app or its parts. */
export const WRITING_RIGHTS: ReadonlySet<string> = new Set(['update', 'create', 'delete', 'publish', 'approve', 'duplicate', 'change_owner']);

/**
 * Methods that change saved state although the spec names no writing right for them (none, or
 * only `reload`, which reads need too):
 * - Doc.DoReload / Doc.DoReloadEx: replace the app's data (kept by the app's autosave).
 * - Doc.SetLooselyCoupledVector, Doc.SetFavoriteVariables, Doc.SetScriptBreakpoints, Doc.SetFetchLimit:
 *   store settings in the app.
 * - Global.ConfigureReload, Global.CancelReload: steer a reload.
 * - GenericObject.ApplyPatches: "Applies a patch to the properties of an object" (persistent unless qSoftPatch).
 * - Doc.Undo / Doc.Redo: undo or redo the last change to the app's properties and objects.
 * - Doc.ClearUndoBuffer: drops the app's undo history.
 * - Doc.TransformApp: writes a transformed copy of the app.
 * - Doc.ChangeSessionAppSpace: moves a session app into a space.
 * - Global.ShutdownProcess, Global.ReloadExtensionList: act on the engine, not on this session.
 */
export const UNLISTED_WRITES: ReadonlySet<string> = new Set([
  'Doc.DoReload',
  'Doc.DoReloadEx',
  'Doc.SetLooselyCoupledVector',
  'Doc.SetFavoriteVariables',
  'Doc.SetScriptBreakpoints',
  'Doc.SetFetchLimit',
  'Global.ConfigureReload',
  'Global.CancelReload',
  'GenericObject.ApplyPatches',
  'Doc.Undo',
  'Doc.Redo',
  'Doc.ClearUndoBuffer',
  'Doc.TransformApp',
  'Doc.ChangeSessionAppSpace',
  'Global.ShutdownProcess',
  'Global.ReloadExtensionList',
]);

export function isPersistentChange(objectType: string, method: string): boolean {
  if (UNLISTED_WRITES.has(`${objectType}.${method}`)) return true;
  return engineSpec().accessControl(objectType, method).some((right) => WRITING_RIGHTS.has(right));
}

/** The calls that change (or tried to change) the app: `Type.Method on id`. */
export function persistentChanges(calls: readonly CallRecord[]): string[] {
  return calls.filter((c) => isPersistentChange(c.objectType, c.method)).map((c) => `${c.objectType}.${c.method} on ${c.objectId ?? `handle ${c.handle}`}`);
}
