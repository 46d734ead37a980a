import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resolveTabId, tabIdFromSearch } from '../../../lib/extension/current-tab';
import { actionTitle, iconPaths } from '../../../lib/extension/action-icon';

describe('which tab a page is about', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('honours ?tabId= and ignores anything that is not a tab id', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('?tabId=-1')).toBeNull();
    expect(tabIdFromSearch('?tabId=4x')).toBeNull();
    expect(tabIdFromSearch('')).toBeNull();
  });

  it('falls back to the active tab of the current window', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 11 }] as never);
    expect(await resolveTabId('')).toBe(11);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(await resolveTabId('?tabId=7')).toBe(7);
    expect(query).toHaveBeenCalledTimes(1);
    query.mockResolvedValue([] as never);
    expect(await resolveTabId('')).toBeNull();
  });
});

describe('toolbar icon', () => {
  it('uses the active variant for a tab with an app, at every size', () => {
    expect(iconPaths(true)).toEqual({ 16: '/icon/active-16.png', 32: '/icon/active-32.png', 48: '/icon/active-48.png', 128: '/icon/active-128.png' });
    expect(iconPaths(false)['16']).toBe('/icon/16.png');
  });

  it('names the confirmed Qlik product in the tooltip', () => {
    expect(actionTitle(true, null, 'Qlik Sense Enterprise on Windows')).toBe('Qlarity: analyse this Qlik app (Qlik Sense Enterprise on Windows)');
    expect(actionTitle(true, null)).toBe('Qlarity: analyse this Qlik app');
    expect(actionTitle(false, null, 'Qlik Cloud')).toBe('Qlarity');
  });
});
