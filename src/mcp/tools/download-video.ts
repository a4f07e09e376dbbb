// download_video: the finished MP4, saved in the look's run folder (resumed when interrupted).

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { downloadVideo } from '../../flows/video-status.ts';
import { heygenIdSchema } from '../fields.ts';
import { progressSender } from '../progress.ts';
import { errorResult, lines, success } from '../render.ts';

export const DOWNLOAD_VIDEO = 'download_video';

const downloadInput = z.object({
  video_id: heygenIdSchema.describe('The video_id get_video_status reported as completed.'),
});

const downloadOutput = z.object({
  video_id: z.string(),
  path: z.string().describe('The MP4 on disk.'),
  size_bytes: z.number(),
  sha256: z.string(),
  run_dir: z.string(),
  already_downloaded: z.boolean(),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerDownloadVideoTool(server: McpServer, services: Services): void {
  server.registerTool(
    DOWNLOAD_VIDEO,
    {
      title: 'Download video',
      description:
        "Saves a completed video's MP4 under AVATAR_LOOKS_HOME: in the run folder of its look when the look came from create_look, with progress, resuming a partial download. Returns the path, size and SHA-256. Calling it again returns the file already saved. Do it within 7 days: HeyGen's video URLs expire.",
      inputSchema: downloadInput,
      outputSchema: downloadOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ video_id }, extra) => {
      const send = progressSender(extra);
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      try {
        const saved = await downloadVideo(services, video_id, {
          signal: extra.signal,
          progress: (done, total) =>
            send(total ? (100 * done) / total : 50, `Downloading ${mb(done)}${total ? ` of ${mb(total)}` : ''} MB`),
        });
        const next = `The video is at ${saved.path}.`;
        const said = saved.already_downloaded
          ? `Already downloaded: ${saved.path} (${mb(saved.size_bytes)} MB).`
          : `Saved ${saved.path} (${mb(saved.size_bytes)} MB, sha256 ${saved.sha256.slice(0, 12)}…).`;
        return success(lines(services, [said], next, { heygen: !saved.already_downloaded }), {
          ...saved,
          sandbox: services.config.sandbox !== null,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
