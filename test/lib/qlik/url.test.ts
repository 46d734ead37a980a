import { describe, expect, it } from 'vitest';
import {
  appPageUrl,
  engineUrl,
  hostKindOf,
  isSameApp,
  parseQlikAppUrl,
  withQueryParams,
  type QlikAppLocation,
} from '../../../lib/qlik/url';

const GUID = '3f2b6a9e-6c1d-4c7a-9b0e-2d5f8a1c4e77';
const SHEET = 'a1b2c3d4-0000-4000-8000-123456789abc';

type Expected = Partial<QlikAppLocation> | null;
const cases: [string, Expected][] = [
  // Qlik Cloud, the shapes the Sense client shows
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}`, { origin: 'https://acme.eu.qlikcloud.com', prefix: '', appId: GUID, view: 'app', hostKind: 'qlik-cloud' }],
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}/`, { appId: GUID, view: 'app' }],
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}/overview`, { appId: GUID, view: 'app' }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis`, { appId: GUID, view: 'sheet', sheetId: SHEET, sheetMode: 'analysis' }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/edit`, { view: 'sheet', sheetId: SHEET, sheetMode: 'edit' }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis/options/clearselections`, { sheetId: SHEET, sheetMode: 'analysis' }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis/select/Country/Sweden`, { sheetId: SHEET, sheetMode: 'analysis' }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis/bookmark/b1/theme/sense`, { sheetId: SHEET }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}`, { view: 'sheet', sheetId: SHEET, sheetMode: undefined }],
  [`https://acme.us.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/story`, { view: 'sheet', sheetMode: undefined }],
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}/datamanager/datamanager`, { appId: GUID, view: 'app' }],
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}/insightadvisor`, { appId: GUID, view: 'app' }],
  [`https://acme.eu.qlikcloud.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis?qlik-web-integration-id=x#frag`, { appId: GUID, sheetId: SHEET }],
  [`https://acme.eu.qlikcloud.com/dataloadeditor/app/${GUID}`, { appId: GUID, view: 'dataloadeditor' }],
  [`https://acme.eu.qlikcloud.com/dataloadeditor/app/${GUID}/`, { appId: GUID, view: 'dataloadeditor' }],
  [`https://acme.eu.qlikcloud.com/datamodelviewer/app/${GUID}`, { appId: GUID, view: 'datamodelviewer' }],
  [`https://acme.eu.qlikcloud.com/single/?appid=${GUID}&sheet=${SHEET}&opt=ctxmenu`, { appId: GUID, view: 'single', sheetId: SHEET }],
  [`https://acme.eu.qlikcloud.com/single?appid=${GUID}&obj=abc`, { appId: GUID, view: 'single' }],
  [`https://ACME.EU.QLIKCLOUD.COM/Sense/App/${GUID}`, { origin: 'https://acme.eu.qlikcloud.com', appId: GUID }],
  [`https://acme.eu.qlikcloud.com//sense//app/${GUID}`, { appId: GUID }],
  // Regions and aliases: the region is part of the host, never hard-coded
  [`https://acme.ap.qlikcloud.com/sense/app/${GUID}`, { hostKind: 'qlik-cloud' }],
  [`https://acme.sg.qlikcloud.com/sense/app/${GUID}`, { hostKind: 'qlik-cloud' }],
  [`https://acme.de.qlikcloud.com/sense/app/${GUID}`, { hostKind: 'qlik-cloud' }],
  [`https://analytics-alias.uk.qlikcloud.com/sense/app/${GUID}`, { hostKind: 'qlik-cloud', host: 'analytics-alias.uk.qlikcloud.com' }],
  [`https://acme.qlikcloud.com/sense/app/${GUID}`, { hostKind: 'qlik-cloud' }],
  [`https://agency.us.qlikcloudgov.com/sense/app/${GUID}/sheet/${SHEET}/state/analysis`, { hostKind: 'qlik-cloud-gov', sheetId: SHEET }],
  [`https://acme.eu.qlikcloud.com:8443/sense/app/${GUID}`, { origin: 'https://acme.eu.qlikcloud.com:8443', host: 'acme.eu.qlikcloud.com:8443' }],
  // Qlik Sense Enterprise on Windows: default and virtual proxy prefixes
  [`https://qlik.corp.example/sense/app/${GUID}`, { hostKind: 'other', prefix: '', appId: GUID }],
  [`https://qlik.corp.example/sales/sense/app/${GUID}/sheet/${SHEET}/state/analysis`, { prefix: '/sales', appId: GUID, sheetId: SHEET, sheetMode: 'analysis' }],
  [`https://qlik.corp.example/saml/dataloadeditor/app/${GUID}`, { prefix: '/saml', view: 'dataloadeditor' }],
  [`https://qlik.corp.example/jwt/datamodelviewer/app/${GUID}`, { prefix: '/jwt', view: 'datamodelviewer' }],
  [`https://qlik.corp.example/vp/single/?appid=${GUID}&sheet=${SHEET}`, { prefix: '/vp', view: 'single', sheetId: SHEET }],
  [`https://qlik.corp.example:4443/hdr/sense/app/${GUID}/overview`, { origin: 'https://qlik.corp.example:4443', prefix: '/hdr', view: 'app' }],
  // Qlik Sense Desktop: http on localhost, the app id is an encoded file path
  ['http://localhost:4848/sense/app/C%3A%5CUsers%5Cme%5CDocuments%5CQlik%5CSense%5CApps%5CSales.qvf', { appId: 'C:\\Users\\me\\Documents\\Qlik\\Sense\\Apps\\Sales.qvf', hostKind: 'other' }],
  ['http://localhost:4848/sense/app/Sales%20Dashboard.qvf/sheet/s1/state/edit', { appId: 'Sales Dashboard.qvf', sheetId: 's1', sheetMode: 'edit' }],
  // Not an app page
  ['https://acme.eu.qlikcloud.com/', null],
  ['https://acme.eu.qlikcloud.com/hub', null],
  ['https://acme.eu.qlikcloud.com/explore/spaces/abc', null],
  ['https://acme.eu.qlikcloud.com/sense/app/', null],
  ['https://acme.eu.qlikcloud.com/sense/app', null],
  ['https://acme.eu.qlikcloud.com/sense/app/%20', null],
  ['https://acme.eu.qlikcloud.com/sense/app/%E0%A4%A', null],
  ['https://acme.eu.qlikcloud.com/single/?sheet=x', null],
  ['https://acme.eu.qlikcloud.com/single/?appid=', null],
  ['https://acme.eu.qlikcloud.com/app/' + GUID, null],
  ['https://acme.eu.qlikcloud.com/sense/apps/' + GUID, null],
  // Qlik Cloud has no virtual proxies: a prefix there is not the Sense client
  [`https://acme.eu.qlikcloud.com/foo/sense/app/${GUID}`, null],
  [`https://acme.eu.qlikcloud.com/foo/single/?appid=${GUID}`, null],
  // a QSEoW prefix is one path segment
  [`https://qlik.corp.example/a/b/sense/app/${GUID}`, null],
  // Qlik Cloud is HTTPS only
  [`http://acme.eu.qlikcloud.com/sense/app/${GUID}`, null],
  // look-alike hosts are not Qlik Cloud (they may still be QSEoW, confirmed by product-info.json)
  [`https://qlikcloud.com.evil.example/sense/app/${GUID}`, { hostKind: 'other' }],
  [`https://evilqlikcloud.com/sense/app/${GUID}`, { hostKind: 'other' }],
  // other schemes and junk
  [`chrome-extension://abcdef/sense/app/${GUID}`, null],
  [`file:///C:/sense/app/${GUID}`, null],
  ['about:blank', null],
  ['not a url', null],
  ['', null],
];

