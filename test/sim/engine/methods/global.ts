// Methods of the Global handle.
import { vendorJson } from '../../spec/openrpc';
import { newId, type Handler } from '../context';
import { loadIntoMemory } from '../open-doc';
import { ERR, EngineError } from '../protocol';
import { str } from './shared';

let bnf: { qBnfDefs: unknown[]; qBnfHash: string } | undefined;

/** Methods of the Global handle (the engine itself). */
export const globalHandlers: Record<string, Handler> = {
  OpenDoc: async (ctx, args) => {
    const name = str(args.qDocName);
    if (name !== ctx.app.id && name !== ctx.app.name) throw new EngineError(ERR.appNotFound, name);
    if (ctx.state.docOpen) throw new EngineError(1002, name);
    await loadIntoMemory(ctx.model, ctx.sleep);
    ctx.state.docOpen = true;
    const handle = ctx.state.nextHandle++;
    ctx.state.handles.set(handle, { handle, type: 'Doc', id: ctx.app.id });
    ctx.state.changed.add(handle);
    return { qReturn: { qType: 'Doc', qHandle: handle, qGenericId: ctx.app.id } };
  },
  GetActiveDoc: (ctx) => {
    const doc = [...ctx.state.handles.values()].find((h) => h.type === 'Doc');
    if (!doc) throw new EngineError(ERR.appInvalid, 'No active document');
    return { qReturn: { qType: 'Doc', qHandle: doc.handle, qGenericId: ctx.app.id } };
  },
  EngineVersion: (ctx) => ({ qVersion: { qComponentVersion: ctx.spec.version } }),
  ProductVersion: (ctx) => ({ qReturn: ctx.spec.version }),
  QTProduct: () => ({ qReturn: 'Qlik Sense' }),
  QvVersion: (ctx) => ({ qReturn: ctx.spec.version }),
  OSName: () => ({ qReturn: 'Linux' }),
  OSVersion: () => ({ qReturn: '' }),
  IsDesktopMode: () => ({ qReturn: false }),
  IsPersonalMode: () => ({ qReturn: false }),
  GetUniqueID: (ctx) => ({ qUniqueID: newId(ctx) }),
  GetAuthenticatedUser: (ctx) => ({ qReturn: `UserDirectory=QLIKCLOUD; UserId=${ctx.user.subject}` }),
  AllowCreateApp: (ctx) => ({ qReturn: ctx.user.role === 'developer' }),
  GetDocList: (ctx) => ({
    qDocList: [{ qDocName: ctx.app.name, qConnectedUsers: 0, qFileTime: 0, qFileSize: 0, qDocId: ctx.app.id, qMeta: {}, qLastReloadTime: str(ctx.app.attributes.lastReloadTime), qTitle: ctx.app.name, qThumbnail: {} }],
  }),
  GetBaseBNF: () => {
    bnf ??= vendorJson<{ qBnfDefs: unknown[]; qBnfHash: string }>('script-bnf.json');
    return { qBnfDefs: bnf.qBnfDefs, qBnfHash: bnf.qBnfHash };
  },
  GetFunctions: () => {
    bnf ??= vendorJson<{ qBnfDefs: unknown[]; qBnfHash: string }>('script-bnf.json');
    const defs = bnf.qBnfDefs as { qName: string; qFG?: string; qQvFunc?: boolean }[];
    return { qFunctions: defs.filter((d) => d.qQvFunc).map((d) => ({ qName: d.qName, qGroup: d.qFG ?? 'U', qSignature: `${d.qName}()` })) };
  },
  CancelRequest: () => ({}),
  GetProgress: () => ({ qProgressData: { qStarted: false, qFinished: false, qCompleted: 0, qTotal: 0, qKB: 0, qMillisecs: 0, qUserInteractionWanted: false, qPersistentProgressMessages: [], qTransientProgressMessage: {}, qErrorData: [], qPersistentProgress: '', qTransientProgress: '' } }),
};
