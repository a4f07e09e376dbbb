// The bytes behind the account's records: uploaded assets and look images. In memory for the
// bytes this simulator received or made; with a state file, also written beside it
// (heygen-simulator-files/, 0600), because in sandbox mode the server and its job runner are
// different processes and one must be able to use what the other uploaded.

import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../core/files.ts';
import type { Asset, Look } from './state.ts';

/** Where the bytes of the account kept in `stateFile` are written. */
export function filesDirOf(stateFile: string): string {
  return join(dirname(stateFile), 'heygen-simulator-files');
}

export class SimulatorFiles {
  private readonly memory = new Map<string, Buffer>();
  private readonly dir: string | undefined;
  private readonly seedLookImage: Buffer | undefined;

  /** `dir`: where to write them too (undefined: in memory only); `seedLookImage`: the seeded look's image. */
  constructor(dir: string | undefined, seedLookImage: Buffer | undefined) {
    this.dir = dir;
    this.seedLookImage = seedLookImage;
  }

  putAsset(asset: Asset, bytes: Buffer): Promise<void> {
    return this.put(assetFile(asset), bytes);
  }

  /** An asset's bytes: this simulator's copy, or the file of the simulator that received it; empty when neither has them. */
  async assetBytes(asset: Asset): Promise<Buffer> {
    if (asset.bytes.length > 0) return asset.bytes;
    return (await this.get(assetFile(asset))) ?? Buffer.alloc(0);
  }

  async keepLookImage(look: Look, image: Buffer): Promise<void> {
    await this.put(`${look.id}.jpg`, image);
    look.image = true;
  }

  /** A look's image: the seed's as this simulator was given it, any other's as kept; undefined when it has none. */
  async lookImage(look: Look): Promise<Buffer | undefined> {
    if (look.seed && this.seedLookImage) return this.seedLookImage;
    return look.image ? this.get(`${look.id}.jpg`) : undefined;
  }

  hasLookImage(look: Look): boolean {
    return look.image || (look.seed && this.seedLookImage !== undefined);
  }

  /** Keeps `bytes` as `name` (an id with its extension, e.g. `look_….jpg`). */
  private async put(name: string, bytes: Buffer): Promise<void> {
    this.memory.set(name, bytes);
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(this.dir, safeName(name)), bytes);
  }

  /** The bytes kept as `name`: this simulator's copy, else the file another one wrote; undefined when neither exists. */
  private async get(name: string): Promise<Buffer | undefined> {
    const kept = this.memory.get(name);
    if (kept) return kept;
    if (!this.dir) return undefined;
    try {
      return await readFile(join(this.dir, safeName(name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

function assetFile(asset: Asset): string {
  return `${asset.id}.${asset.mime === 'image/png' ? 'png' : 'jpg'}`;
}

/** Names come from ids the simulator made, but a path separator must never reach the file system. */
function safeName(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new Error(`SimulatorFiles: bad name ${name}`);
  return name;
}
