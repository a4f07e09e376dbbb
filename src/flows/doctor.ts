// `avatar-looks-mcp doctor`: everything a first run needs, checked with the cheapest calls that
// prove it (reads only: nothing is generated, uploaded or paid for), each with what to fix.

import { spawnSync } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/errors.ts';
import { getAccount, getGroup } from '../domain/heygen/account.ts';
import { loadReference } from '../domain/images/reference.ts';
import { refuseMixedReferences } from './references.ts';
import { PROVIDER_NAMES, type ProviderName } from '../domain/images/registry.ts';
import { checkLookImage } from './check-look.ts';
import type { Services } from './deps.ts';

export interface DoctorCheck {
  name: string;
  state: 'ok' | 'warn' | 'fail' | 'skip';
  said: string;
  fix?: string | undefined;
}

const NODE_MIN = [22, 19] as const;

export async function runDoctor(services: Services, signal: AbortSignal): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [nodeCheck(), modeCheck(services), foldersCheck(services)];
  checks.push(...(await providerChecks(services, signal)));
  checks.push(...(await heygenChecks(services, signal)));
  checks.push(await referenceCheck(services, signal));
  return checks;
}

function fine(name: string, said: string): DoctorCheck {
  return { name, state: 'ok', said };
}

function problem(name: string, error: unknown, state: 'fail' | 'warn' = 'fail'): DoctorCheck {
  if (error instanceof UserError) return { name, state, said: error.message, fix: error.nextStep };
  return {
    name,
    state,
    said: (error as Error)?.message ?? String(error),
    fix: 'Run doctor again; if it persists, report it.',
  };
}

function atLeast(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > NODE_MIN[0] || (major === NODE_MIN[0] && minor >= NODE_MIN[1]);
}

/** This process runs on Node ≥ 22.19 (it could not start otherwise); hosts that run `node` from PATH may not. */
function nodeCheck(): DoctorCheck {
  const onPath = spawnSync('node', ['--version'], { encoding: 'utf8' });
  const pathVersion = onPath.status === 0 ? onPath.stdout.trim() : undefined;
  const here = `Node ${process.versions.node} at ${process.execPath}`;
  if (pathVersion && atLeast(pathVersion)) return fine('Node', `${here}; \`node\` on PATH is ${pathVersion}.`);
  return {
    name: 'Node',
    state: 'warn',
    said: `${here}, but \`node\` on PATH is ${pathVersion ?? 'missing'}: a host that runs \`node\` or \`npx\` would start an older Node, and the server would exit at once.`,
    fix: `In your host's configuration, set "command" to ${process.execPath} (\`avatar-looks-mcp config claude-desktop\` prints it ready to paste).`,
  };
}

function modeCheck(services: Services): DoctorCheck {
  const { sandbox } = services.config;
  if (sandbox === null) return fine('Mode', 'real services (API keys are set).');
  return {
    name: 'Mode',
    state: 'warn',
    said: `sandbox (${sandbox === 'flag' ? 'asked for' : 'no API keys set'}): offline stand-ins for every paid service; nothing is spent.`,
    fix: 'For real looks set GEMINI_API_KEY (or OPENAI_API_KEY / BFL_API_KEY), HEYGEN_API_KEY and HEYGEN_AVATAR_GROUP_ID.',
  };
}

function foldersCheck(services: Services): DoctorCheck {
  return fine(
    'Folders it may read',
    `${services.files.folders().join(', ')} (widen with AVATAR_LOOKS_ALLOWED_DIRS; over stdio, your host's roots count too).`,
  );
}

async function providerChecks(services: Services, signal: AbortSignal): Promise<DoctorCheck[]> {
  if (services.config.sandbox !== null) return [fine('Image providers', 'the offline sandbox stand-in.')];
  const names = PROVIDER_NAMES.filter((name): name is Exclude<ProviderName, 'sandbox'> => name !== 'sandbox');
  const configured = names.filter((name) => services.providers.configured(name));
  if (configured.length === 0) {
    return [
      {
        name: 'Image providers',
        state: 'fail',
        said: 'No image provider key is set.',
        fix: 'Set GEMINI_API_KEY (or OPENAI_API_KEY, BFL_API_KEY).',
      },
    ];
  }
  return Promise.all(
    configured.map(async (name) => {
      try {
        const provider = await services.providers.resolve(name);
        return fine(`Image provider ${name}`, await provider.checkKey(signal));
      } catch (error) {
        return problem(`Image provider ${name}`, error);
      }
    }),
  );
}

