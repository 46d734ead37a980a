// Credentials written into a load script (or a reload log) never reach a finding, the report or an
// export: `redactSecrets` replaces each secret value with REDACTED and keeps the rest, so the
// message still says where and what. Pure, idempotent, linear time (no nested quantifiers).
//
// What counts as a secret, from the forms Qlik scripts and connection strings use:
// - a URL's user info: `scheme://user:password@host` (the password; a user info without a colon
//   may itself be a token, `https://<token>@host`, so all of it);
// - `key=value` / `key: value` pairs whose key names a credential, in ODBC/OLE DB connection strings
//   (`PWD=…; Password=…`), URL queries (`?api_key=…&token=…`, `sig=` of a SAS URL, `X-Amz-Signature=`)
//   and JSON bodies (`"client_secret": "…"`); the value may be quoted;
// - Qlik's scrambled credentials in CONNECT statements: `XPassword is …`, `Password is …`;
// - HTTP authorization: `Bearer …` / `Basic …`, and REST connector headers
//   `HTTPHEADER "Authorization" "…"`, `HTTPHEADER "x-api-key" "…"`.

export const REDACTED = '***';

/** Key names (lower case, `-` and `_` removed) that hold a credential. */
const SECRET_KEYS = new Set([
  'password', 'pwd', 'passwd', 'pass', 'passphrase', 'xpassword',
  'secret', 'clientsecret', 'appsecret',
  'apikey', 'xapikey', 'accesskey', 'secretkey', 'accountkey', 'sharedaccesskey', 'privatekey', 'secretaccesskey', 'awssecretaccesskey',
  'token', 'accesstoken', 'authtoken', 'refreshtoken', 'idtoken', 'sessiontoken', 'securitytoken', 'bearertoken', 'apitoken', 'xamzsecuritytoken',
  'sig', 'signature', 'xamzsignature', 'xamzcredential', 'credential', 'credentials',
  'authorization', 'auth',
]);

const isSecretKey = (key: string): boolean => SECRET_KEYS.has(key.toLowerCase().replace(/[-_\s]/g, ''));
/** a secret key as written: its letters with an optional `-` or `_` between them (`api_key`, `Api-Key`, `APIKEY`) */
const KEY_PATTERN = [...SECRET_KEYS]
  .sort((a, b) => b.length - a.length)
  .map((key) => [...key].join('[-_]?'))
  .join('|');

// scheme://userinfo@ — userinfo has no '/', '@', whitespace or quote
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"`[\]<>]+)@/gi;
// key = value, key: value, "key": "value", key='value' — only for keys that name a credential
const KEY_VALUE = new RegExp(`(["']?)(?<![\\w-])(${KEY_PATTERN})\\1(\\s*[=:]\\s*)("[^"\\n]*"|'[^'\\n]*'|[^\\s;&,'"\`)\\]}<>]+)`, 'gi');
// CONNECT … (XUserId is ABC, XPassword is DEF) — the `is` form of Qlik's CONNECT statement
const IS_FORM = /\b(x?password)(\s+is\s+)("[^"\n]*"|'[^'\n]*'|[^\s,;)\]]+)/gi;
const AUTH_SCHEME = /\b(bearer|basic)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/gi;
// HTTPHEADER "name" "value" (Qlik REST connector WITH CONNECTION)
const HTTP_HEADER = /\b(httpheader\s+)("[^"\n]*"|'[^'\n]*')(\s+)("[^"\n]*"|'[^'\n]*')/gi;

const unquote = (s: string): string => (/^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s);
const requote = (original: string, value: string): string => (/^["']/.test(original) ? `${original[0]}${value}${original[0]}` : value);

export function redactSecrets(text: string): string {
  if (!text) return text;
  return text
    .replace(HTTP_HEADER, (all, head: string, name: string, gap: string, value: string) =>
      isSecretKey(unquote(name)) ? `${head}${name}${gap}${requote(value, REDACTED)}` : all,
    )
    .replace(URL_USERINFO, (_all, scheme: string, info: string) => {
      const colon = info.indexOf(':');
      return colon >= 0 ? `${scheme}${info.slice(0, colon)}:${REDACTED}@` : `${scheme}${REDACTED}@`;
    })
    .replace(KEY_VALUE, (all, quote: string, key: string, sep: string, value: string) =>
      !unquote(value).startsWith(REDACTED) && !/^(bearer|basic)$/i.test(unquote(value)) ? `${quote}${key}${quote}${sep}${requote(value, REDACTED)}` : all,
    )
    .replace(IS_FORM, (_all, key: string, is: string, value: string) => `${key}${is}${requote(value, REDACTED)}`)
    .replace(AUTH_SCHEME, (_all, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`);
}

/** The same for every string inside a JSON-like value (a finding's `data`). */
export function redactSecretsDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactSecretsDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactSecretsDeep(v)])) as T;
  }
  return value;
}
