// The official MCP TypeScript SDK client against leiga-mcp over every
// transport: stdio, legacy HTTP+SSE, streamable HTTP, and the SSE endpoints
// of the streamable HTTP listener.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { leigaBin, startServer, resultText } from '../lib/harness.mjs';

// Every toolset, so every tool's input schema is checked.
const SERVER_ARGS = ['--toolsets', 'all', '--log-level', 'warn'];

const TRANSPORTS = [
  {
    name: 'stdio',
    async connect() {
      const transport = new StdioClientTransport({ command: leigaBin(), args: ['--sandbox', ...SERVER_ARGS], stderr: 'pipe' });
      // Drain the server's log so a full pipe can never block it.
      let log = '';
      transport.stderr?.on('data', (d) => { log += d; });
      return { transport, stop: async () => {}, log: () => log };
    },
  },
  {
    name: 'legacy SSE (--transport sse, /sse + /message)',
    async connect() {
      const srv = await startServer('sse', SERVER_ARGS);
      return { transport: new SSEClientTransport(new URL(`${srv.base}/sse`)), stop: srv.stop, srv };
    },
  },
  {
    name: 'streamable HTTP (--transport http, /mcp)',
    async connect() {
      const srv = await startServer('http', SERVER_ARGS);
      return { transport: new StreamableHTTPClientTransport(new URL(`${srv.base}/mcp`)), stop: srv.stop, srv };
    },
  },
  {
    name: 'legacy SSE on the streamable HTTP listener (--transport http, /sse)',
    async connect() {
      const srv = await startServer('http', SERVER_ARGS);
      return { transport: new SSEClientTransport(new URL(`${srv.base}/sse`)), stop: srv.stop, srv };
    },
  },
];

// What the CLI says the server exposes with the same selection flags.
const cliTools = JSON.parse(execFileSync(leigaBin(), ['tools', '--json', '--toolsets', 'all'], { encoding: 'utf8' }));

// Strict Ajv for draft 2020-12 with the standard formats. addUsedSchema:
// false keeps schemas out of the instance, so two tools may share an $id.
const ajv = new Ajv2020({ allErrors: true, strict: true, addUsedSchema: false });
addFormats(ajv);

async function listAll(client, method, key) {
  const items = [];
  let cursor;
  for (let page = 0; page < 100; page++) {
    const res = await client[method](cursor ? { cursor } : {});
    items.push(...res[key]);
    cursor = res.nextCursor;
    if (!cursor) return items;
  }
  throw new Error(`${method}: more than 100 pages`);
}

