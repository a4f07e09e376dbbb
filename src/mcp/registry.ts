// Every tool, resource and prompt the server offers, and the pipeline they form. The server's
// instructions and each tool's "next step" come from PIPELINE, filtered to what is registered,
// so a model is never sent to a tool this version does not have.

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { Services } from '../compose.ts';
import { BUILD_LOOK_PROMPT, registerBuildLookPromptTool } from './tools/build-look-prompt.ts';
import { GENERATE_LOOK_IMAGE, registerGenerateLookImageTool } from './tools/generate-look-image.ts';
import { GET_JOB, registerGetJobTool } from './tools/get-job.ts';
import { registerGuide } from './prompts.ts';
import { ADD_LOOK, registerAddLookTool } from './tools/add-look.ts';
import { GET_LOOK_STATUS, registerGetLookStatusTool } from './tools/get-look-status.ts';
import {
  registerGetHeyGenAccountTool,
  registerListAvatarGroupsTool,
  registerListLooksTool,
  registerRequestAvatarConsentTool,
} from './tools/heygen-discovery.ts';
import { registerUploadToHeyGenTool, UPLOAD_TO_HEYGEN } from './tools/upload-to-heygen.ts';
import { registerRunFiles } from './resources.ts';
import { CREATE_LOOK, registerCreateLookTool } from './tools/create-look.ts';
import { LIST_RUNS, registerListRunsTool } from './tools/list-runs.ts';
import { CHECK_LOOK_IMAGE, registerCheckLookImageTool } from './tools/check-look-image.ts';
import {
  CREATE_VIDEO,
  DOWNLOAD_VIDEO,
  GET_VIDEO_STATUS,
  registerCreateVideoTool,
  registerDownloadVideoTool,
  registerGetVideoStatusTool,
} from './tools/videos.ts';

export interface ToolContext {
  config: Config;
  logger: Logger;
  services: Services;
  secrets: readonly string[];
  /** The tool that takes build_look_prompt's output, when this server has it. */
  nextToolAfterPrompt: string | undefined;
  /** The tool that takes a generated image, when this server has it. */
  nextToolAfterImage: string | undefined;
  /** The tool that takes an image that passed check_look_image. */
  nextToolAfterCheck: string | undefined;
  /** The tool that takes a finished look. */
  nextToolAfterLook: string | undefined;
}

interface ToolRegistration {
  name: string;
  register: (server: McpServer, context: ToolContext) => void;
}

export const TOOLS: readonly ToolRegistration[] = [
  { name: BUILD_LOOK_PROMPT, register: registerBuildLookPromptTool },
  { name: GENERATE_LOOK_IMAGE, register: registerGenerateLookImageTool },
  { name: GET_JOB, register: registerGetJobTool },
  { name: CHECK_LOOK_IMAGE, register: registerCheckLookImageTool },
  { name: UPLOAD_TO_HEYGEN, register: registerUploadToHeyGenTool },
  { name: ADD_LOOK, register: registerAddLookTool },
  { name: GET_LOOK_STATUS, register: registerGetLookStatusTool },
  { name: 'request_avatar_consent', register: registerRequestAvatarConsentTool },
  { name: 'list_avatar_groups', register: registerListAvatarGroupsTool },
  { name: 'list_looks', register: registerListLooksTool },
  { name: 'get_heygen_account', register: registerGetHeyGenAccountTool },
  { name: CREATE_LOOK, register: registerCreateLookTool },
  { name: LIST_RUNS, register: registerListRunsTool },
  { name: CREATE_VIDEO, register: registerCreateVideoTool },
  { name: GET_VIDEO_STATUS, register: registerGetVideoStatusTool },
  { name: DOWNLOAD_VIDEO, register: registerDownloadVideoTool },
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

export function registerAll(server: McpServer, context: { config: Config; logger: Logger; services: Services }): void {
  const available = new Set(TOOLS.map((tool) => tool.name));
  const full: ToolContext = {
    ...context,
    secrets: context.services.secrets,
    nextToolAfterPrompt: available.has('generate_look_image') ? 'generate_look_image' : undefined,
    nextToolAfterImage: available.has('check_look_image')
      ? 'check_look_image'
      : available.has('upload_to_heygen')
        ? 'upload_to_heygen'
        : undefined,
    nextToolAfterCheck: available.has('upload_to_heygen') ? 'upload_to_heygen' : undefined,
    nextToolAfterLook: available.has('create_video') ? 'create_video' : undefined,
  };
  for (const tool of TOOLS) tool.register(server, full);
  registerGuide(server);
  registerRunFiles(server, context.services.runs);
}

export function serverInstructions(config: Config): string {
  const available = new Set(TOOLS.map((tool) => tool.name));
  const steps = PIPELINE.filter((step) => available.has(step.tool));
  const missing = PIPELINE.filter((step) => !available.has(step.tool));
  return [
    "avatar-looks-mcp gives a person's HeyGen photo avatar a fresh, photorealistic look for each video, in a setting that fits the video's topic, while they stay recognisably themselves.",
    '',
    "Pipeline, in order; each step takes the previous step's output:",
    ...steps.map((step, index) => `${index + 1}. ${step.tool}: ${step.does}`),
    ...(missing.length > 0
      ? [
          '',
          `Not in this server version: ${missing.map((step) => step.tool).join(', ')}.` +
            (available.has('generate_look_image')
              ? ''
              : " After build_look_prompt, generate the image with your own image model from the prompt and the person's reference photo.") +
            (available.has('create_video')
              ? ''
              : ' Once the look is ready, pass its look_id as avatar_id to HeyGen Video Agent yourself.'),
        ]
      : []),
    '',
    ...(available.has(CREATE_LOOK)
      ? [
          '',
          "Or in one call: create_look runs the whole pipeline as a resumable job (key = the video's id or slug; the same key never pays twice). list_runs shows what was made.",
        ]
      : []),
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
