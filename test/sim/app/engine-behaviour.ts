// `engine-behaviour.json`: per-object calc times and calculation errors, fixed answers for
// Evaluate, and the OpenDoc delay (see test/sim/APP-FOLDER.md).
import { isObject, type JsonObject } from './app-model';

export interface ObjectBehaviour {
  /** the first calculation of the object in a session (its first GetLayout, or a data page asked before it) */
  calcMs?: number;
  /** a later GetLayout in the same session (the engine's result cache); default 5 % of calcMs */
  cachedCalcMs?: number;
  /** put on the object's `qHyperCube.qError` (or `qListObject.qError`) */
  layoutError?: JsonObject;
  /** measure index → `qMeasureInfo[i].qError` */
  measureErrors?: Record<string, JsonObject>;
}

export interface EngineBehaviour {
  /** loading the app into memory: paid by the first OpenDoc after the simulator starts (engine/open-doc.ts) */
  openDocMs?: number;
  objects: Record<string, ObjectBehaviour>;
  evaluate: Record<string, string>;
  /** expression → a fixed CheckExpression answer (e.g. to stage qDangerousFieldNames) */
  checkExpression: Record<string, JsonObject>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

export function parseEngineBehaviour(raw: unknown, file: string): EngineBehaviour {
  if (!isObject(raw)) throw new Error(`${file}: expected a JSON object`);
  const objects: Record<string, ObjectBehaviour> = {};
  if (raw.objects !== undefined && !isObject(raw.objects)) throw new Error(`${file}: "objects" must be an object keyed by qId`);
  for (const [id, value] of Object.entries(raw.objects ?? {})) {
    if (!isObject(value)) throw new Error(`${file}: objects["${id}"] must be an object`);
    const behaviour: ObjectBehaviour = { calcMs: num(value.calcMs), cachedCalcMs: num(value.cachedCalcMs) };
    if (value.layoutError !== undefined) {
      if (!isObject(value.layoutError) || typeof value.layoutError.qErrorCode !== 'number') {
        throw new Error(`${file}: objects["${id}"].layoutError needs a numeric qErrorCode`);
      }
      behaviour.layoutError = value.layoutError;
    }
    if (value.measureErrors !== undefined) {
      if (!isObject(value.measureErrors)) throw new Error(`${file}: objects["${id}"].measureErrors must map measure index to an error`);
      behaviour.measureErrors = {};
      for (const [index, error] of Object.entries(value.measureErrors)) {
        if (!isObject(error) || typeof error.qErrorCode !== 'number') {
          throw new Error(`${file}: objects["${id}"].measureErrors["${index}"] needs a numeric qErrorCode`);
        }
        behaviour.measureErrors[index] = error;
      }
    }
    objects[id] = behaviour;
  }
  const evaluate: Record<string, string> = {};
  if (raw.evaluate !== undefined && !isObject(raw.evaluate)) throw new Error(`${file}: "evaluate" must map expressions to text values`);
  for (const [expr, value] of Object.entries(raw.evaluate ?? {})) evaluate[expr] = String(value);
  const checkExpression: Record<string, JsonObject> = {};
  if (raw.checkExpression !== undefined && !isObject(raw.checkExpression)) throw new Error(`${file}: "checkExpression" must map expressions to CheckExpression results`);
  for (const [expr, answer] of Object.entries(raw.checkExpression ?? {})) {
    if (!isObject(answer)) throw new Error(`${file}: checkExpression["${expr}"] must be an object {qErrorMsg, qBadFieldNames, qDangerousFieldNames}`);
    checkExpression[expr] = answer;
  }
  return { openDocMs: num(raw.openDocMs), objects, evaluate, checkExpression };
}

export const noBehaviour = (): EngineBehaviour => ({ objects: {}, evaluate: {}, checkExpression: {} });