describe('parseQlikAppUrl', () => {
  it.each(cases)('%s', (href, expected) => {
    const got = parseQlikAppUrl(href);
    if (expected === null) expect(got).toBeNull();
    else {
      expect(got).not.toBeNull();
      const defined = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined));
      expect(got).toMatchObject(defined);
      // a key listed with `undefined` must be absent
      for (const [key, value] of Object.entries(expected)) {
        if (value === undefined) expect(got).not.toHaveProperty(key);
      }
    }
  });
});

describe('hostKindOf', () => {
  it.each([
    ['acme.eu.qlikcloud.com', 'qlik-cloud'],
    ['acme.eu.qlikcloud.com.', 'qlik-cloud'],
    ['qlikcloud.com', 'other'],
    ['.qlikcloud.com', 'other'],
    ['x.qlikcloudgov.com', 'qlik-cloud-gov'],
    ['qlikcloudgov.com', 'other'],
    ['qlikcloud.com.attacker.net', 'other'],
  ])('%s → %s', (host, kind) => expect(hostKindOf(host)).toBe(kind));
});

describe('isSameApp', () => {
  const a = parseQlikAppUrl(`https://acme.eu.qlikcloud.com/sense/app/${GUID}/sheet/s1/state/analysis`);
  it('ignores the sheet and view', () => {
    expect(isSameApp(a, parseQlikAppUrl(`https://acme.eu.qlikcloud.com/dataloadeditor/app/${GUID}`))).toBe(true);
  });
  it('distinguishes apps, tenants and prefixes', () => {
    expect(isSameApp(a, parseQlikAppUrl(`https://acme.eu.qlikcloud.com/sense/app/other`))).toBe(false);
    expect(isSameApp(a, parseQlikAppUrl(`https://other.eu.qlikcloud.com/sense/app/${GUID}`))).toBe(false);
    expect(isSameApp(a, null)).toBe(false);
    expect(isSameApp(null, null)).toBe(true);
  });
});

