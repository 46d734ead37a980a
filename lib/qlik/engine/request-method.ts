// The method a request frame names, for the read-only socket guard (guarded-socket.ts), which sees
// every frame that leaves. Parsing each frame again (thousands per collection) cost a few µs each;
// the frames enigma.js writes (JSON.stringify of { delta?, handle, method, params, id, jsonrpc } or,
// on a resume, { method, handle, params, id, jsonrpc }) are read without it when nothing in them could
// name a method any other way. Anything else is parsed in full, as before.

/** Scalar top-level members (`"key":number|true|false|null,`) and then the method key: nothing before it can hold a nested object. */
const ENIGMA_PREFIX = /^\{(?:"[a-z]+":(?:-?\d+|true|false|null),)*"method":"/y;
/** "method" spelled in any case: a key a lenient reader might take for the method */
const METHOD_WORD = /method/gi;

/**
 * The frame's method, or undefined when it has none or is not JSON (the quick reading does not check
 * the rest of the frame: a malformed frame it passes names only that method under any reading, and
 * the engine refuses it as malformed). The quick reading is taken only
 * when its answer cannot differ from any reader's: the word "method" (in any case) occurs once in
 * the whole frame, as the top-level key after scalar members only; the frame has no \u escape (the
 * only escape that could spell a key's letters); and the method's value has no escape. Then no second
 * method key, nested or escaped, can exist, and the value is read exactly as JSON.parse reads it.
 */
export function requestMethod(frame: string): string | undefined {
  return quickMethod(frame) ?? parsedMethod(frame);
}

export function quickMethod(frame: string): string | undefined {
  ENIGMA_PREFIX.lastIndex = 0;
  if (!ENIGMA_PREFIX.test(frame)) return undefined;
  const start = ENIGMA_PREFIX.lastIndex;
  const end = frame.indexOf('"', start);
  if (end < 0) return undefined;
  const method = frame.slice(start, end);
  if (method.includes('\\') || frame.includes('\\u')) return undefined;
  METHOD_WORD.lastIndex = 0;
  if (!METHOD_WORD.test(frame) || METHOD_WORD.lastIndex !== start - 3) return undefined; // the first occurrence is the key's: `method":"` ends at start
  if (METHOD_WORD.test(frame)) return undefined; // a second one
  return method;
}

function parsedMethod(frame: string): string | undefined {
  try {
    const method = (JSON.parse(frame) as { method?: unknown } | null)?.method;
    return typeof method === 'string' ? method : undefined;
  } catch {
    return undefined;
  }
}
