// The official MCP conformance suite (@modelcontextprotocol/conformance,
// server scenarios, default "active" suite) against leiga-mcp's streamable
// HTTP endpoint, with the committed expected-failures baseline.
//
// The suite needs Node >= 22 (fs.globSync). It runs under $CONFORMANCE_NODE
// (node.sh sets it), or under this node if it is new enough.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';

import { E2E_DIR, startServer, run } from '../lib/harness.mjs';

const require = createRequire(import.meta.url);
const suiteJs = path.join(path.dirname(require.resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');
const baselineFile = path.join(E2E_DIR, 'conformance-expected-failures.yml');

function conformanceNode() {
  const candidate = process.env.CONFORMANCE_NODE || process.execPath;
  const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major < 22) {
    throw new Error(`the conformance suite needs Node >= 22 (fs.globSync); ${candidate} is ${version}. ` +
      'Run e2e/node.sh (it installs Node 22 from the npm registry) or set CONFORMANCE_NODE to a Node 22 binary.');
  }
  return { node: candidate, version };
}

/** The baseline: scenario names and the reason written after "#" on each line. */
function readBaseline() {
  const text = readFileSync(baselineFile, 'utf8');
  const parsed = YAML.parse(text);
  const names = (parsed?.server ?? []).map(String);
  const reasons = new Map();
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*-\s*([A-Za-z0-9_./-]+)\s*#\s*(\S.*)$/);
    if (m) reasons.set(m[1], m[2].trim());
  }
  return { names, reasons };
}

let srv;
let outDir;
before(async () => {
  srv = await startServer('http', ['--log-level', 'warn']);
  outDir = mkdtempSync(path.join(os.tmpdir(), 'leiga-mcp-conformance-'));
});
after(async () => {
  await srv?.stop();
  if (outDir && !process.env.KEEP_CONFORMANCE_RESULTS) rmSync(outDir, { recursive: true, force: true });
});

test('expected-failures file: known scenarios, each with a fixture reason', async () => {
  const { node } = conformanceNode();
  const { names, reasons } = readBaseline();
  const list = await run(node, [suiteJs, 'list'], { timeoutMs: 60000 });
  assert.equal(list.code, 0, `conformance list failed:\n${list.stderr}`);
  const serverPart = list.stdout.split(/Client scenarios/)[0];
  const known = new Set([...serverPart.matchAll(/^\s*-\s*(\S+)/gm)].map((m) => m[1]));
  assert.ok(known.size > 10, `parsed the server scenario list:\n${list.stdout}`);
  const problems = [];
  const seen = new Set();
  for (const n of names) {
    if (seen.has(n)) problems.push(`${n}: listed twice`);
    seen.add(n);
    if (!known.has(n)) problems.push(`${n}: not a server scenario of this suite version`);
    const why = reasons.get(n);
    if (!why) problems.push(`${n}: no reason after "#"`);
    else if (!/\bfixture\b/i.test(why)) problems.push(`${n}: the reason does not name the test-only fixture it needs ("${why}")`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('conformance suite (server scenarios) against /mcp', { timeout: 240000 }, async (t) => {
  const { node, version } = conformanceNode();
  const { names: expected, reasons } = readBaseline();
  const url = `${srv.base}/mcp`;
  const args = [suiteJs, 'server', '--url', url, '--expected-failures', baselineFile, '-o', outDir];
  const r = await run(node, args, { timeoutMs: 200000 });
  const log = `${node} (${version}) ${args.join(' ')}\nexit ${r.code}\n--- stdout (tail)\n${r.stdout.slice(-6000)}\n--- stderr (tail)\n${r.stderr.slice(-3000)}`;

  // Our own reading of the results, independent of the suite's exit code.
  assert.ok(existsSync(outDir), log);
  const results = new Map(); // scenario -> { failed, messages }
  for (const dir of readdirSync(outDir)) {
    const m = dir.match(/^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    const file = path.join(outDir, dir, 'checks.json');
    if (!m || !existsSync(file)) continue;
    const checks = JSON.parse(readFileSync(file, 'utf8'));
    // The suite counts WARNING as a failure for the baseline too.
    const bad = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
    results.set(m[1], { failed: bad.length > 0, passed: checks.filter((c) => c.status === 'SUCCESS').length, messages: bad.map((c) => `${c.status} ${c.id}: ${c.errorMessage ?? JSON.stringify(c.details ?? {})}`) });
  }
  assert.ok(results.size > 0, `no scenario results in ${outDir}\n${log}`);

  const unexpected = [];
  const stale = [];
  const lines = [];
  for (const [name, res] of [...results].sort()) {
    const isExpected = expected.includes(name);
    let verdict;
    if (res.failed && isExpected) verdict = 'expected failure';
    else if (res.failed) { verdict = 'UNEXPECTED FAILURE'; unexpected.push(`${name}:\n    ${res.messages.join('\n    ')}`); }
    else if (isExpected) { verdict = 'STALE (passes but listed as expected failure)'; stale.push(name); }
    else verdict = 'pass';
    lines.push(`${verdict.padEnd(18)} ${name}${isExpected && res.failed ? `  (${reasons.get(name)})` : ''}`);
    if (res.failed && !isExpected) for (const msg of res.messages) lines.push(`                     ${msg}`);
  }
  for (const name of expected) {
    if (!results.has(name)) stale.push(`${name} (listed but did not run)`);
  }
  const passed = [...results.values()].filter((x) => !x.failed).length;
  const summary = `conformance: ${results.size} scenarios: ${passed} pass, ${results.size - passed - unexpected.length} expected failures, ${unexpected.length} unexpected failures, ${stale.length} stale entries`;
  t.diagnostic(summary);
  console.log(`\n${summary}\n${lines.join('\n')}\n`);

  assert.deepEqual(unexpected, [], `scenarios failing that are not expected failures (product bugs):\n${unexpected.join('\n')}`);
  assert.deepEqual(stale, [], `expected failures that now pass: remove them from ${path.basename(baselineFile)}:\n${stale.join('\n')}`);
  assert.equal(r.code, 0, `the suite's own baseline check failed:\n${log}`);
});
