// Smoke test of a release build (e2e/release.sh) in RELEASE_DIST, stamped
// RELEASE_VERSION: every artifact is there and matches SHA256SUMS; the six
// binaries are for the OS and CPU their names say, the Linux ones static; the
// linux/amd64 binary prints its stamp (`version`), lists its tools (`tools`),
// and answers an MCP initialize (serverInfo.version = the stamp) and a
// tools/call of project_list over stdio against --sandbox; the .mcpb bundle
// unpacks with the official CLI to the manifest and binaries Claude Desktop
// runs; server.json names this release and the bundle's SHA-256.
// e2e/release-check.sh runs it; it uses Node's built-ins only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { E2E_DIR, run } from '../lib/harness.mjs';

const DIST = process.env.RELEASE_DIST;
const VERSION = process.env.RELEASE_VERSION;
if (!DIST || !VERSION) throw new Error('set RELEASE_DIST and RELEASE_VERSION (e2e/release-check.sh does)');
const SEMVER = VERSION.replace(/^v/, '');
const BIN = path.join(DIST, 'leiga-mcp-linux-amd64');
const TARGETS = [
  // name, format, CPU id in that format's header
  ['leiga-mcp-linux-amd64', 'elf', 62], // EM_X86_64
  ['leiga-mcp-linux-arm64', 'elf', 183], // EM_AARCH64
  ['leiga-mcp-darwin-amd64', 'macho', 0x01000007], // CPU_TYPE_X86_64
  ['leiga-mcp-darwin-arm64', 'macho', 0x0100000c], // CPU_TYPE_ARM64
  ['leiga-mcp-windows-amd64.exe', 'pe', 0x8664], // IMAGE_FILE_MACHINE_AMD64
  ['leiga-mcp-windows-arm64.exe', 'pe', 0xaa64], // IMAGE_FILE_MACHINE_ARM64
];

function head(file, n = 4096) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The format, CPU and (ELF) interpreter of an executable, from its headers. */
function executableInfo(file) {
  const b = head(file);
  if (b.readUInt32BE(0) === 0x7f454c46) {
    // ELF64 little endian: e_machine at 18, e_phoff at 32, e_phentsize at 54, e_phnum at 56.
    const phoff = Number(b.readBigUInt64LE(32));
    const phentsize = b.readUInt16LE(54);
    const phnum = b.readUInt16LE(56);
    let interp = false;
    for (let i = 0; i < phnum; i++) if (b.readUInt32LE(phoff + i * phentsize) === 3) interp = true; // PT_INTERP
    return { format: 'elf', cpu: b.readUInt16LE(18), dynamic: interp };
  }
  if (b.readUInt32LE(0) === 0xfeedfacf) return { format: 'macho', cpu: b.readUInt32LE(4) };
  if (b.readUInt32BE(0) === 0xcafebabe) {
    const cpus = [];
    for (let i = 0; i < b.readUInt32BE(4); i++) cpus.push(b.readUInt32BE(8 + i * 20));
    return { format: 'macho-universal', cpus };
  }
  if (b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    assert.equal(b.toString('latin1', pe, pe + 4), 'PE\0\0', `${file}: no PE signature`);
    return { format: 'pe', cpu: b.readUInt16LE(pe + 4) };
  }
  return { format: 'unknown' };
}

test('every artifact is listed in SHA256SUMS with its checksum', () => {
  const sums = readFileSync(path.join(DIST, 'SHA256SUMS'), 'utf8').trim().split('\n');
  const listed = new Map(sums.map((l) => { const [sum, name] = l.split(/\s+\*?/); return [name, sum]; }));
  const want = [...TARGETS.map(([n]) => n), 'leiga-mcp.mcpb', 'server.json'].sort();
  assert.deepEqual([...listed.keys()].sort(), want);
  assert.deepEqual(readdirSync(DIST).filter((f) => f !== 'SHA256SUMS').sort(), want, 'dist holds exactly the listed files');
  for (const [name, sum] of listed) assert.equal(sha256(path.join(DIST, name)), sum, `${name} checksum`);
});

test('the six binaries are for the OS and CPU their names say; the Linux ones are static', () => {
  for (const [name, format, cpu] of TARGETS) {
    const info = executableInfo(path.join(DIST, name));
    assert.equal(info.format, format, `${name} format`);
    assert.equal(info.cpu, cpu, `${name} CPU`);
    if (format === 'elf') assert.equal(info.dynamic, false, `${name} has an ELF interpreter: not a static (CGO_ENABLED=0) build`);
    assert.ok(statSync(path.join(DIST, name)).mode & 0o100, `${name} is executable`);
  }
});

test('linux/amd64: version prints the stamped version, commit, build date and Go version', async () => {
  const r = await run(BIN, ['version'], { timeoutMs: 10000 });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], `leiga-mcp ${VERSION}`);
  assert.match(r.stdout, /^commit: +[0-9a-f]{40}(-dirty)?$/m);
  assert.match(r.stdout, /^built: +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
  assert.match(r.stdout, /^go: +go1\.\d+(\.\d+)? linux\/amd64$/m);
});

