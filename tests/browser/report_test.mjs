// The report as a reader sees it: headless Chromium (Debian's chromium,
// driven by playwright-core from web/node_modules) opens report.html of a
// generated dataset from file:// and checks that
//   - the page logs no console errors and throws nothing,
//   - it requests nothing but file: and data: URLs (no network),
//   - every chart container holds a drawn SVG with ink on it,
//   - a table toggle opens its table,
//   - CJK text renders as glyphs, not boxes: the characters of 人工智能岗位,
//     screenshotted one by one in the page's font, all differ from each
//     other and from a character no font has (which draws the .notdef box
//     that missing CJK glyphs would also draw),
// and that report.html is byte-identical across runs and thread counts, and
// `--pdf` prints a PDF. Exit 0 pass, 1 fail, 77 skip (no Chromium).
//
// usage: node report_test.mjs --jobsift BIN --source REPO [--out DIR]
//   --out keeps the work folder there (report, screenshot.png) for a look.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUp } from './harness.mjs';
import { decodePng, inkPixels } from './png.mjs';

const { jobsift, work, keep, chromium, executablePath: CHROMIUM, failures, check } = setUp('report_test.mjs', 'jobsift_browser_');
const csv = path.join(work, 'postings.csv');
// The dataset: generated postings with planted truth (jobsift gen).
const generate = () => execFileSync(jobsift, ['gen', '-q', '-n', '40000', '--seed', '7', '-o', csv]);

const started = Date.now();

