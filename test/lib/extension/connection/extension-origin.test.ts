import { describe, expect, it } from 'vitest';
import { originFromBaseUrl } from '../../../../lib/extension/connection/extension-origin';

describe('originFromBaseUrl', () => {
  it('gives the Chrome origin to allow-list, the same for every user', () => {
    const info = originFromBaseUrl('chrome-extension://abcdefghijklmnopabcdefghijklmnop/');
    expect(info).toMatchObject({ origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', perInstall: false });
    // honest about what the allow-list protects
    expect(info.note).toContain('does not prove which code runs under that ID');
  });
  it('warns that the Firefox origin is per installation', () => {
    const info = originFromBaseUrl('moz-extension://6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/');
    expect(info.origin).toBe('moz-extension://6b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d');
    expect(info.perInstall).toBe(true);
    expect(info.note).toMatch(/random address.*each Firefox user needs their own entry/s);
  });
});
