// Shared helpers for the end-to-end tests: the leiga-mcp binary, free
// loopback ports, and server processes that never outlive the test run.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..');

// Every server we start, so that an exit, a signal or a crash stops them all.
const children = new Set();
function killAll() {
  for (const c of children) {
    // run() starts its commands in their own process group: end the group.
    try { process.kill(-c.pid, 'SIGKILL'); } catch { /* not a group leader */ }
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
  children.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => { killAll(); process.exit(128 + os.constants.signals[sig]); });
}

let builtBin;
/**
 * The leiga-mcp binary: $LEIGA_MCP_BIN (node.sh builds it and sets this), or
 * one built here into a temp dir so a test file can run on its own.
 */
export function leigaBin() {
  if (process.env.LEIGA_MCP_BIN) {
    if (!existsSync(process.env.LEIGA_MCP_BIN)) throw new Error(`LEIGA_MCP_BIN=${process.env.LEIGA_MCP_BIN} does not exist`);
    return process.env.LEIGA_MCP_BIN;
  }
  if (!builtBin) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'leiga-mcp-e2e-bin-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    builtBin = path.join(dir, 'leiga-mcp');
    execFileSync('go', ['build', '-o', builtBin, '.'], { cwd: REPO_DIR, stdio: 'inherit' });
  }
  return builtBin;
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `leiga-mcp --sandbox --transport <transport> --addr 127.0.0.1:<free port>`
 * and waits until it accepts connections (and, for http, /healthz says ok).
 * Returns { base, port, proc, stderr(), stop() }.
 */
export async function startServer(transport, extraArgs = []) {
  const bin = leigaBin();
  let lastErr;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const args = ['--sandbox', '--transport', transport, '--addr', `127.0.0.1:${port}`, ...extraArgs];
    const proc = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    children.add(proc);
    let stderr = '';
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => { stderr += d; });
    let exited = null;
    const exitP = new Promise((resolve) => proc.once('exit', (code, sig) => { exited = { code, sig }; children.delete(proc); resolve(); }));
    const stop = async () => {
      if (exited) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exitP;
      clearTimeout(t);
    };
    const deadline = Date.now() + 15000;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      if (await canConnect(port)) {
        if (transport !== 'http') { ready = true; break; }
        try {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          const body = (await r.text()).trim();
          if (r.ok && body === 'ok') { ready = true; break; }
          lastErr = new Error(`/healthz answered ${r.status} ${JSON.stringify(body)}`);
        } catch (e) { lastErr = e; }
      }
      await sleep(50);
    }
    if (ready) {
      return { base: `http://127.0.0.1:${port}`, port, proc, stderr: () => stderr, stop };
    }
    await stop();
    lastErr = new Error(`leiga-mcp ${args.join(' ')} did not become ready (attempt ${attempt}, exit ${JSON.stringify(exited)}):\n${stderr}\n${lastErr ? lastErr.message : ''}`);
  }
  throw lastErr;
}

/** Runs a command, resolving to { code, signal, stdout, stderr }; kills it after timeoutMs. */
export function run(cmd, args, { cwd, env, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    let timedOut = false;
    const t = setTimeout(() => {
      timedOut = true;
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { proc.kill('SIGKILL'); }
    }, timeoutMs);
    proc.on('error', (e) => { clearTimeout(t); children.delete(proc); reject(e); });
    proc.on('close', (code, signal) => {
      clearTimeout(t);
      children.delete(proc);
      if (timedOut) {
        reject(new Error(`${cmd} ${args.join(' ')} timed out after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        return;
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The text parts of a tools/call result, joined. */
export function resultText(result) {
  return (result?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
}