async function heygenChecks(services: Services, signal: AbortSignal): Promise<DoctorCheck[]> {
  const { config } = services;
  if (config.sandbox === null && !config.heygen.apiKey) {
    return [
      {
        name: 'HeyGen',
        state: 'fail',
        said: 'HEYGEN_API_KEY is not set: looks cannot be added.',
        fix: 'Set HEYGEN_API_KEY (HeyGen → Settings → API).',
      },
    ];
  }
  if (config.sandbox !== null) return [fine('HeyGen', 'the offline simulator: nothing is made at HeyGen.')];
  const checks: DoctorCheck[] = [];
  try {
    const client = await services.heygen();
    const account = await getAccount(client, signal);
    const wallet = account.wallet?.remaining_balance;
    checks.push(
      fine(
        'HeyGen key',
        `accepted${account.billing_type ? `; ${account.billing_type} billing` : ''}${wallet !== undefined && wallet !== null ? `, $${wallet} in the API wallet` : ''}.`,
      ),
    );
    const groupId = config.heygen.groupId;
    if (!groupId) {
      checks.push({
        name: 'Avatar group',
        state: 'warn',
        said: 'HEYGEN_AVATAR_GROUP_ID is not set: every add_look or create_look call must pass group_id.',
        fix: 'Call list_avatar_groups, then set HEYGEN_AVATAR_GROUP_ID to the person’s group.',
      });
    } else {
      const group = await getGroup(client, groupId, signal).catch((error: unknown) => error);
      checks.push(
        group instanceof Error
          ? problem('Avatar group', group)
          : fine('Avatar group', `${groupId} ("${(group as { name?: string }).name ?? ''}") exists.`),
      );
    }
  } catch (error) {
    checks.push(problem('HeyGen key', error));
  }
  return checks;
}

/** The reference photos: each readable, and showing one person facing the camera. */
async function referenceCheck(services: Services, signal: AbortSignal): Promise<DoctorCheck> {
  const specs = services.config.referenceImages;
  if (specs.length === 0) {
    return services.config.sandbox !== null
      ? fine('Reference photo', 'none set: the sandbox uses a sample face.')
      : {
          name: 'Reference photo',
          state: 'warn',
          said: 'AVATAR_REFERENCE_IMAGE is not set: every call must pass reference_image.',
          fix: 'Set AVATAR_REFERENCE_IMAGE to a clear, front-facing photo of the avatar’s person.',
        };
  }
  const checks: DoctorCheck[] = [];
  for (const spec of specs) checks.push(await onePhotoCheck(services, spec, signal));
  const failed = checks.find((check) => check.state !== 'ok');
  if (failed) return failed;
  return (await sameSetCheck(services, specs)) ?? checks[checks.length - 1]!;
}

/** Several local photos must show one person, as generation will require before any spend. */
async function sameSetCheck(services: Services, specs: string[]): Promise<DoctorCheck | undefined> {
  const local = specs.map((spec) => (spec.startsWith('file://') ? fileURLToPath(spec) : spec)).filter(isAbsolute);
  if (local.length < 2) return undefined;
  try {
    await refuseMixedReferences(
      local.map((path) => ({ path, source: path })),
      services.faces,
    );
    return fine('Reference photos', `${local.length} photos, one person in all.`);
  } catch (error) {
    return problem('Reference photos', error);
  }
}

async function onePhotoCheck(services: Services, spec: string, signal: AbortSignal): Promise<DoctorCheck> {
  try {
    const local = spec.startsWith('file://') ? fileURLToPath(spec) : isAbsolute(spec) ? spec : undefined;
    if (!local) {
      const photo = await loadReference(spec, {
        allowPrivateUrls: services.config.allowPrivateUrls,
        files: services.files,
        signal,
      });
      return fine('Reference photo', `${photo.source}: ${photo.width}×${photo.height}, read.`);
    }
    const check = await checkLookImage(services, { imagePath: local, referenceImage: spec }, signal);
    const people = check.verdict.reasons.filter(
      (reason) => !/aspect ratio|orientation|short side|pixels/i.test(reason),
    );
    if (people.length === 0) return fine('Reference photo', `${local}: one person, facing the camera.`);
    return {
      name: 'Reference photo',
      state: 'fail',
      said: `${local}: ${people.join(' ')}`,
      fix: 'Use a clear, front-facing photo of the avatar’s person alone.',
    };
  } catch (error) {
    return problem('Reference photo', error);
  }
}
