// The load script and its syntax check. Doc.GetScript and CheckScriptSyntax need the `reload`
// access right (engine-rpc.json x-qlik-access-control): a viewer gets an engine error, recorded as
// NO_SCRIPT_RIGHTS, and the script rules report that they could not run.
import type { Script } from '../snapshot/schema';
import { EngineError } from '../qlik/engine/errors';
import { type CollectContext, addIssue, attempt, engineCall, isFatal } from './context';
import { ScriptSyntaxErrors } from './engine-schemas';

export async function collectScript(ctx: CollectContext): Promise<Script | undefined> {
  let text: string;
  try {
    const answer = await engineCall(ctx, 'GetScript', () => ctx.doc.getScript());
    text = typeof answer === 'string' ? answer : '';
  } catch (error) {
    if (isFatal(error)) throw error;
    const denied = error instanceof EngineError && (error.code === 5 || error.code === 4000);
    addIssue(
      ctx,
      'script',
      denied ? 'NO_SCRIPT_RIGHTS' : error instanceof EngineError ? `ENGINE_${error.code ?? ''}` : 'ERROR',
      denied ? 'The load script cannot be read with your rights on this app (needs edit/reload access).' : (error as Error).message,
    );
    return undefined;
  }
  const syntaxErrors = await attempt(ctx, 'script', async () =>
    ScriptSyntaxErrors.parse((await engineCall(ctx, 'CheckScriptSyntax', () => ctx.doc.checkScriptSyntax())) ?? []),
  );
  return { text, tabs: scriptTabs(text), ...(syntaxErrors ? { syntaxErrors } : {}) };
}

/** Tab names from `///$tab Name` markers (a script without markers has one unnamed tab: Main). */
export function scriptTabs(text: string): string[] {
  const tabs = [...text.matchAll(/^\/\/\/\$tab (.*?)\r?$/gm)].map((m) => m[1] ?? '');
  return tabs.length > 0 ? tabs : text ? ['Main'] : [];
}
