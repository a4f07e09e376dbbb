// upload_to_heygen: a look image → a HeyGen asset. Checked on disk first (type by its bytes,
// size, resolution), streamed from disk, and never sent twice by a retry.

import { basename } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { checkUploadFile, uploadAsset } from '../../domain/heygen/assets.ts';
import { HeyGenError } from '../../domain/heygen/errors.ts';
import { heygenFailure, sandboxNotice } from '../heygen-render.ts';
import type { ToolContext } from '../registry.ts';
import { failure, success } from '../render.ts';

export const UPLOAD_TO_HEYGEN = 'upload_to_heygen';

const inputSchema = z.object({
  image_path: z
    .string()
    .min(1)
    .max(4096)
    .describe(
      'Absolute path of the look image, e.g. the path generate_look_image returned. PNG or JPEG (WebP is converted to PNG), at most 32 MB, at least 512 px on the short side.',
    ),
});

const outputSchema = z.object({
  asset_id: z.string().describe('Pass to add_look.'),
  url: z.string().optional(),
  mime_type: z.string(),
  size_bytes: z.number(),
  width: z.number(),
  height: z.number(),
  image_path: z.string().describe('The file that was uploaded (a PNG next to the original when a WebP was converted).'),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerUploadToHeyGenTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    UPLOAD_TO_HEYGEN,
    {
      title: 'Upload to HeyGen',
      description:
        "Step 3: uploads a look image to HeyGen (POST /v3/assets) and returns its asset_id for add_look. Checks the file before sending: PNG or JPEG by its bytes (WebP is converted to PNG), at most 32 MB, at least 512 px on the short side (HeyGen's minimum). Each call makes a new asset, so call it once per image; if the connection breaks after sending, it says so instead of uploading again.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ image_path }, extra) => {
      const checked = await checkUploadFile(image_path);
      if ('refusal' in checked) return failure(checked.refusal, checked.nextStep);
      try {
        const client = await context.services.heygen();
        const answer = { data: await uploadAsset(client, checked, extra.signal, context.config.heygen.timeoutMs) };
        const next = 'Call add_look with this asset_id and a name for the look.';
        return success(
          [
            `Uploaded ${basename(checked.path)} (${checked.width}×${checked.height}, ${checked.mime}) to HeyGen: asset_id ${answer.data.asset_id}.`,
            ...sandboxNotice(context),
            `Next step: ${next}`,
          ].join('\n'),
          {
            asset_id: answer.data.asset_id,
            ...(answer.data.url ? { url: answer.data.url } : {}),
            mime_type: answer.data.mime_type ?? checked.mime,
            size_bytes: answer.data.size_bytes ?? checked.size,
            width: checked.width,
            height: checked.height,
            image_path: checked.path,
            sandbox: context.config.sandbox !== null,
            next_step: next,
          },
        );
      } catch (error) {
        if (isMaybeProcessed(error)) {
          const cancelled = (error as { code?: string }).code === 'cancelled';
          const said = error instanceof HeyGenError ? `${error.summary()} ` : '';
          return failure(
            `${cancelled ? 'The upload was cancelled after the image was sent' : `${said}The image had already been sent`}, so HeyGen may have stored it (no asset_id came back).`,
            'Uploading again makes a second asset of the same image: call upload_to_heygen once more only if you need the asset_id.',
          );
        }
        return heygenFailure(error, context);
      }
    },
  );
}

function isMaybeProcessed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { maybeProcessed?: boolean }).maybeProcessed === true;
}
