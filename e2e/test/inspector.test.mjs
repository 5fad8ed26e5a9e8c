// The MCP Inspector CLI (@modelcontextprotocol/inspector-cli) against the
// leiga-mcp binary over stdio: tools/list and tools/call project_list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';

import { leigaBin, run } from '../lib/harness.mjs';

const require = createRequire(import.meta.url);
const pkgJson = require.resolve('@modelcontextprotocol/inspector-cli/package.json');
const cliJs = path.join(path.dirname(pkgJson), 'build', 'cli.js');
// inspector-cli 1.0.3 looks for "../package.json" relative to the *working
// directory* (fs.existsSync) but imports it relative to its own module, so it
// only finds its package.json when run from a directory one level below a
// package.json. Its own build/ directory is such a place. (A client quirk,
// unrelated to the server under test.)
const cwd = path.dirname(cliJs);

async function inspector(...methodArgs) {
  const args = [cliJs, '--cli', leigaBin(), '--sandbox', ...methodArgs];
  const r = await run(process.execPath, args, { cwd, timeoutMs: 60000 });
  const where = `node ${args.join(' ')}\nexit ${r.code}\nstdout:\n${r.stdout.slice(0, 4000)}\nstderr:\n${r.stderr.slice(0, 4000)}`;
  assert.equal(r.code, 0, `inspector CLI failed:\n${where}`);
  let out;
  try { out = JSON.parse(r.stdout); } catch (e) { assert.fail(`inspector CLI printed no JSON (${e.message}):\n${where}`); }
  return { out, where };
}

test('inspector CLI: tools/list over stdio', async () => {
  const { out, where } = await inspector('--method', 'tools/list');
  const names = (out.tools ?? []).map((t) => t.name);
  for (const name of ['project_list', 'get_issue', 'leiga_search_tools', 'leiga_describe_tool', 'leiga_call_tool']) {
    assert.ok(names.includes(name), `${name} listed; got ${names.join(', ')}\n${where}`);
  }
  for (const t of out.tools) assert.equal(t.inputSchema?.type, 'object', `${t.name} inputSchema.type`);
});

test('inspector CLI: tools/call project_list over stdio', async () => {
  const { out, where } = await inspector('--method', 'tools/call', '--tool-name', 'project_list');
  assert.notEqual(out.isError, true, `project_list returned an error:\n${where}`);
  const text = (out.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
  assert.match(text, /\bMOBILE\b/, where);
});

test('inspector CLI: tools/call get_issue with --tool-arg', async () => {
  const { out, where } = await inspector('--method', 'tools/call', '--tool-name', 'get_issue', '--tool-arg', 'issue=MOBILE-1');
  assert.notEqual(out.isError, true, `get_issue returned an error:\n${where}`);
  const text = (out.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
  assert.match(text, /MOBILE-1\b/, where);
});
