// The live dashboard as a reader uses it: `jobsift serve` over the state of a
// generated run, opened in headless Chromium (Debian's chromium, driven by
// playwright-core from web/node_modules). Checks that
//   - the page logs no console errors, throws nothing, and requests nothing
//     but the server's own origin (no CDN, no font, no other host),
//   - every analysis of /api/meta has a figure, and each chart container
//     holds a drawn SVG with ink on it; a table toggle shows the table with
//     its Chinese column labels and unknown cells as "—",
//   - choosing a city in the filter bar redraws: the F1 chart's data equal
//     /api/tables' F1 measure for that city, the postings count equals the
//     view's, and the URL's hash holds the city,
//   - compare mode shows pane B beside pane A, each with its own filter and
//     data matching its own /api/tables answer; a word cloud redrawn for a
//     new filter shows each word once (no leftover layout of the old one),
//   - reloading the URL restores both filters and the compare toggle,
//   - quick successive changes end on the last one (no stale answer wins),
//   - a URL with invalid values is reported on the page, not a crash, and a
//     view that cannot be shown (quarters from after to) says why in its
//     pane instead of going blank,
//   - the CSV export link downloads the view's table as the report writes
//     tables/<id>.csv (UTF-8 with a BOM, the same header; for the whole run
//     the same bytes), the Excel link a workbook (a zip: "PK"), both
//     carrying the view's filter,
//   - SIGTERM stops the server with exit code 0.
// Exit 0 pass, 1 fail, 77 skip (no Chromium).
//
// usage: node serve_test.mjs --jobsift BIN --source REPO [--out DIR]
//   --out keeps the work folder there (data, state, screenshots) for a look.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUp } from './harness.mjs';
import { decodePng, inkPixels } from './png.mjs';

const { jobsift, work, keep, chromium, executablePath: CHROMIUM, failures, check } = setUp('serve_test.mjs', 'jobsift_serve_');

const started = Date.now();

// The dataset: generated postings with planted truth, reported once with
// its state kept.
const csv = path.join(work, 'postings.csv');
const state = path.join(work, 'run.state');
execFileSync(jobsift, ['gen', '-q', '-n', '40000', '--seed', '7', '-o', csv]);
execFileSync(jobsift, ['report', '-q', csv, '-o', path.join(work, 'r'), '--state', state],
  { stdio: ['ignore', 'inherit', 'inherit'] });