generate();
const report = (dir, ...extra) =>
  execFileSync(jobsift, ['report', '-q', csv, '-o', path.join(work, dir), ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
report('r1', '--threads', '1');
report('r2', '--threads', '2');
const html = path.join(work, 'r1', 'report.html');
check(fs.readFileSync(html).equals(fs.readFileSync(path.join(work, 'r2', 'report.html'))),
  'report.html is byte-identical across runs with --threads 1 and 2');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jobsift_chromium_'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1100, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-quic', '--disable-sync'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('request', (r) => requests.push(r.url()));
  await page.goto('file://' + html, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), null, { timeout: 30000 });
  const containers = await page.locator('.chart[data-chart]').count();
  // The word cloud lays out on a timer: wait until every chart has drawn.
  await page.waitForFunction(
    () => [...document.querySelectorAll('.chart[data-chart]')].every((el) => el.querySelectorAll('svg path, svg text').length > 3),
    null, { timeout: 30000 }).catch(() => {});
  check(containers >= 20, `the page has chart containers (${containers})`);
  check(Number(await page.getAttribute('html', 'data-charts-drawn')) === containers, 'the script drew every container');

  const blank = [];
  for (let i = 0; i < containers; ++i) {
    const el = page.locator('.chart[data-chart]').nth(i);
    const id = await el.getAttribute('data-chart');
    const svg = await el.locator('svg').count();
    const ink = svg ? inkPixels(decodePng(await el.screenshot())) : 0;
    if (!svg || ink < 500) blank.push(`${id} (svg ${svg}, ink ${ink})`);
  }
  check(blank.length === 0, `every chart container has a drawn SVG with ink${blank.length ? ': blank ' + blank.join(', ') : ''}`);

  // Legible at every width: at a phone's 375 px and a desktop's 1280 px no
  // chart's text runs outside its frame and no two visible labels collide.
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(600);  // the resize handler redraws after 100 ms
    const problems = await page.evaluate(() => {
      const out = [];
      const specs = JSON.parse(document.getElementById('jobsift-charts').textContent);
      for (const el of document.querySelectorAll('.chart[data-chart]')) {
        const id = el.dataset.chart;
        const box = el.getBoundingClientRect();
        const figure = el.closest('figure').getBoundingClientRect();
        if (box.right > figure.right + 1 || box.left < figure.left - 1) out.push(`${id}: the chart is wider than its figure`);
        const texts = [...el.querySelectorAll('svg text')].filter((t) => {
          const cs = window.getComputedStyle(t);
          const r = t.getBoundingClientRect();
          return t.textContent.trim() && cs.display !== 'none' && cs.visibility !== 'hidden' &&
            Number(cs.opacity) > 0.05 && Number(t.getAttribute('fill-opacity') ?? 1) > 0.05 && r.width > 0;
        }).map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
        const outside = texts.find(({ r }) => r.left < box.left - 2 || r.right > box.right + 2 ||
          r.top < box.top - 2 || r.bottom > box.bottom + 2);
        if (outside) out.push(`${id}: '${outside.text}' runs outside the chart`);
        // A word cloud packs words by their glyphs, so their boxes may
        // overlap while their ink does not: only its bounds are checked.
        let collision = null;
        for (let i = 0; i < texts.length && !collision && specs[id].kind !== 'wordcloud'; ++i) {
          for (let j = i + 1; j < texts.length && !collision; ++j) {
            const a = texts[i].r, b = texts[j].r;
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            const smaller = Math.min(a.width * a.height, b.width * b.height);
            if (w > 0 && h > 0 && w * h > 0.3 * smaller) collision = `'${texts[i].text}' and '${texts[j].text}'`;
          }
        }
        if (collision) out.push(`${id}: labels ${collision} overlap`);
      }
      return out;
    });
    check(problems.length === 0, `at ${width} px every chart keeps its text inside and apart${problems.length ? ': ' + problems.slice(0, 8).join('; ') : ''}`);
    if (keep) await page.screenshot({ path: path.join(work, `screenshot-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.waitForTimeout(600);
  const tocNumbers = await page.evaluate(() =>
    [...document.querySelectorAll('nav.toc li')].filter((li) => window.getComputedStyle(li).listStyleType !== 'none').length);
  check(tocNumbers === 0, 'the contents are numbered once, by their titles (no list numbers beside them)');

  const details = page.locator('details.data').first();
  const table = details.locator('table');
  check(!(await table.isVisible()), 'a data table is hidden before its toggle');
  await details.locator('summary').click();
  check(await table.isVisible() && (await table.locator('tbody tr').count()) > 0, 'clicking the toggle shows the table with rows');

  // CJK glyphs, not boxes.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'cjk-probe';
    box.style.cssText = 'position:fixed;top:0;left:0;background:#fff;color:#000;font-size:40px;line-height:1;padding:4px;z-index:99';
    for (const ch of ['人', '工', '智', '能', '岗', '位', '\u{10FFFD}']) {
      const s = document.createElement('span');
      s.textContent = ch;
      s.style.cssText = 'display:inline-block;width:48px;height:48px;text-align:center';
      box.appendChild(s);
    }
    document.body.appendChild(box);
  });
  const spans = page.locator('#cjk-probe span');
  const shots = [];
  for (let i = 0; i < 7; ++i) shots.push(decodePng(await spans.nth(i).screenshot()));
  const key = (img) => img.px.toString('base64');
  const glyphs = shots.slice(0, 6);
  const tofu = key(shots[6]);
  check(glyphs.every((g) => inkPixels(g) > 40), 'each CJK character draws ink');
  check(new Set(glyphs.map(key)).size === 6, 'the six CJK characters draw six different glyphs (not one box shape)');
  check(glyphs.every((g) => key(g) !== tofu), 'no CJK character draws the missing-glyph box');
  await page.evaluate(() => document.getElementById('cjk-probe').remove());
  await page.screenshot({ path: path.join(work, 'screenshot.png'), fullPage: false });
  await page.locator('#ch2').screenshot({ path: path.join(work, 'screenshot-ch2.png') });

  // As printed (what --pdf gets): on an A4-wide page every chart still shows,
  // scaled to the page, and the table toggles are gone.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 700, height: 1000 });
  const printed = await page.evaluate(() => [...document.querySelectorAll('.chart[data-chart]')].map((el) => {
    const r = el.querySelector('svg')?.getBoundingClientRect();
    return { id: el.dataset.chart, w: r ? r.width : 0, h: r ? r.height : 0 };
  }));
  const squashed = printed.filter((c) => c.h < 100 || c.w < 300 || c.w > 700);
  check(squashed.length === 0, `in print, every chart fits the page width and keeps its height${squashed.length ? ': ' + JSON.stringify(squashed.slice(0, 5)) : ''}`);
  check(!(await page.locator('details.data summary').first().isVisible()), 'in print, the table toggles are hidden');
  await page.locator('[id="F9"]').screenshot({ path: path.join(work, 'screenshot-print-F9.png') });

  check(errors.length === 0, `no console errors${errors.length ? ': ' + errors.slice(0, 5).join(' | ') : ''}`);
  const foreign = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  check(foreign.length === 0, `no network requests (${requests.length} requests, all file:/data:)${foreign.length ? ': ' + foreign.slice(0, 5).join(' ') : ''}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// --pdf prints the same report.
const env = { ...process.env, JOBSIFT_CHROMIUM: CHROMIUM };
execFileSync(jobsift, ['report', '-q', csv, '-o', path.join(work, 'pdf'), '--pdf'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const pdf = fs.readFileSync(path.join(work, 'pdf', 'report.pdf'));
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
check(pdf.subarray(0, 5).toString() === '%PDF-' && pages >= 10, `--pdf writes report.pdf (${pdf.length} bytes, ${pages} pages)`);

console.log(`${failures.length ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s; work folder ${work}`);
if (!keep) fs.rmSync(work, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
