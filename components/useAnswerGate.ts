// Late answers in a view: a request's answer counts only while the view still shows what the
// request was about (`scope`, e.g. the app and its latest analysis) and no later request of the
// same kind was sent since (answers can come back in any order).
import { useCallback, useRef } from 'preact/hooks';

/** `ask(kind)`, called as a request is sent, returns whether that request's answer still counts. */
export type AnswerGate = (kind: string) => () => boolean;

export function useAnswerGate(scope: string): AnswerGate {
  const state = useRef({ scope, sent: new Map<string, number>() });
  state.current.scope = scope;
  return useCallback((kind: string) => {
    const { sent } = state.current;
    const request = (sent.get(kind) ?? 0) + 1;
    sent.set(kind, request);
    const askedIn = state.current.scope;
    return () => state.current.scope === askedIn && state.current.sent.get(kind) === request;
  }, []);
}
