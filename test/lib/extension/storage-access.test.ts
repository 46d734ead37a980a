import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { restrictStorageToTrustedContexts } from '../../../lib/extension/storage-access';

type Area = Record<string, unknown>;

describe('restrictStorageToTrustedContexts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    delete (fakeBrowser.storage.local as unknown as Area).setAccessLevel;
    delete (fakeBrowser.storage.sync as unknown as Area).setAccessLevel;
  });

  it('asks for trusted contexts only on storage.local and storage.sync where the browser offers it (Chrome)', async () => {
    const local = vi.fn(async () => {});
    const sync = vi.fn(async () => {});
    (fakeBrowser.storage.local as unknown as Area).setAccessLevel = local;
    (fakeBrowser.storage.sync as unknown as Area).setAccessLevel = sync;
    expect(await restrictStorageToTrustedContexts()).toBe(true);
    expect(local).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(sync).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('says false, without failing, where the browser lacks it or refuses it for these areas (Firefox)', async () => {
    expect(await restrictStorageToTrustedContexts()).toBe(false);
    (fakeBrowser.storage.local as unknown as Area).setAccessLevel = async () => {
      throw new Error('only storage.session');
    };
    expect(await restrictStorageToTrustedContexts()).toBe(false);
  });
});
