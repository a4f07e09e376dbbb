// Video Agent sessions this server started, on disk: one record per session under
// AVATAR_LOOKS_HOME/videos (the key index is store/keys.ts).

import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonRecord, writeJsonAtomic } from '../core/files.ts';

export const videoRecord = z.looseObject({
  session_id: z.string(),
  key: z.string().optional(),
  avatar_id: z.string(),
  prompt_sha256: z.string(),
  /** The first words of the prompt, for a person reading the folder. */
  prompt_start: z.string(),
  orientation: z.string().optional(),
  /** `chat` sessions take answers (answer_video_agent); `generate` ones run on their own. */
  mode: z.enum(['generate', 'chat']).default('generate'),
  /** When stop_video_agent asked HeyGen to stop it. */
  stop_requested_at: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  /** The session's and the video's status as last seen. */
  status: z.string(),
  video_id: z.string().optional(),
  video_status: z.string().optional(),
  /** The create_look run of the look, when there is one: the video is downloaded there. */
  run_id: z.string().optional(),
  run_dir: z.string().optional(),
  download: z.object({ path: z.string(), size_bytes: z.number(), sha256: z.string() }).optional(),
});
export type VideoRecord = z.infer<typeof videoRecord>;

export class VideoStore {
  private readonly dir: string;

  constructor(home: string) {
    this.dir = join(home, 'videos');
  }

  private recordPath(sessionId: string): string {
    return join(this.dir, `${sessionId.replace(/[^\w-]/g, '_')}.json`);
  }

  get(sessionId: string): Promise<VideoRecord | undefined> {
    return readJsonRecord(this.recordPath(sessionId), videoRecord);
  }

  async put(record: VideoRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(this.recordPath(record.session_id), { ...record, updated_at: new Date().toISOString() });
  }

  async all(): Promise<VideoRecord[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
    const records = await Promise.all(names.map((name) => readJsonRecord(join(this.dir, name), videoRecord)));
    return records.filter((record): record is VideoRecord => record !== undefined);
  }

  async byVideoId(videoId: string): Promise<VideoRecord | undefined> {
    return (await this.all()).find((record) => record.video_id === videoId);
  }
}
