// Methods of Field handles: cardinal and selections.
import { markChanged, type Handler } from '../context';
import { str, obj } from './shared';

/** Methods of Field handles. */
export const fieldHandlers: Record<string, Handler> = {
  GetCardinal: (ctx) => ({ qReturn: ctx.model.dataModel.fieldByName.get(ctx.entry.id ?? '')?.cardinal ?? 0 }),
  GetNxProperties: () => ({ qProperties: {} }),
  SelectValues: (ctx, args) => {
    const values = (Array.isArray(args.qFieldValues) ? args.qFieldValues : []).map((v) => str(obj(v).qText));
    ctx.state.selections.set(ctx.entry.id ?? '', new Set(values));
    markChanged(ctx);
    return { qReturn: true };
  },
  Select: (ctx, args) => {
    ctx.state.selections.set(ctx.entry.id ?? '', new Set([str(args.qMatch)]));
    markChanged(ctx);
    return { qReturn: true };
  },
  Clear: (ctx) => {
    ctx.state.selections.delete(ctx.entry.id ?? '');
    markChanged(ctx);
    return { qReturn: true };
  },
  SelectAll: (ctx) => {
    markChanged(ctx);
    return { qReturn: true };
  },
};
