// The look-design guide as an MCP resource, and the design_look prompt that walks a model
// through one look. Both render data from src/domain/prompt/.

import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { TOPIC_PRESETS } from '../domain/prompt/direction.ts';
import { designLookSteps, lookGuideMarkdown } from '../domain/prompt/guide.ts';
import { ORIENTATIONS, type Orientation } from '../core/types.ts';

export const GUIDE_URI = 'avatar-looks://guide/look-design';

export function registerGuide(server: McpServer): void {
  server.registerResource(
    'look-design-guide',
    GUIDE_URI,
    {
      title: 'Look design guide',
      description:
        'The prompt template, the twelve photorealism rules, creative direction with examples, and what a prompt must never describe.',
      mimeType: 'text/markdown',
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: lookGuideMarkdown() }] }),
  );

  server.registerPrompt(
    'design_look',
    {
      title: 'Design a look',
      description:
        'Walks you through designing one look for a video (wardrobe, set, light, details), then calling build_look_prompt.',
      argsSchema: {
        topic: completable(z.string().min(1).describe('What the video is about, e.g. "sleep science".'), (value) =>
          TOPIC_PRESETS.map((preset) => preset.example).filter((example) =>
            example.toLowerCase().includes((value ?? '').toLowerCase()),
          ),
        ),
        // SDK 1.32 finds an optional argument's completer only when completable() is the outer
        // schema, and installs completion only for a non-optional one: topic above does that.
        orientation: completable(
          z.string().optional().describe('landscape (16:9, default), portrait (9:16) or square (1:1).'),
          (value) => ORIENTATIONS.filter((orientation) => orientation.startsWith((value ?? '').toLowerCase())),
        ),
      },
    },
    ({ topic, orientation }) => {
      const shape: Orientation = (ORIENTATIONS as readonly string[]).includes(orientation ?? '')
        ? (orientation as Orientation)
        : 'landscape';
      return {
        description: `Design a ${shape} look for a video about ${topic}`,
        messages: [{ role: 'user', content: { type: 'text', text: designLookSteps(topic, shape) } }],
      };
    },
  );
}
