import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { actionTitle, badgeText, setActionIcon } from '../../../lib/extension/action-icon';

describe('toolbar badge', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the error count of the last analysis, nothing without one, and caps long numbers', () => {
    expect(badgeText(null)).toBe('');
    expect(badgeText(0)).toBe('0');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(999)).toBe('999');
    expect(badgeText(1_000)).toBe('999+');
    expect(badgeText(Number.NaN)).toBe('');
  });

  it('says the same in the tooltip', () => {
    expect(actionTitle(false, null)).toBe('Qlarity');
    expect(actionTitle(true, null)).toBe('Qlarity: analyse this Qlik app');
    expect(actionTitle(true, 1)).toBe('Qlarity: 1 error in the last analysis of this app');
    expect(actionTitle(true, 3)).toBe('Qlarity: 3 errors in the last analysis of this app');
    expect(actionTitle(true, 2, 'Qlik Cloud')).toBe('Qlarity: 2 errors in the last analysis of this app (Qlik Cloud)');
  });

  it('sets the badge per tab, and clears it for a tab without an app, even if the icon cannot be set', async () => {
    // (the fake browser has no setIcon: the badge and title must still be applied)
    await setActionIcon(4, true, 12);
    await setActionIcon(5, true, 0);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('12');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('0');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 4 })).not.toEqual(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 5 }));
    expect(await fakeBrowser.action.getTitle({ tabId: 4 })).toBe('Qlarity: 12 errors in the last analysis of this app');
    await setActionIcon(4, false, 12); // navigated away: no app, no badge
    expect(await fakeBrowser.action.getBadgeText({ tabId: 4 })).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: 4 })).toBe('Qlarity');
  });
});
