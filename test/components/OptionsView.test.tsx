// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsView } from '@/components/OptionsView';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('OptionsView', () => {
  it('loads the settings, shows what a mode needs, and saves the change', async () => {
    const client = new FakeClient();
    const view = await mount(<OptionsView client={client} />);
    await view.until('My Qlik session (recommended)');
    expect(view.root.querySelector<HTMLInputElement>('#mode-session')!.checked).toBe(true);

    await act(() => view.root.querySelector<HTMLInputElement>('#mode-oauth')!.click());
    await view.until('OAuth mode needs the client ID');
    const input = view.root.querySelector<HTMLInputElement>('#oauth-client-id')!;
    await act(() => {
      input.value = 'client-123';
      input.dispatchEvent(new Event('input'));
    });
    expect(view.text()).not.toContain('OAuth mode needs the client ID');

    await act(async () => {
      view.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    expect(client.setSettings).toHaveBeenCalledWith({ connection: expect.objectContaining({ mode: 'oauth', oauthClientId: 'client-123' }) });
    await view.until('Saved.');
  });

  it('keeps the API key in a password field', async () => {
    const client = new FakeClient();
    client.settings = { connection: { ...client.settings.connection, mode: 'api-key', apiKey: 'secret' } };
    const view = await mount(<OptionsView client={client} />);
    await view.until('API key');
    expect(view.root.querySelector<HTMLInputElement>('#api-key')!.type).toBe('password');
  });

  it('shows an error when saving fails', async () => {
    const client = new FakeClient();
    client.setSettings.mockRejectedValueOnce(new Error('Storage quota exceeded.'));
    const view = await mount(<OptionsView client={client} />);
    await view.until('Save');
    await act(async () => {
      view.root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await view.until('Storage quota exceeded.');
  });
});
