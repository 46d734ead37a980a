// Alternate states: saved ones (AddAlternateState, kept in the app model and listed in
// GetAppLayout's `qStateNames`) and session ones (AddSessionAlternateState, this session only).
import { markChanged, type Ctx, type Handler } from './context';
import { ERR, EngineError } from './protocol';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `NxAppLayout.qStateNames`: the app's alternate states, then this session's. */
export function stateNamesOf(ctx: Ctx): string[] {
  return [...ctx.model.stateNames, ...ctx.state.sessionStateNames.filter((n) => !ctx.model.stateNames.includes(n))];
}

function validName(args: Record<string, unknown>): string {
  const name = str(args.qStateName);
  // '$' is the default state and cannot be added [I]
  if (name === '' || name === '$') throw new EngineError(ERR.invalidParameters, 'qStateName');
  return name;
}

function changed(ctx: Ctx, persistent: boolean): void {
  if (persistent) ctx.model.revision += 1;
  markChanged(ctx, new Set([ctx.app.id]));
}

export const alternateStateHandlers: Record<string, Handler> = {
  AddAlternateState: (ctx, args) => {
    const name = validName(args);
    if (!ctx.model.stateNames.includes(name)) ctx.model.stateNames.push(name);
    changed(ctx, true);
    return {};
  },
  RemoveAlternateState: (ctx, args) => {
    const name = validName(args);
    ctx.model.stateNames = ctx.model.stateNames.filter((n) => n !== name);
    changed(ctx, true);
    return {};
  },
  AddSessionAlternateState: (ctx, args) => {
    const name = validName(args);
    if (!ctx.state.sessionStateNames.includes(name)) ctx.state.sessionStateNames.push(name);
    changed(ctx, false);
    return {};
  },
  RemoveSessionAlternateState: (ctx, args) => {
    const name = validName(args);
    const before = ctx.state.sessionStateNames.length;
    ctx.state.sessionStateNames = ctx.state.sessionStateNames.filter((n) => n !== name);
    changed(ctx, false);
    return { qSuccess: ctx.state.sessionStateNames.length < before };
  },
};