describe('engine and page URLs', () => {
  const cloud = parseQlikAppUrl(`https://acme.eu.qlikcloud.com/sense/app/${GUID}`)!;
  const qseow = parseQlikAppUrl(`https://qlik.corp.example/sales/sense/app/${GUID}`)!;
  const desktop = parseQlikAppUrl('http://localhost:4848/sense/app/C%3A%5Ca%20b.qvf')!;

  it('builds the engine URL with our own identity and the reloadUri', () => {
    const url = new URL(engineUrl(cloud, { identity: 'qlarity-1 x' }));
    expect(url.protocol).toBe('wss:');
    expect(url.host).toBe('acme.eu.qlikcloud.com');
    expect(url.pathname).toBe(`/app/${GUID}/identity/qlarity-1%20x`);
    expect(url.searchParams.get('reloadUri')).toBe(`https://acme.eu.qlikcloud.com/sense/app/${GUID}`);
  });
  it('keeps the virtual proxy prefix', () => {
    const url = new URL(engineUrl(qseow));
    expect(url.pathname).toBe(`/sales/app/${GUID}`);
    expect(appPageUrl(qseow)).toBe(`https://qlik.corp.example/sales/sense/app/${GUID}`);
  });
  it('uses ws:// for http Desktop and encodes path app ids', () => {
    const url = new URL(engineUrl(desktop));
    expect(url.protocol).toBe('ws:');
    expect(url.pathname).toBe('/app/C%3A%5Ca%20b.qvf');
  });
  it('adds auth parameters, encoded', () => {
    const url = new URL(withQueryParams(engineUrl(cloud), { 'qlik-csrf-token': 'a+b/c=' }));
    expect(url.searchParams.get('qlik-csrf-token')).toBe('a+b/c=');
    expect(url.searchParams.get('reloadUri')).toContain('/sense/app/');
  });
});
