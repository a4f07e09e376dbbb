// The files of a run as MCP resources: the resource_link of every generated image points here,
// so a client can fetch the full image with resources/read.

import { readFile } from 'node:fs/promises';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { sniffImage } from '../images/format.ts';
import type { RunStore } from '../looks/runs.ts';

export function registerRunFiles(server: McpServer, runs: RunStore): void {
  server.registerResource(
    'run-file',
    new ResourceTemplate('avatar-looks://runs/{run_id}/{file}', { list: undefined }),
    { title: 'Run file', description: 'A file of a run: a generated image, its preview, or run.json.' },
    async (uri, variables) => {
      const runId = String(variables.run_id);
      const file = String(variables.file);
      const path = runs.filePath(runId, file);
      const bytes = path ? await readFile(path).catch(() => undefined) : undefined;
      if (!bytes) throw new Error(`No file ${file} in run ${runId}.`);
      if (file.endsWith('.json')) return { contents: [{ uri: uri.href, mimeType: 'application/json', text: bytes.toString('utf8') }] };
      const sniffed = sniffImage(bytes);
      return { contents: [{ uri: uri.href, mimeType: sniffed.kind === 'image' ? sniffed.mime : 'application/octet-stream', blob: bytes.toString('base64') }] };
    },
  );
}
