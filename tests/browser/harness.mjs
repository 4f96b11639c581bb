// What every browser test starts with: its arguments (--jobsift BIN
// --source REPO [--out DIR]), Debian's Chromium (exit 77, skipped, when it
// is not installed), playwright-core from web/node_modules (put there by
// scripts/setup.sh), a work folder, and the ok/FAIL lines of its checks.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function setUp(script, workPrefix) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
  const jobsift = args.jobsift && path.resolve(args.jobsift);
  const source = args.source && path.resolve(args.source);
  if (!jobsift || !source) {
    console.error(`usage: node ${script} --jobsift BIN --source REPO [--out DIR]`);
    process.exit(1);
  }
  const executablePath = process.env.JOBSIFT_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.log(`SKIP: ${executablePath} is not installed (scripts/setup.sh installs Debian's chromium)`);
    process.exit(77);
  }
  let chromium;
  try {
    chromium = createRequire(path.join(source, 'web', 'package.json'))('playwright-core').chromium;
  } catch (e) {
    console.error(`cannot load playwright-core from ${source}/web/node_modules: run bash scripts/setup.sh\n${e.message}`);
    process.exit(1);
  }
  const work = args.out ? path.resolve(args.out) : fs.mkdtempSync(path.join(os.tmpdir(), workPrefix));
  fs.mkdirSync(work, { recursive: true });
  const failures = [];
  const check = (ok, what) => {
    if (!ok) failures.push(what);
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    return ok;
  };
  return { jobsift, source, work, keep: !!args.out, chromium, executablePath, failures, check };
}
