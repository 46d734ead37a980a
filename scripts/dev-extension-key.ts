// The public half of the key that pins Qlarity's Chrome extension id in dev and test builds
// (manifest `key`), so a tenant admin or a test can allow-list chrome-extension://<id>.
// Only the public key is here; no private key exists in the repository. The Chrome Web Store
// rejects a manifest with `key` ("key field is not allowed in manifest"), so wxt.config.ts
// strips it from the store zip. Source: developer.chrome.com/docs/extensions/reference/manifest/key
import { createHash } from 'node:crypto';

export const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyEDR+yW/ZAYU/1d+CGZi57fqsM2xE/hJ2Rl7xUz4wvTIIQ78N+btceMdGpgUYG60GRgQ+VhVmBK8vbeA9r4lvy0J8YMoZasplgIo1VyR5Ffjm0qaR6OJ1f3ER9/LKQQGQoAkIIMj+TQBWFs9SFZKGNVKMhb5hRcR7ewS+/G7LuPtBOeymrJKUjcbyGhW4D1Q4GS9efp5MgJ9/GJmREy8iUdzOdPs5ngKRoCeySsQQK8b206ChLNa7+B6gmhJ31nW0BSYVJsdVZpuXhPWlUz7HKGvJvB58Cv/U/I+ag44JMrxDtx5bxRcmnlZ7IGFpG0BFufU/5ULbaGFFMSxF3mGOQIDAQAB';

/** Chrome's id for a key: the first 32 hex digits of sha256(DER key), with 0-f written as a-p. */
export function extensionIdFromKey(base64Key: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

export const DEV_EXTENSION_ID = extensionIdFromKey(DEV_PUBLIC_KEY);