// The server, on a port the system picks: its first line names the URL.
const server = spawn(jobsift, ['serve', state, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
let exitedAlready = null;
exited.then((e) => { exitedAlready = e; });
const firstLine = await new Promise((resolve) => {
  let out = '';
  const timer = setTimeout(() => resolve(null), 60000);
  server.stdout.on('data', (d) => {
    out += d;
    const nl = out.indexOf('\n');
    if (nl >= 0) {
      clearTimeout(timer);
      resolve(out.slice(0, nl));
    }
  });
  exited.then(() => { clearTimeout(timer); resolve(out.length ? out : null); });
});
const base = firstLine && (firstLine.match(/http:\/\/127\.0\.0\.1:\d+\//) || [])[0];
check(!!base && /^jobsift serve: http:\/\/127\.0\.0\.1:\d+\/ \(\d+ postings and \d+ re-posts from 1 state file\)$/.test(firstLine),
  `the server's first line names its URL: ${JSON.stringify(firstLine)}`);
if (!base) {
  console.error(serverErr);
  server.kill('SIGKILL');
  console.log(`FAILED in ${((Date.now() - started) / 1000).toFixed(1)} s; work folder ${work}`);
  process.exit(1);
}
const origin = new URL(base).origin;

// The API's own answers, fetched beside the page.
async function api(pathAndQuery) {
  const r = await fetch(new URL(pathAndQuery, base));
  if (!r.ok) throw new Error(`${pathAndQuery}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}
const tablesFor = (filter) => api('api/tables?' + new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString());
const meta = await api('api/meta');
const analyses = meta.analyses || [];
const cities = (meta.dimensions && meta.dimensions.city) || [];
check(analyses.length >= 20 && cities.length >= 4, `/api/meta lists the analyses (${analyses.length}) and cities (${cities.length})`);

// A table's measure column as the chart should draw it, rows in table
// order (the whole-run "all" rows of the quarter tables aside).
function measureOf(table, analysis) {
  const m = table.columns.findIndex((c) => c.key === analysis.measure);
  const k = table.columns.findIndex((c) => c.key === analysis.rows.split('|')[0]);
  return table.rows.filter((r) => r[k] !== 'all').map((r) => r[m]);
}
const same = (a, b) => a.length === b.length && a.every((x, i) => {
  const y = b[i];
  const blank = (v) => v === null || v === undefined || v === '-';
  return blank(x) ? blank(y) : typeof y === 'number' && Math.abs(x - y) < 1e-9;
});
const analysis = (id) => analyses.find((a) => a.id === id);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jobsift_chromium_'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1300, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync'],
});
const errors = [];
const requests = [];
const watch = (page) => {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // The console says only "Failed to load resource": name the URL.
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`); });
};
context.on('request', (r) => requests.push(r.url()));

try {
  const page = context.pages()[0] || await context.newPage();
  watch(page);
  const dash = () => page.evaluate(() => window.jobsiftDashboard);
  // Waits until the page says every pane on screen is drawn for `filters`
  // ({a: {...}, b: {...}}; the keys given must match).
  const settled = (filters, timeout = 60000) => page.waitForFunction((want) => {
    const d = window.jobsiftDashboard;
    if (!d || !d.ready) return false;
    return Object.entries(want).every(([pane, f]) =>
      Object.entries(f).every(([k, v]) => (d.panes[pane].filter[k] || '') === v));
  }, filters, { timeout });
  // The chart data of analysis `id` in `pane`: each series' values.
  const chartData = (pane, id) => page.evaluate(([pane, id]) => {
    const c = window.jobsiftDashboard.panes[pane].charts[id];
    if (!c) return null;
    return c.getOption().series.map((s) => (s.data || []).map((d) => (d && typeof d === 'object' && !Array.isArray(d) ? d.value : d)));
  }, [pane, id]);
  const countOf = async (pane) => {
    const text = await page.locator(`.pane-filter[data-pane="${pane}"] [data-role="count"]`).innerText();
    const m = text.match(/([\d,]+)\s*个岗位/);
    return m ? Number(m[1].replace(/,/g, '')) : NaN;
  };
  const select = (pane, key) => page.locator(`.pane-filter[data-pane="${pane}"] select[data-filter="${key}"]`);
  // F1 (a line by quarter) and F2 (a bar by city) in `pane` against the
  // API's answer for `filter`.
  const matchesApi = async (pane, filter, what) => {
    const answer = await tablesFor(filter);
    for (const id of ['F1', 'F2']) {
      const a = analysis(id);
      const want = measureOf(answer.tables[id], a);
      const got = await chartData(pane, id);
      check(got && got.length > 0 && same(want, got[0]),
        `${what}: pane ${pane.toUpperCase()}'s ${id} chart draws /api/tables' ${a.measure} (${JSON.stringify(want).slice(0, 80)}; drawn ${JSON.stringify(got && got[0]).slice(0, 80)})`);
    }
    const count = await countOf(pane);
    check(count === answer.view.postings, `${what}: pane ${pane.toUpperCase()} shows the view's postings (${count} = ${answer.view.postings})`);
    return answer;
  };

  // 1. The whole run.
  await page.goto(base, { waitUntil: 'load' });
  await settled({ a: {} });
  const figures = await page.locator('figure.figure[data-id]').evaluateAll((fs) => fs.map((f) => f.dataset.id));
  check(figures.length === analyses.length && analyses.every((a) => figures.includes(a.id)),
    `every analysis of /api/meta has a figure (${figures.length} of ${analyses.length})`);
  const sections = await page.locator('h2.section').allInnerTexts();
  check(new Set(analyses.map((a) => a.section)).size === sections.length, `the figures stand under their ${sections.length} sections`);
  // A word cloud lays out on a timer: wait until every chart has drawn.
  await page.waitForFunction(() => [...document.querySelectorAll('.chart[data-pane="a"]')]
    .every((el) => el.querySelectorAll('svg path, svg text').length > 3), null, { timeout: 30000 }).catch(() => {});
  const blank = [];
  for (const a of analyses) {
    const el = page.locator(`.chart[data-chart="${a.id}"][data-pane="a"]`);
    const svg = await el.locator('svg').count();
    const ink = svg && await el.isVisible() ? inkPixels(decodePng(await el.screenshot())) : 0;
    const data = await chartData('a', a.id);
    const points = data ? data.reduce((n, s) => n + s.length, 0) : 0;
    if (!svg || ink < 300 || !points) blank.push(`${a.id} (${a.chart}: svg ${svg}, ink ${ink}, points ${points})`);
  }
  check(blank.length === 0, `every analysis' chart is drawn with ink and data${blank.length ? ': blank ' + blank.join(', ') : ''}`);
  if (keep) await page.screenshot({ path: path.join(work, 'screenshot-all.png'), fullPage: true });
  await matchesApi('a', {}, 'the whole run');
  const whole = await tablesFor({});
  const n = await page.locator('#fig-F1 .pane-view[data-pane="a"] [data-role="n"]').innerText();
  check(n.includes(`n = ${whole.tables.F1.n.toLocaleString('en-US')}`), `F1 shows its n (${n})`);

  // The table toggle: hidden, then shown with the Chinese labels; unknown
  // cells read "—".
  const withNull = analyses.map((a) => a.id).find((id) => whole.tables[id].rows.some((r) => r.some((v, i) =>
    v === null && whole.tables[id].columns[i].type !== 'boolean'))) || 'F2';
  const details = page.locator(`#fig-${withNull} .pane-view[data-pane="a"] details.data`);
  const table = details.locator('table');
  check(!(await table.isVisible()), `${withNull}'s table is hidden before its toggle`);
  await details.locator('summary').click();
  const heads = await table.locator('thead th').allInnerTexts();
  const labels = whole.tables[withNull].columns.map((c) => c.label);
  check(await table.isVisible() && JSON.stringify(heads) === JSON.stringify(labels) &&
    await table.locator('tbody tr').count() === whole.tables[withNull].rows.length,
  `clicking the toggle shows ${withNull}'s table: its rows under the columns' Chinese labels`);
  const cellsShown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const nullsShown = whole.tables[withNull].rows.every((r, ri) => r.every((v, i) =>
    v !== null || whole.tables[withNull].columns[i].type === 'boolean' || cellsShown[ri][i] === '—'));
  check(nullsShown, `${withNull}'s unknown cells read "—"`);

  // 2. A city, chosen in the filter bar.
  const [city1, city2, city3, city4] = cities;
  await select('a', 'city').selectOption(city1);
  await settled({ a: { city: city1 } });
  await matchesApi('a', { city: city1 }, `city ${city1}`);
  let hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  check(hash.get('a.city') === city1, `the URL's hash holds the city (${new URL(page.url()).hash})`);

  // 3. Compare: B beside A, its own city.
  await page.locator('#compare').check();
  await settled({ a: { city: city1 } });
  await select('b', 'city').selectOption(city2);
  await settled({ a: { city: city1 }, b: { city: city2 } });
  await matchesApi('a', { city: city1 }, `compare, A ${city1}`);
  await matchesApi('b', { city: city2 }, `compare, B ${city2}`);
  const boxA = await page.locator('.chart[data-chart="F1"][data-pane="a"]').boundingBox();
  const boxB = await page.locator('.chart[data-chart="F1"][data-pane="b"]').boundingBox();
  check(boxA && boxB && Math.abs(boxA.y - boxB.y) < 2 && boxB.x >= boxA.x + boxA.width,
    'in compare mode B\'s chart stands beside A\'s');
  const clouds = analyses.filter((a) => a.chart === 'wordcloud').map((a) => a.id);
  await page.waitForTimeout(500);
  for (const pane of ['a', 'b']) {
    const answer = await tablesFor({ city: pane === 'a' ? city1 : city2 });
    for (const id of clouds) {
      const words = await page.locator(`.chart[data-chart="${id}"][data-pane="${pane}"] svg text`).count();
      check(words > 0 && words <= answer.tables[id].rows.length,
        `pane ${pane.toUpperCase()}'s word cloud ${id} draws each word at most once (${words} of ${answer.tables[id].rows.length})`);
    }
  }
  hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  check(hash.get('a.city') === city1 && hash.get('b.city') === city2 && hash.get('compare') === '1',
    `the URL holds both views and the toggle (${decodeURIComponent(new URL(page.url()).hash)})`);
  if (keep) await page.screenshot({ path: path.join(work, 'screenshot-compare.png'), fullPage: false });

  // 4. Reload: the same view again.
  await page.reload({ waitUntil: 'load' });
  await settled({ a: { city: city1 }, b: { city: city2 } });
  check(await select('a', 'city').inputValue() === city1 && await select('b', 'city').inputValue() === city2 &&
    await page.locator('#compare').isChecked(), 'reloading the URL restores both cities and compare mode');
  await matchesApi('a', { city: city1 }, 'after reload, A');
  await matchesApi('b', { city: city2 }, 'after reload, B');

  // 5. Quick changes: the last one wins, whatever order the answers come in.
  await select('a', 'city').selectOption(city3);
  await select('a', 'city').selectOption(city4);
  await select('a', 'city').selectOption(city1);
  await select('a', 'city').selectOption(city3);
  await settled({ a: { city: city3 } });
  await page.waitForTimeout(1500);  // any slower, older answer arrives now
  await matchesApi('a', { city: city3 }, 'after four quick changes');

  // 6. Export: the links carry the view's filter.
  const link = page.locator('#fig-F1 .pane-view[data-pane="a"] a[data-role="csv"]');
  const href = new URL(await link.getAttribute('href'), page.url());
  check(href.origin === origin && href.searchParams.get('id') === 'F1' && href.searchParams.get('city') === city3,
    `the CSV link names the table and the view's city (${decodeURIComponent(href.pathname + href.search)})`);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), link.click()]);
  const body = fs.readFileSync(await download.path());
  const reportCsv = fs.readFileSync(path.join(work, 'r', 'tables', 'F1.csv'));
  const header = (b) => b.toString('utf8').split(/\r?\n/)[0];
  const rows = body.toString('utf8').trim().split(/\r?\n/).length - 1;
  const f1 = (await tablesFor({ city: city3 })).tables.F1;
  check(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) && header(body) === header(reportCsv) && rows === f1.rows.length,
    `clicking CSV downloads UTF-8 with a BOM, the header of the report's tables/F1.csv and the view's ${f1.rows.length} rows (${header(body).slice(1, 50)}…)`);
  const wholeCsv = Buffer.from(await (await fetch(new URL('api/table.csv?id=F1', base))).arrayBuffer());
  check(wholeCsv.equals(reportCsv), 'for the whole run the CSV export is the report\'s tables/F1.csv, byte for byte');
  const xlsxHref = new URL(await page.locator('#fig-F1 .pane-view[data-pane="a"] a[data-role="xlsx"]').getAttribute('href'), page.url());
  const xlsx = Buffer.from(await (await fetch(xlsxHref)).arrayBuffer());
  check(xlsxHref.searchParams.get('city') === city3 && xlsx.subarray(0, 2).toString('latin1') === 'PK',
    `the Excel link answers a workbook (zip, ${xlsx.length} bytes)`);

  // 7. A URL naming values that do not exist: reported, the rest still
  // drawn; A's quarters run backwards: A says so.
  const other = await context.newPage();
  watch(other);
  const quarters = meta.dimensions.quarter;
  const odd = new URLSearchParams({
    'a.city': '火星', 'a.nonsense': '1', 'a.from': quarters[quarters.length - 1], 'a.to': quarters[0],
    'b.degree': meta.dimensions.degree[0], compare: '1',
  });
  await other.goto(base + '#' + odd, { waitUntil: 'load' });
  await other.waitForFunction(() => window.jobsiftDashboard && window.jobsiftDashboard.ready, null, { timeout: 60000 });
  const notice = other.locator('#notice');
  check(await notice.isVisible() && (await notice.innerText()).includes('火星') && (await notice.innerText()).includes('a.nonsense'),
    'invalid values in the URL are reported on the page');
  const kept = await other.evaluate(() => [window.jobsiftDashboard.panes.a.filter, window.jobsiftDashboard.panes.b.filter]);
  check(!kept[0].city && kept[1].degree === meta.dimensions.degree[0] && await other.locator('.chart[data-pane="b"] svg').count() > 0,
    'the invalid values are dropped and the valid ones drawn');
  const paneError = other.locator('.pane-filter[data-pane="a"] [data-role="error"]');
  const figureError = other.locator('#fig-F1 .pane-view[data-pane="a"] p.empty');
  check(await paneError.isVisible() && (await paneError.innerText()).includes('晚于') && (await figureError.innerText()).includes('晚于'),
    `a view that cannot be shown says why in its pane (${(await paneError.innerText()).trim()})`);
  await other.close();

  check(errors.length === 0, `no console errors or page errors${errors.length ? ': ' + errors.slice(0, 5).join(' | ') : ''}`);
  const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  check(requests.length > 0 && foreign.length === 0,
    `every request goes to the server (${requests.length} requests)${foreign.length ? ': ' + foreign.slice(0, 5).join(' ') : ''}`);
} catch (e) {
  check(false, `the browser checks ran to the end: ${e.stack || e}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// 8. SIGTERM: a clean stop.
if (exitedAlready) {
  check(false, `the server ran until stopped (it exited early: ${JSON.stringify(exitedAlready)})\n${serverErr}`);
} else {
  server.kill('SIGTERM');
  const stop = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  check(stop && stop.code === 0, `SIGTERM stops the server with exit code 0 (${JSON.stringify(stop)})`);
  if (!stop) server.kill('SIGKILL');
}
if (serverErr.trim()) console.log(`server stderr:\n${serverErr.trim().split('\n').slice(-10).join('\n')}`);

console.log(`${failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; work folder ${work}`);
if (!keep) fs.rmSync(work, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
