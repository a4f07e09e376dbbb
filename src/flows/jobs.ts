// The kinds of job this server runs, as the job layer takes them: what to tell a user whose job's
// runner died (in the server), and the work itself (in the runner process, loaded only there).

import type { JobKind, JobKindInfo } from '../jobs/record.ts';
import type { Services } from './deps.ts';

export const JOB_KIND_INFO: Record<string, JobKindInfo> = {
  create_look: {
    afterInterruption: (record, log) =>
      `Call create_look again with the same key: it resumes from the last completed step, and nothing already made is made or paid for again (the run is ${record.run_dir}; the log is ${log}).`,
  },
};

export async function jobKinds(
  services: Services,
  options: { jobId: string; crashAt?: string | undefined },
): Promise<Record<string, JobKind>> {
  const [{ createLookJobKind }, { GENERATE_LOOK_IMAGE, generationJobKind }] = await Promise.all([
    import('./create-look/run.ts'),
    import('./generate-image.ts'),
  ]);
  return { [GENERATE_LOOK_IMAGE]: generationJobKind(services), create_look: createLookJobKind(services, options) };
}
