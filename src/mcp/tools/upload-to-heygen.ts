// upload_to_heygen: a look image → a HeyGen asset. Checked on disk first (type by its bytes,
// size, resolution), streamed from disk, and never sent twice by a retry.

import { basename } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { lookImageFile, lookImagePathSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const UPLOAD_TO_HEYGEN = 'upload_to_heygen';

const inputSchema = z.object({
  image_path: lookImagePathSchema.describe(
    'The look image: the path generate_look_image returned, an absolute path or its avatar-looks://runs/… URI. PNG or JPEG (WebP is converted to PNG), at most 32 MB, at least 512 px on the short side.',
  ),
});

const outputSchema = z.object({
  asset_id: z.string().describe('Pass to add_look.'),
  url: z.string().optional(),
  mime_type: z.string(),
  size_bytes: z.number(),
  width: z.number(),
  height: z.number(),
  image_path: z
    .string()
    .describe('The file that was uploaded (a WebP is converted to a PNG in a new run folder of the home).'),
  sandbox: z.boolean(),
  next_step: z.string(),
});

export function registerUploadToHeyGenTool(server: McpServer, services: Services): void {
  server.registerTool(
    UPLOAD_TO_HEYGEN,
    {
      title: 'Upload to HeyGen',
      description:
        "Step 4: uploads a look image to HeyGen (POST /v3/assets) and returns its asset_id for add_look. Checks the file before sending: inside the folders the server may read, PNG or JPEG by its bytes (WebP is converted to PNG), at most 32 MB and 40 MP, decodable whole, at least 512 px on the short side (HeyGen's minimum). Each call makes a new asset, so call it once per image; if the connection breaks after sending, it says so instead of uploading again.",
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async ({ image_path }, extra) => {
      try {
        const { uploadImage } = await import('../../flows/heygen-steps.ts');
        const { file, asset } = await uploadImage(services, lookImageFile(services, image_path), extra.signal);
        const next = 'Call add_look with this asset_id and a name for the look.';
        const said = `Uploaded ${basename(file.path)} (${file.width}×${file.height}, ${file.mime}) to HeyGen: asset_id ${asset.asset_id}.`;
        return success(lines(services, [said], next), {
          asset_id: asset.asset_id,
          ...(asset.url ? { url: asset.url } : {}),
          mime_type: asset.mime_type ?? file.mime,
          size_bytes: asset.size_bytes ?? file.size,
          width: file.width,
          height: file.height,
          image_path: file.path,
          sandbox: services.config.sandbox !== null,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