for (const tr of TRANSPORTS) {
  describe(`TypeScript SDK client over ${tr.name}`, () => {
    let client;
    let conn;

    before(async () => {
      conn = await tr.connect();
      client = new Client({ name: 'leiga-mcp-e2e', version: '1.0.0' });
      await client.connect(conn.transport);
    });

    after(async () => {
      try { await client?.close(); } finally { await conn?.stop(); }
    });

    test('initialize: server identity and capabilities', () => {
      const info = client.getServerVersion();
      assert.equal(info?.name, 'leiga-mcp');
      assert.ok(info?.version, 'server version is set');
      const caps = client.getServerCapabilities();
      assert.ok(caps?.tools, `tools capability advertised, got ${JSON.stringify(caps)}`);
    });

    test('tools/list: every input schema compiles in Ajv (draft 2020-12) and is type "object"', async () => {
      const tools = await listAll(client, 'listTools', 'tools');
      assert.deepEqual(
        tools.map((t) => t.name).sort(),
        cliTools.map((t) => t.name).sort(),
        'tools/list matches `leiga-mcp tools --json --toolsets all`',
      );
      for (const name of ['project_list', 'issue_get_by_issue_number', 'leiga_search_tools', 'leiga_describe_tool', 'leiga_call_tool']) {
        assert.ok(tools.some((t) => t.name === name), `${name} is listed`);
      }
      const failures = [];
      for (const tool of tools) {
        const schema = tool.inputSchema;
        if (schema?.type !== 'object') {
          failures.push(`${tool.name}: inputSchema.type is ${JSON.stringify(schema?.type)}, want "object"`);
        }
        if (!tool.description) failures.push(`${tool.name}: no description`);
        try {
          ajv.compile(schema);
        } catch (e) {
          failures.push(`${tool.name}: ${e.message}`);
        }
        if (tool.outputSchema) {
          try { ajv.compile(tool.outputSchema); } catch (e) { failures.push(`${tool.name} (outputSchema): ${e.message}`); }
        }
      }
      assert.deepEqual(failures, [], `${failures.length} of ${tools.length} tool schemas failed:\n${failures.join('\n')}`);
    });

    test('tools/call project_list lists the demo projects', async () => {
      const res = await client.callTool({ name: 'project_list', arguments: {} });
      const text = resultText(res);
      assert.notEqual(res.isError, true, `project_list failed: ${text}`);
      for (const key of ['MOBILE', 'WEB', 'OPS']) assert.match(text, new RegExp(`\\b${key}\\b`));
    });

    test('tools/call issue_get_by_issue_number MOBILE-1', async () => {
      const res = await client.callTool({ name: 'issue_get_by_issue_number', arguments: { issueNumber: 'MOBILE-1' } });
      const text = resultText(res);
      assert.notEqual(res.isError, true, `issue_get_by_issue_number failed: ${text}`);
      assert.match(text, /MOBILE-1\b/);
    });

    test('tools/call with an unknown issue number is a readable tool error', async () => {
      const res = await client.callTool({ name: 'issue_get_by_issue_number', arguments: { issueNumber: 'MOBILE-99999' } });
      const text = resultText(res);
      assert.equal(res.isError, true, `want isError: true, got ${JSON.stringify(res)}`);
      assert.match(text, /MOBILE-99999/, 'the message names the issue');
      assert.match(text, /not found/i, 'the message says what is wrong');
      assert.doesNotMatch(text, /goroutine|panic|\bat .*\.go:\d+/, 'no stack trace');
    });

    test('leiga_call_tool reaches issue_get_by_issue_number', async () => {
      const res = await client.callTool({
        name: 'leiga_call_tool',
        arguments: { name: 'issue_get_by_issue_number', arguments: { issueNumber: 'MOBILE-1' } },
      });
      const text = resultText(res);
      assert.notEqual(res.isError, true, `leiga_call_tool failed: ${text}`);
      assert.match(text, /MOBILE-1\b/);
    });

    test('prompts/list, and prompts/get daily_standup if it is listed', async (t) => {
      const caps = client.getServerCapabilities();
      assert.ok(caps?.prompts, `prompts capability advertised, got ${JSON.stringify(caps)}`);
      const prompts = await listAll(client, 'listPrompts', 'prompts');
      assert.ok(prompts.length > 0, 'at least one prompt');
      for (const p of prompts) {
        assert.ok(p.name, 'prompt has a name');
        assert.ok(p.description, `prompt ${p.name} has a description`);
      }
      const standup = prompts.find((p) => p.name === 'daily_standup');
      if (!standup) {
        t.diagnostic(`NOTE: no daily_standup prompt; listed: ${prompts.map((p) => p.name).join(', ')}`);
        return;
      }
      const declared = (standup.arguments ?? []).map((a) => a.name);
      const args = declared.includes('project') ? { project: 'MOBILE' } : {};
      for (const a of standup.arguments ?? []) {
        assert.ok(!a.required || a.name in args, `daily_standup argument ${a.name} is required; the test only knows "project"`);
      }
      const res = await client.getPrompt({ name: 'daily_standup', arguments: args });
      assert.ok(res.messages?.length > 0, 'daily_standup has messages');
      const text = res.messages.map((m) => (m.content?.type === 'text' ? m.content.text : '')).join('\n');
      assert.ok(text.trim().length > 0, 'daily_standup has text');
      if (args.project) assert.match(text, /\bMOBILE\b/, 'the prompt uses the project argument');
    });

    test('resources/list and resources/read leiga://projects (if the resources capability is advertised)', async (t) => {
      const caps = client.getServerCapabilities();
      if (!caps?.resources) {
        const note = '!!! RESOURCES SKIPPED: the server does not advertise the resources capability; resources/list and resources/read leiga://projects were NOT tested';
        console.error(`\n${note}\n`);
        t.skip(note);
        return;
      }
      const resources = await listAll(client, 'listResources', 'resources');
      assert.ok(resources.some((r) => r.uri === 'leiga://projects'),
        `leiga://projects is listed; got ${resources.map((r) => r.uri).join(', ')}`);
      const res = await client.readResource({ uri: 'leiga://projects' });
      assert.ok(res.contents?.length > 0, 'leiga://projects has contents');
      const text = res.contents.map((c) => c.text ?? '').join('\n');
      assert.match(text, /\bMOBILE\b/);
    });
  });
}
