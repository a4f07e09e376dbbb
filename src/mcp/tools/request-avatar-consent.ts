// request_avatar_consent: the consent link of an avatar group, for its owner to open.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { consentLink } from '../../flows/heygen-steps.ts';
import { groupIdSchema } from '../fields.ts';
import { errorResult, lines, success } from '../render.ts';

export const REQUEST_AVATAR_CONSENT = 'request_avatar_consent';

export function registerRequestAvatarConsentTool(server: McpServer, services: Services): void {
  server.registerTool(
    REQUEST_AVATAR_CONSENT,
    {
      title: 'Request avatar consent',
      description:
        "For a look that is pending_consent: asks HeyGen for the consent link of the avatar group (POST /v3/avatars/{group_id}/consent). The avatar's owner opens it in a browser and approves; this tool never approves anything itself. Then call get_look_status again. HeyGen asks consent only for digital-twin avatars: photo looks (what this server makes) need none. Asking again the same day returns the same link.",
      inputSchema: z.object({
        group_id: groupIdSchema.optional().describe('The avatar group; default HEYGEN_AVATAR_GROUP_ID.'),
      }),
      outputSchema: z.object({
        group_id: z.string(),
        consent_url: z
          .string()
          .optional()
          .describe('Absent when HeyGen gave no link (a consent video was submitted instead).'),
        consent_status: z.string().optional(),
        sandbox: z.boolean(),
        next_step: z.string(),
      }),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ group_id }, extra) => {
      try {
        const { groupId, url, consentStatus } = await consentLink(services, group_id, extra.signal);
        const status = consentStatus ? ` (consent ${consentStatus})` : '';
        const next = url
          ? "Give this link to the avatar's owner to open in a browser and approve; then call get_look_status again."
          : 'HeyGen gave no link (consent was submitted as a video, or is not needed): call get_look_status to see whether the look is ready.';
        const said = url
          ? `Consent link for group ${groupId}${status}: ${url}`
          : `HeyGen gave no consent link for group ${groupId}${status}.`;
        return success(lines(services, [said], next), {
          group_id: groupId,
          ...(url ? { consent_url: url } : {}),
          ...(consentStatus ? { consent_status: consentStatus } : {}),
          sandbox: services.config.sandbox !== null,
          next_step: next,
        });
      } catch (error) {
        return errorResult(error, services);
      }
    },
  );
}
