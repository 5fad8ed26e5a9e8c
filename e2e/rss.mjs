// Resident memory of a leiga-mcp HTTP server under a mixed tool-call load:
// the figures deploy/kubernetes/deployment.yaml sizes its resources from.
//
//   node e2e/rss.mjs dist/leiga-mcp-linux-amd64 [rounds=3] [calls per round=1000] [clients=8]
//
// Starts `BIN --transport http --sandbox` on a free loopback port, then runs
// rounds of calls over streamable HTTP from concurrent clients (one MCP
// session each): reads of projects, issues by number, issue search, issue
// detail with comments, tool search, and dry-run writes. After each round it
// reads VmRSS and VmHWM from /proc/PID/status (Linux only) and prints one
// line; the last line is the summary. Node's built-ins only.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const [bin, roundsArg = '3', callsArg = '1000', clientsArg = '8'] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node e2e/rss.mjs BIN [rounds] [calls per round] [clients]');
  process.exit(2);
}
const rounds = Number(roundsArg);
const callsPerRound = Number(callsArg);
const clients = Number(clientsArg);

const CALLS = [
  ['project_list', {}],
  ['issue_get_by_issue_number', { issueNumber: 'MOBILE-1' }],
  ['issue_get_by_issue_number', { issueNumber: 'WEB-2' }],
  ['search_issues', { project: 'MOBILE', text: 'login' }],
  ['search_issues', { project: 'WEB', status: ['In Progress'] }],
  ['get_issue', { issue: 'MOBILE-3', include_comments: true }],
  ['leiga_search_tools', { query: 'sprint' }],
  ['create_issue', { project: 'OPS', title: 'Rotate the on-call schedule', dry_run: true }],
  ['update_issue', { issue: 'MOBILE-2', priority: 'High', dry_run: true }],
  ['version_all_version', {}],
];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k) => Number(status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))[1]);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

/** Posts one JSON-RPC message; returns the reply (JSON or one SSE event) and the session id. */
async function post(url, session, msg) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
  if (session) headers['Mcp-Session-Id'] = session;
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...msg }) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${msg.method}: HTTP ${r.status} ${text.slice(0, 300)}`);
  let reply = null;
  if (text.trim()) {
    const data = (r.headers.get('content-type') ?? '').includes('text/event-stream')
      ? text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('')
      : text;
    reply = JSON.parse(data);
  }
  return { reply, session: r.headers.get('mcp-session-id') ?? session };
}

async function client(url, n, counters) {
  const init = await post(url, null, {
    id: 0, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'rss', version: '1' } },
  });
  const session = init.session;
  await post(url, session, { method: 'notifications/initialized' });
  for (let i = 1; i <= n; i++) {
    const [name, args] = CALLS[(i + counters.offset++) % CALLS.length];
    const { reply } = await post(url, session, { id: i, method: 'tools/call', params: { name, arguments: args } });
    if (reply.error || reply.result?.isError) {
      counters.failed++;
      if (counters.failed <= 3) console.error(`${name}: ${JSON.stringify(reply.error ?? reply.result.content).slice(0, 300)}`);
    } else {
      counters.ok++;
    }
  }
}

const port = await freePort();
const server = spawn(bin, ['--transport', 'http', '--sandbox', '--addr', `127.0.0.1:${port}`, '--log-level', 'warn'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { PATH: process.env.PATH, HOME: process.env.HOME, LEIGA_TOKEN_CACHE: 'off' },
});
const stop = () => { try { server.kill('SIGKILL'); } catch { /* gone */ } };
process.on('exit', stop);
try {
  const url = `http://127.0.0.1:${port}/mcp`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const idle = memory(server.pid);
  console.log(`idle after start: VmRSS ${idle.rss.toFixed(1)} MiB, VmHWM ${idle.hwm.toFixed(1)} MiB`);
  const counters = { ok: 0, failed: 0, offset: 0 };
  const after = [];
  for (let round = 1; round <= rounds; round++) {
    const t0 = Date.now();
    const per = Math.ceil(callsPerRound / clients);
    await Promise.all(Array.from({ length: clients }, () => client(url, per, counters)));
    const m = memory(server.pid);
    after.push(m.rss);
    console.log(`round ${round}: ${per * clients} calls from ${clients} clients in ${Date.now() - t0} ms; VmRSS ${m.rss.toFixed(1)} MiB, VmHWM ${m.hwm.toFixed(1)} MiB`);
  }
  await new Promise((r) => setTimeout(r, 3000));
  const m = memory(server.pid);
  console.log(`after 3 s idle: VmRSS ${m.rss.toFixed(1)} MiB, VmHWM ${m.hwm.toFixed(1)} MiB`);
  console.log(`summary: ${counters.ok} calls ok, ${counters.failed} failed; steady VmRSS ${Math.max(...after).toFixed(1)} MiB (max after a round), peak VmHWM ${m.hwm.toFixed(1)} MiB`);
  process.exitCode = counters.failed > 0 ? 1 : 0;
} finally {
  stop();
}
