// An MCP bundle (.mcpb) for one-click install in Claude Desktop: the built server with its
// production dependencies for THIS platform (sharp ships native binaries: one bundle per
// platform), and a manifest (0.3) whose user_config asks for the keys (sensitive), the avatar
// group and the reference photo (a file). Validated with the official @anthropic-ai/mcpb CLI,
// packed, unpacked again, and the unpacked server started with the settings Claude Desktop would
// pass: it must list its tools.
//   npm run bundle        → bundle/avatar-looks-mcp-<version>-<platform>-<arch>.mcpb

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, any>;
const MCPB = join(ROOT, 'node_modules', '.bin', 'mcpb');
const platform = process.platform as 'linux' | 'darwin' | 'win32';
const name = `avatar-looks-mcp-${pkg.version}-${platform}-${process.arch}.mcpb`;
const work = join(ROOT, '.cache', 'bundle');
const stage = join(work, 'stage');
const out = join(ROOT, 'bundle', name);

/** What Claude Desktop asks the user, and passes to the server as its environment. */
const USER_CONFIG = {
  gemini_api_key: {
    type: 'string',
    title: 'Gemini API key',
    description: 'From Google AI Studio; generates the look images. Leave all keys empty to try the offline sandbox.',
    sensitive: true,
    required: false,
  },
  openai_api_key: {
    type: 'string',
    title: 'OpenAI API key (optional)',
    description: 'GPT Image, used after Gemini in the provider chain.',
    sensitive: true,
    required: false,
  },
  bfl_api_key: {
    type: 'string',
    title: 'Black Forest Labs API key (optional)',
    description: 'FLUX, used after OpenAI in the provider chain.',
    sensitive: true,
    required: false,
  },
  heygen_api_key: {
    type: 'string',
    title: 'HeyGen API key',
    description: 'HeyGen → Settings → API. Looks are added to your avatar with it.',
    sensitive: true,
    required: false,
  },
  heygen_avatar_group_id: {
    type: 'string',
    title: 'HeyGen avatar group id',
    description: "Your avatar's group, where new looks go (list_avatar_groups shows it).",
    required: false,
  },
  reference_image: {
    type: 'file',
    title: 'Reference photo',
    description: 'A clear, front-facing photo of the avatar’s person: every look is checked against it.',
    required: false,
  },
} as const;

const ENV = {
  GEMINI_API_KEY: '${user_config.gemini_api_key}',
  OPENAI_API_KEY: '${user_config.openai_api_key}',
  BFL_API_KEY: '${user_config.bfl_api_key}',
  HEYGEN_API_KEY: '${user_config.heygen_api_key}',
  HEYGEN_AVATAR_GROUP_ID: '${user_config.heygen_avatar_group_id}',
  AVATAR_REFERENCE_IMAGE: '${user_config.reference_image}',
};

/** Every service the server may send data to, with its privacy policy. */
const PRIVACY_POLICIES = [
  'https://policies.google.com/privacy',
  'https://openai.com/policies/privacy-policy',
  'https://bfl.ai/legal/privacy-policy',
  'https://www.heygen.com/privacy',
];

async function toolList(
  serverScript: string,
  env: Record<string, string> = { AVATAR_LOOKS_SANDBOX: '1' },
): Promise<Array<{ name: string; description: string }>> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [serverScript],
    env: { PATH: process.env.PATH ?? '', HOME: work, AVATAR_LOOKS_HOME: join(work, 'home'), ...env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bundle', version: '0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  await client.close();
  // An app-only tool (the look picker's) is not one the model sees, so the manifest does not list it.
  const forModel = tools.filter((tool) => {
    const visibility = (tool._meta?.ui as { visibility?: string[] } | undefined)?.visibility;
    return !visibility || visibility.includes('model');
  });
  return forModel.map((tool) => ({ name: tool.name, description: (tool.description ?? '').split('. ')[0] ?? '' }));
}

rmSync(work, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
mkdirSync(join(ROOT, 'bundle'), { recursive: true });
execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
cpSync(join(ROOT, 'dist'), join(stage, 'dist'), { recursive: true });
for (const file of ['README.md', 'LICENSE']) cpSync(join(ROOT, file), join(stage, file));
const { devDependencies: _dev, scripts: _scripts, ...runtime } = pkg;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(runtime, null, 2)}\n`);
cpSync(join(ROOT, 'package-lock.json'), join(stage, 'package-lock.json'));
execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: stage, stdio: 'inherit' });

const manifest = {
  manifest_version: '0.3',
  name: pkg.name,
  display_name: 'Avatar Looks',
  version: pkg.version,
  description: pkg.description,
  long_description:
    'Build a look prompt for your video, generate candidate images with Gemini, OpenAI or FLUX from your reference photo, check that each is still you, and add the best as a new look to your HeyGen photo avatar — ready for Video Agent. Without keys it runs as an offline sandbox.',
  author: { name: 'avatar-looks-mcp contributors' },
  repository: { type: 'git', url: 'https://github.com/avatar-looks/avatar-looks-mcp' },
  homepage: pkg.homepage,
  license: pkg.license,
  keywords: pkg.keywords,
  server: {
    type: 'node',
    entry_point: 'dist/server.js',
    mcp_config: { command: 'node', args: ['${__dirname}/dist/server.js'], env: ENV },
  },
  tools: await toolList(join(stage, 'dist', 'server.js')),
  user_config: USER_CONFIG,
  privacy_policies: PRIVACY_POLICIES,
  compatibility: { platforms: [platform], runtimes: { node: pkg.engines.node } },
};
writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
execFileSync(MCPB, ['validate', join(stage, 'manifest.json')], { stdio: 'inherit' });
rmSync(out, { force: true });
execFileSync(MCPB, ['pack', stage, out], { stdio: 'inherit' });

// Unpacked as Claude Desktop would, started with the environment it would pass (no keys: sandbox).
const unpacked = join(work, 'unpacked');
execFileSync(MCPB, ['unpack', out, unpacked], { stdio: 'inherit' });
// Claude Desktop passes every user_config variable, empty when the user left it empty.
const asDesktopPasses = Object.fromEntries(Object.keys(ENV).map((variable) => [variable, '']));
const started = await toolList(join(unpacked, 'dist', 'server.js'), asDesktopPasses);
if (started.length !== manifest.tools.length) {
  console.error(`The unpacked bundle lists ${started.length} tools, the manifest ${manifest.tools.length}.`);
  process.exit(1);
}
console.log(
  `\n${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB, ${started.length} tools, validated and started.`,
);
