// Every tool result leaves through here: its text, links and structured content pass through the
// one redaction point (core/redact.ts), whichever tool made it and whatever a provider echoed into
// it. Image and audio bytes are left alone (base64 is not text, and masking inside it would break
// the picture).

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { redact, redactValue } from '../core/redact.ts';

export function redactResult(result: CallToolResult): CallToolResult {
  return {
    ...result,
    content: result.content.map((block) => {
      if (block.type === 'text') return { ...block, text: redact(block.text) };
      if (block.type === 'image' || block.type === 'audio') return block;
      if (block.type === 'resource') return block; // a run file read back, already redacted on disk
      return redactValue(block);
    }),
    ...(result.structuredContent ? { structuredContent: redactValue(result.structuredContent) } : {}),
  };
}

/** Wraps registerTool so that every tool's result is redacted before it is sent. */
export function redactToolResults(server: McpServer): void {
  const register = server.registerTool.bind(server) as (...args: unknown[]) => unknown;
  const wrapped = (name: string, config: unknown, callback: (...args: unknown[]) => unknown) =>
    register(name, config, async (...args: unknown[]) => {
      const result = (await callback(...args)) as CallToolResult;
      return redactResult(result);
    });
  server.registerTool = wrapped as unknown as McpServer['registerTool'];
}
