// Every tool, resource and prompt the server offers, and the pipeline they form: the server's
// instructions list the steps in order, from the same table.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from '../core/config.ts';
import type { Services } from '../flows/deps.ts';
import { registerLookPicker } from './look-picker.ts';
import { registerGuide } from './prompts.ts';
import { registerRunFiles } from './resources.ts';
import { registerAddLookTool } from './tools/add-look.ts';
import { registerAnswerVideoAgentTool } from './tools/answer-video-agent.ts';
import { registerApproveLookTool } from './tools/approve-look.ts';
import { registerBuildLookPromptTool } from './tools/build-look-prompt.ts';
import { registerCheckLookImageTool } from './tools/check-look-image.ts';
import { registerCreateLookTool } from './tools/create-look.ts';
import { registerCreateVideoTool } from './tools/create-video.ts';
import { registerDownloadVideoTool } from './tools/download-video.ts';
import { registerGenerateLookImageTool } from './tools/generate-look-image.ts';
import { registerGetHeyGenAccountTool } from './tools/get-heygen-account.ts';
import { registerGetJobTool } from './tools/get-job.ts';
import { registerGetLookStatusTool } from './tools/get-look-status.ts';
import { registerGetVideoStatusTool } from './tools/get-video-status.ts';
import { registerListAvatarGroupsTool } from './tools/list-avatar-groups.ts';
import { registerListLooksTool } from './tools/list-looks.ts';
import { registerListRunsTool } from './tools/list-runs.ts';
import { registerRequestAvatarConsentTool } from './tools/request-avatar-consent.ts';
import { registerStopVideoAgentTool } from './tools/stop-video-agent.ts';
import { registerUploadToHeyGenTool } from './tools/upload-to-heygen.ts';

/** The tools, in the order tools/list shows them. */
const TOOLS: ReadonlyArray<(server: McpServer, services: Services) => void> = [
  registerBuildLookPromptTool,
  registerGenerateLookImageTool,
  registerGetJobTool,
  registerCheckLookImageTool,
  registerUploadToHeyGenTool,
  registerAddLookTool,
  registerGetLookStatusTool,
  registerRequestAvatarConsentTool,
  registerListAvatarGroupsTool,
  registerListLooksTool,
  registerGetHeyGenAccountTool,
  registerCreateLookTool,
  registerApproveLookTool,
  registerListRunsTool,
  registerCreateVideoTool,
  registerGetVideoStatusTool,
  registerAnswerVideoAgentTool,
  registerStopVideoAgentTool,
  registerDownloadVideoTool,
];

/** The look pipeline in order (DESIGN.md): tool name and what the step does. */
export const PIPELINE: ReadonlyArray<{ tool: string; does: string }> = [
  { tool: 'build_look_prompt', does: 'topic and creative choices → an image prompt that never describes the person' },
  { tool: 'generate_look_image', does: "prompt + the person's reference photo → the look image" },
  { tool: 'check_look_image', does: 'is it still the same person, alone, facing the camera, framed for the video?' },
  { tool: 'upload_to_heygen', does: 'image → HeyGen asset_id' },
  { tool: 'add_look', does: "asset_id → a new look (look_id) in the person's existing avatar group" },
  { tool: 'get_look_status', does: "wait until the look is completed; its look_id is Video Agent's avatar_id" },
  { tool: 'create_video', does: 'a Video Agent video with avatar_id = look_id' },
  { tool: 'get_video_status', does: 'wait for the video and get its URL' },
  { tool: 'download_video', does: "save the finished MP4 in the look's run folder" },
];

export function registerAll(server: McpServer, services: Services): void {
  for (const register of TOOLS) register(server, services);
  registerGuide(server);
  registerRunFiles(server, services.runs);
  registerLookPicker(server, services);
}

export function serverInstructions(config: Config): string {
  return [
    "avatar-looks-mcp gives a person's HeyGen photo avatar a fresh, photorealistic look for each video, in a setting that fits the video's topic, while they stay recognisably themselves.",
    '',
    "Pipeline, in order; each step takes the previous step's output:",
    ...PIPELINE.map((step, index) => `${index + 1}. ${step.tool}: ${step.does}`),
    '',
    "Or in one call: create_look runs the whole pipeline as a resumable job (key = the video's id or slug; the same key never pays twice). list_runs shows what was made.",
    'create_look with approval "cost" or "pick" stops with status "awaiting_approval": ask the person, then answer with approve_look; never answer for them.',
    '',
    'Long steps return status "running" with a job_id: call get_job with it to wait for the result; never repeat the paid call.',
    "Never describe the person's face or body in any field: the reference photo carries their identity, and such text is refused.",
    ...(config.sandbox
      ? [
          `SANDBOX MODE (${config.sandbox === 'flag' ? 'asked for with --sandbox or AVATAR_LOOKS_SANDBOX' : 'no API keys are set'}): images are offline stand-ins stamped SANDBOX, nothing is spent. ` +
            "Set GEMINI_API_KEY (or GOOGLE_API_KEY) in the server's environment to generate real looks.",
        ]
      : []),
    'For creative direction, read the resource avatar-looks://guide/look-design or use the design_look prompt.',
  ].join('\n');
}
