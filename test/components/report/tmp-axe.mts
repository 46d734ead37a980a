import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const tabs = ['overview', 'findings', 'data-model', 'sheets', 'expressions', 'usage', 'script'];
for (const scheme of ['light', 'dark'] as const) {
  for (const width of [320, 800]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    for (const tab of tabs) {
      await page.goto(`file:///tmp/qr/${tab}.html`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      console.log(scheme, width, tab, 'overflow', overflow, 'violations', results.violations.map((v) => `${v.id}(${v.impact}):${v.nodes.length}`).join(' '));
      for (const v of bad) for (const n of v.nodes.slice(0, 3)) console.log('   ', v.id, n.target.join(' '), n.failureSummary?.split('\n')[1]);
      if (scheme === 'light' && width === 320 || scheme === 'dark' && width === 800) await page.screenshot({ path: `/tmp/qr/${scheme}-${width}-${tab}.png`, fullPage: false });
    }
    if (requests.length) console.log('REQUESTS', requests);
    await page.close();
  }
}
await browser.close();
