// The files of a run as MCP resources: the resource_link of every generated image points here,
// so a client can fetch the full image with resources/read.

import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { sniffImage } from '../core/media.ts';
import type { RunStore } from '../store/runs.ts';

export function registerRunFiles(server: McpServer, runs: RunStore): void {
  // One resource per run: its run.json, listed newest first.
  server.registerResource(
    'run',
    new ResourceTemplate('avatar-looks://runs/{run_id}/run.json', {
      list: async () => ({
        resources: (await runs.recent(50)).map((record) => ({
          uri: `avatar-looks://runs/${record.id}/run.json`,
          name: `${record.id}/run.json`,
          title: `${String(record.kind ?? 'run')} ${typeof record.key === 'string' ? `"${record.key}" ` : ''}(${String(record.status ?? 'unknown')})`,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Run record',
      description: "A run's run.json: inputs, prompt, candidates, gate results, HeyGen ids, status, timings and costs.",
    },
    async (uri, variables) => {
      const text = (await runs.readFile(String(variables.run_id), 'run.json'))?.toString('utf8');
      if (!text) throw new Error(`No run ${String(variables.run_id)}.`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    },
  );
  server.registerResource(
    'run-file',
    new ResourceTemplate('avatar-looks://runs/{run_id}/{file}', { list: undefined }),
    { title: 'Run file', description: 'A file of a run: a generated image, its preview, or run.json.' },
    async (uri, variables) => {
      const runId = String(variables.run_id);
      const file = String(variables.file);
      const bytes = await runs.readFile(runId, file);
      if (!bytes) throw new Error(`No file ${file} in run ${runId}.`);
      if (file.endsWith('.json'))
        return { contents: [{ uri: uri.href, mimeType: 'application/json', text: bytes.toString('utf8') }] };
      const sniffed = sniffImage(bytes);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: sniffed.kind === 'image' ? sniffed.mime : 'application/octet-stream',
            blob: bytes.toString('base64'),
          },
        ],
      };
    },
  );
}
