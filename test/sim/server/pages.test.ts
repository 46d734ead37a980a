import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../index';
import { PERSONAL_APP_ID, SHARED_APP_ID, call, startTestSimulator } from '../testing/fixtures';

let sim: Simulator;
let developer: Record<string, string>;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  developer = { cookie: sim.login(sim.users.developer).cookie };
});

describe('Sense client pages', () => {
  it('a sheet page has the Sense title, the sheet title and one element per object laid out by its cell', async () => {
    const answer = await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/analysis`, { headers: developer });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<title>Shared sales - My new sheet | Sheets - Qlik Sense</title>');
    expect(answer.text).toContain('data-sheet-id="sheet1" data-state="analysis">My new sheet</h2>');
    expect(answer.text).toContain('data-qid="chart1" data-type="barchart" style="grid-column:1 / span 12;grid-row:1 / span 6"');
    expect(answer.text).toContain('data-qid="kpi1" data-type="kpi" style="grid-column:13 / span 12;grid-row:1 / span 6"');
    // hostile strings from the app are escaped
    expect(answer.text).toContain('Sales by &lt;Region&gt;');
    expect(answer.text).not.toContain('<Region>');
  });

  it('the edit state needs edit rights', async () => {
    const viewer = { cookie: sim.login(sim.users.viewer).cookie };
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/edit`, { headers: developer })).status).toBe(200);
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/edit`, { headers: viewer })).status).toBe(403);
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/analysis`, { headers: viewer })).status).toBe(200);
  });

  it("another user's private sheet is not shown to the viewer", async () => {
    const viewer = { cookie: sim.login(sim.users.viewer).cookie };
    const mine = await call(sim, `/sense/app/${SHARED_APP_ID}`, { headers: developer });
    expect(mine.text).toContain('Draft ideas');
    const theirs = await call(sim, `/sense/app/${SHARED_APP_ID}`, { headers: viewer });
    expect(theirs.text).toContain('My new sheet');
    expect(theirs.text).not.toContain('Draft ideas');
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/private1/state/analysis`, { headers: viewer })).status).toBe(404);
  });

  it('the app overview lists the sheets; unknown apps and sheets are 404', async () => {
    const overview = await call(sim, `/sense/app/${SHARED_APP_ID}`, { headers: developer });
    expect(overview.text).toContain(`<a href="/sense/app/${SHARED_APP_ID}/sheet/sheet1/state/analysis">My new sheet</a>`);
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/overview`, { headers: developer })).status).toBe(200);
    expect((await call(sim, '/sense/app/nope', { headers: developer })).status).toBe(404);
    expect((await call(sim, `/sense/app/${SHARED_APP_ID}/sheet/nope/state/analysis`, { headers: developer })).status).toBe(404);
  });

  it('data load editor (edit rights), data model viewer and /single', async () => {
    const editor = await call(sim, `/dataloadeditor/app/${SHARED_APP_ID}`, { headers: developer });
    expect(editor.text).toContain('<pre id="script-editor">Sales:');
    const viewer = { cookie: sim.login(sim.users.viewer).cookie };
    expect((await call(sim, `/dataloadeditor/app/${SHARED_APP_ID}`, { headers: viewer })).status).toBe(403);
    const model = await call(sim, `/datamodelviewer/app/${SHARED_APP_ID}`, { headers: developer });
    expect(model.text).toContain('Sales (1000 rows)');
    const single = await call(sim, `/single/?appid=${SHARED_APP_ID}&obj=chart1`, { headers: developer });
    expect(single.text).toContain('data-qid="chart1"');
    const singleSheet = await call(sim, `/single/?appid=${SHARED_APP_ID}&sheet=sheet1`, { headers: developer });
    expect(singleSheet.text).toContain('data-qid="kpi1"');
  });

  it('the hub lists only the apps the user can open', async () => {
    const dev = await call(sim, '/hub', { headers: developer });
    expect(dev.text).toContain(`data-app-id="${SHARED_APP_ID}"`);
    expect(dev.text).toContain(`data-app-id="${PERSONAL_APP_ID}"`);
    const viewer = await call(sim, '/hub', { headers: { cookie: sim.login(sim.users.viewer).cookie } });
    expect(viewer.text).toContain(`data-app-id="${SHARED_APP_ID}"`);
    expect(viewer.text).not.toContain(`data-app-id="${PERSONAL_APP_ID}"`);
    expect((await call(sim, '/', { headers: developer })).headers.get('location')).toBe('/hub');
  });

  it('every page redirects to login without a session', async () => {
    for (const path of ['/hub', `/dataloadeditor/app/${SHARED_APP_ID}`, `/datamodelviewer/app/${SHARED_APP_ID}`, `/single/?appid=${SHARED_APP_ID}`]) {
      const answer = await call(sim, path);
      expect(answer.status, path).toBe(302);
      expect(answer.headers.get('location'), path).toBe(`/login?returnto=${encodeURIComponent(`${sim.url}${path}`)}`);
    }
  });
});
