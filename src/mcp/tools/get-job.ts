// get_job: waits on a job that generate_look_image or create_look returned as "running".

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Services } from '../../flows/deps.ts';
import { waitSecondsSchema } from '../fields.ts';
import { renderJob } from '../job-result.ts';
import { waitForJob } from '../progress.ts';
import { askInPlace } from '../ask-approval.ts';
import { PICKER_META } from '../picker-meta.ts';
import { failure } from '../render.ts';

export const GET_JOB = 'get_job';

const inputSchema = z.object({
  job_id: z.string().min(1).max(40).describe('The job_id a tool returned with status "running".'),
  wait_seconds: waitSecondsSchema,
});

export function registerGetJobTool(server: McpServer, services: Services): void {
  server.registerTool(
    GET_JOB,
    {
      title: 'Get job',
      description:
        'Waits for a job that a tool returned as status "running" (generate_look_image or create_look), up to wait_seconds, with progress; then returns its result exactly as the tool would have (structuredContent in that tool’s output shape), or status "running" again with when to ask next. Free and safe to call repeatedly. Jobs survive a server restart; one whose server stopped mid-way reports that it was interrupted and where its files are. A create_look that waits for approval returns status "awaiting_approval" (answer with approve_look); where the host can show a form, the person is asked there, and only their answer continues the run.',
      inputSchema,
      // No outputSchema of its own: its structuredContent is the starting tool's (generate_look_image
      // or create_look), declared there once — a union here made tools/list carry it all again.
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      // Hosts that render MCP Apps show the look picker with the result.
      _meta: PICKER_META,
    },
    async ({ job_id, wait_seconds }, extra) => {
      const record = await waitForJob(services.jobs, job_id, wait_seconds * 1000, extra, {
        onAbort: false,
        isConnected: () => server.isConnected(),
        stopping: services.stopping,
      });
      if (!record) {
        return failure(
          `There is no job "${job_id}" on this server.`,
          'Use the job_id exactly as a tool returned it (job_ followed by 12 characters); jobs are kept under AVATAR_LOOKS_HOME/jobs.',
        );
      }
      // A create_look that waits for approval is asked in place where the host can show a form.
      return askInPlace(server, services, extra, await renderJob(record, { services }), wait_seconds * 1000);
    },
  );
}