test('linux/amd64: tools lists the default tool set', async () => {
  const text = await run(BIN, ['tools'], { timeoutMs: 20000 });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /project_list/);
  const json = await run(BIN, ['tools', '--json'], { timeoutMs: 20000 });
  assert.equal(json.code, 0, json.stderr);
  const tools = JSON.parse(json.stdout);
  const pl = tools.find((t) => t.name === 'project_list');
  assert.ok(pl, 'project_list in tools --json');
  assert.equal(pl.endpoint, 'GET /project/list');
  assert.equal(pl.readOnly, true);
});

/** One MCP session over stdio: sends each message, collects the replies to the ones with an id. */
function stdioSession(args, messages, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), LEIGA_TOKEN_CACHE: 'off' };
    const proc = spawn(BIN, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const pending = new Set(messages.filter((m) => m.id !== undefined).map((m) => m.id));
    const replies = new Map();
    let buf = '';
    let stderr = '';
    const t = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`no reply to ${[...pending]} within ${timeoutMs} ms; stderr:\n${stderr}`)); }, timeoutMs);
    proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        let msg;
        try { msg = JSON.parse(line); } catch { reject(new Error(`stdout line is not JSON-RPC: ${line}`)); return; }
        if (msg.id !== undefined && pending.delete(msg.id)) replies.set(msg.id, msg);
        if (pending.size === 0) proc.stdin.end(); // stdin closed: the server exits
      }
    });
    proc.on('error', (e) => { clearTimeout(t); reject(e); });
    proc.on('close', (code) => {
      clearTimeout(t);
      if (pending.size > 0) reject(new Error(`exit ${code} before replies to ${[...pending]}; stderr:\n${stderr}`));
      else resolve({ replies, stderr, code });
    });
    for (const m of messages) proc.stdin.write(JSON.stringify({ jsonrpc: '2.0', ...m }) + '\n');
  });
}

test('linux/amd64: MCP initialize and tools/call project_list over stdio against --sandbox', async () => {
  const { replies, stderr, code } = await stdioSession(['--sandbox'], [
    { id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'release-smoke', version: '1' } } },
    { method: 'notifications/initialized' },
    { id: 2, method: 'tools/call', params: { name: 'project_list', arguments: {} } },
  ]);
  assert.equal(code, 0, `exit code when stdin closes; stderr:\n${stderr}`);
  const init = replies.get(1);
  assert.equal(init.error, undefined, JSON.stringify(init.error));
  assert.equal(init.result.serverInfo.name, 'leiga-mcp');
  assert.equal(init.result.serverInfo.version, VERSION, 'serverInfo.version is the stamped version');
  const call = replies.get(2);
  assert.equal(call.error, undefined, JSON.stringify(call.error));
  assert.notEqual(call.result.isError, true, JSON.stringify(call.result));
  const text = call.result.content.map((c) => c.text ?? '').join('\n');
  for (const key of ['MOBILE', 'WEB', 'OPS']) assert.match(text, new RegExp(key), `project_list shows ${key}`);
  assert.match(stderr, new RegExp(`version=${VERSION.replace(/[.+]/g, '\\$&')}`), 'the start-up log line names the version');
});

test('the .mcpb bundle unpacks with the official CLI to the manifest and the binaries it runs', async () => {
  const mcpb = path.join(E2E_DIR, 'mcpb', 'node_modules', '.bin', 'mcpb');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leiga-mcp-mcpb-'));
  try {
    const r = await run(mcpb, ['unpack', path.join(DIST, 'leiga-mcp.mcpb'), dir], { timeoutMs: 60000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.equal(m.version, SEMVER);
    assert.equal(m.server.type, 'binary');
    assert.deepEqual(m.server.mcp_config.env, {
      LEIGA_CLIENT_ID: '${user_config.client_id}',
      LEIGA_SECRET: '${user_config.secret}',
      LEIGA_USER: '${user_config.me}',
    });
    assert.equal(m.user_config.secret.sensitive, true, 'the secret is a sensitive field');
    assert.equal(m.user_config.me.required, false, '"me" is optional');
    const entry = path.join(dir, m.server.entry_point);
    const mac = executableInfo(entry);
    assert.equal(mac.format, 'macho-universal', 'macOS gets a universal binary');
    assert.deepEqual(mac.cpus.sort(), [0x01000007, 0x0100000c]);
    assert.ok(statSync(entry).mode & 0o100, `${m.server.entry_point} keeps its executable bit`);
    assert.equal(m.server.mcp_config.command, '${__dirname}/' + m.server.entry_point);
    const win = m.server.mcp_config.platform_overrides.win32.command.replace('${__dirname}/', '');
    assert.deepEqual(executableInfo(path.join(dir, win)), { format: 'pe', cpu: 0x8664 });
    assert.equal(sha256(path.join(dir, win)), sha256(path.join(DIST, 'leiga-mcp-windows-amd64.exe')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('server.json names this release and the bundle checksum', () => {
  const s = JSON.parse(readFileSync(path.join(DIST, 'server.json'), 'utf8'));
  assert.equal(s.version, SEMVER);
  const p = s.packages.find((x) => x.registryType === 'mcpb');
  assert.equal(p.version, SEMVER);
  assert.equal(p.identifier, `https://github.com/leiga-mcp/leiga-mcp/releases/download/${VERSION}/leiga-mcp.mcpb`);
  assert.equal(p.fileSha256, sha256(path.join(DIST, 'leiga-mcp.mcpb')));
});
