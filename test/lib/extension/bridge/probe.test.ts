import { describe, expect, it } from 'vitest';
import { answerProbe } from '../../../../lib/extension/bridge/probe';
import { RelayProbeReply } from '../../../../lib/protocol/bridge';

const APP = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';

/** what the reply becomes after runtime messaging (JSON: undefined fields vanish) */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('answerProbe', () => {
  it('a QSEoW login redirect (signed out) still makes a valid reply, read as "302"', async () => {
    const redirect = new Response(null, { status: 200 });
    Object.defineProperty(redirect, 'type', { value: 'opaqueredirect' });
    const reply = await answerProbe(`https://qlik.example.com/qs/sense/app/${APP}`, async () => redirect);
    const parsed = RelayProbeReply.safeParse(overTheWire(reply));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.productInfo).toEqual({ status: 302, body: null });
  });

  it('passes product-info.json on, and says "no app" for other pages', async () => {
    const info = { composition: { deploymentType: 'QlikSenseServer' } };
    const reply = await answerProbe(`https://qlik2.example.com/qs/sense/app/${APP}`, async () => new Response(JSON.stringify(info), { status: 200 }));
    expect(RelayProbeReply.parse(overTheWire(reply)).productInfo).toEqual({ status: 200, body: info });
    expect(await answerProbe('https://qlik.example.com/hub', async () => new Response('{}'))).toEqual({ type: 'qlarity-relay-here', href: 'https://qlik.example.com/hub', productInfo: null });
  });
});
