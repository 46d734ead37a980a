// redactSecrets with hostile strings: credentials in connection strings, URLs, CONNECT statements,
// REST connector headers and JSON bodies are replaced; everything else is left as it was.
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, redactSecretsDeep } from '../../../lib/snapshot/redact-secrets';

const SECRET = 's3cr3t!Pa55';

describe('redactSecrets', () => {
  it.each([
    ['URL user info', `LOAD * FROM [https://alice:${SECRET}@files.example.com/sales.csv];`, `LOAD * FROM [https://alice:${REDACTED}@files.example.com/sales.csv];`],
    ['a token as the URL user', 'FROM https://ghp_abcdefghijklmnop1234@github.com/org/repo.csv', `FROM https://${REDACTED}@github.com/org/repo.csv`],
    ['ftp with a password holding ; and %', 'ftp://bob:p%40ss;word@ftp.example.org/x.qvd', `ftp://bob:${REDACTED}@ftp.example.org/x.qvd`],
    ['an ODBC connection string', `ODBC CONNECT TO [DSN=Sales;UID=sa;PWD=${SECRET};Database=x];`, `ODBC CONNECT TO [DSN=Sales;UID=sa;PWD=${REDACTED};Database=x];`],
    ['OLE DB with Password and a quoted value', `OLEDB CONNECT TO [Provider=SQLOLEDB;User ID=sa;Password="${SECRET} with space";Data Source=db]`, `OLEDB CONNECT TO [Provider=SQLOLEDB;User ID=sa;Password="${REDACTED}";Data Source=db]`],
    ['single-quoted', `pwd='${SECRET}';`, `pwd='${REDACTED}';`],
    ['URL query keys', `https://api.example.com/v1/data?api_key=${SECRET}&format=csv&token=abc.def.ghi`, `https://api.example.com/v1/data?api_key=${REDACTED}&format=csv&token=${REDACTED}`],
    ['mixed case and dashes', `?Api-Key=${SECRET}&ACCESS_TOKEN=${SECRET}&X-Amz-Signature=abcd1234`, `?Api-Key=${REDACTED}&ACCESS_TOKEN=${REDACTED}&X-Amz-Signature=${REDACTED}`],
    ['an Azure SAS URL and account key', `https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=Ab%2Fcd%3D; AccountKey=${SECRET}==;`, `https://acct.blob.core.windows.net/c/f.csv?sv=2022-11-02&sig=${REDACTED}; AccountKey=${REDACTED};`],
    ['Qlik scrambled credentials', 'CONNECT TO [Provider=x;Data Source=y] (XUserId is JOKLEBB, XPassword is IRdOLQB);', `CONNECT TO [Provider=x;Data Source=y] (XUserId is JOKLEBB, XPassword is ${REDACTED});`],
    ['a bearer header', `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig`, `Authorization: Bearer ${REDACTED}`],
    ['REST connector headers', `WITH CONNECTION (HTTPHEADER "Authorization" "Basic dXNlcjpwYXNz", HTTPHEADER "x-api-key" "${SECRET}", HTTPHEADER "Accept" "text/csv")`, `WITH CONNECTION (HTTPHEADER "Authorization" "${REDACTED}", HTTPHEADER "x-api-key" "${REDACTED}", HTTPHEADER "Accept" "text/csv")`],
    ['a JSON body', `{"client_id": "abc", "client_secret": "${SECRET}", "password":"x y"}`, `{"client_id": "abc", "client_secret": "${REDACTED}", "password":"${REDACTED}"}`],
    ['two secrets on one line and a newline', `PWD=a;PWD=b\npassword=c`, `PWD=${REDACTED};PWD=${REDACTED}\npassword=${REDACTED}`],
  ])('%s', (_name, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
    expect(redactSecrets(expected)).toBe(expected); // idempotent
    expect(redactSecrets(`${expected}.`)).toBe(`${expected}.`); // also before the full stop of a message
  });

  it.each([
    'LOAD * FROM [lib://Sales:DataFiles/sales.qvd] (qvd);',
    'LIB CONNECT TO \'Sales DB\';',
    "LET vMax = 10; SET ThousandSep=',';",
    'Sum({<Year={2024}>} Sales)',
    'https://files.example.com/sales.csv?format=csv&page=2',
    'mailto:alice@example.com',
    'CONNECT TO [Provider=x] (XUserId is JOKLEBB);',
    'The password field is empty',
    '',
  ])('leaves %j alone', (input) => {
    expect(redactSecrets(input)).toBe(input);
  });

  it('is linear on long hostile input (no catastrophic backtracking)', () => {
    const hostile = `${'a'.repeat(100_000)}://${'b:'.repeat(50_000)}${'=\''.repeat(50_000)} password= ${'x'.repeat(100_000)}`;
    const started = performance.now();
    redactSecrets(hostile);
    redactSecrets('pwd'.repeat(100_000));
    redactSecrets(`HTTPHEADER "${'"'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('redacts every string inside a value, leaving numbers and keys', () => {
    expect(redactSecretsDeep({ line: 3, literal: `https://u:${SECRET}@h/x`, list: [`pwd=${SECRET}`, 1] })).toEqual({ line: 3, literal: `https://u:${REDACTED}@h/x`, list: [`pwd=${REDACTED}`, 1] });
  });
});
