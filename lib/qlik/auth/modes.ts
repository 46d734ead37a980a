// What each connection mode can do on each Qlik product (../shared/research/connectivity.md 0, 3, 6).
import type { ConnectionModeName } from '../errors';
import type { QlikPlatform } from '../platform';

export interface ModeSupport {
  /** can open the engine WebSocket: yes / no / only if the browser lets us set the header (API key) */
  engine: 'yes' | 'no' | 'try';
  rest: boolean;
  /** why not, for the options page and errors */
  note?: string;
}

export function modeSupport(mode: ConnectionModeName, platform: QlikPlatform): ModeSupport {
  const cloud = platform === 'qlik-cloud' || platform === 'qlik-cloud-gov' || platform === 'unknown';
  if (mode === 'session') return { engine: 'yes', rest: true };
  if (!cloud) {
    return { engine: 'no', rest: false, note: 'On Qlik Sense Enterprise on Windows only "My Qlik session" mode works (web integrations, OAuth clients and API keys are Qlik Cloud features).' };
  }
  if (mode === 'api-key') {
    return {
      engine: 'try',
      rest: true,
      note: 'A browser cannot put the API key on the engine WebSocket itself; Qlarity adds it with a request-header rule, which Firefox applies and Chrome does not (then the analysis needs another mode).',
    };
  }
  return { engine: 'yes', rest: true };
}
