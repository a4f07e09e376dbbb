// `avatar-looks-mcp config claude-desktop | claude-code`: a ready configuration with absolute
// paths — the Node binary running now (≥ 22.19, which an older `node` on PATH is not) and this
// install's server script — and the variables the server reads, secrets as placeholders unless
// --with-secrets asks for the values set in this shell.

import { fileURLToPath } from 'node:url';

export type Host = 'claude-desktop' | 'claude-code';

/** The variables a host configuration carries, in the order a person fills them in. */
const VARIABLES = [
  'GEMINI_API_KEY',
  'OPENAI_API_KEY',
  'BFL_API_KEY',
  'HEYGEN_API_KEY',
  'HEYGEN_AVATAR_GROUP_ID',
  'AVATAR_REFERENCE_IMAGE',
  'AVATAR_LOOKS_ALLOWED_DIRS',
  'AVATAR_LOOKS_HOME',
] as const;
const SECRET = /(KEY|TOKEN|SECRET|PASSWORD)$/;
const NEEDED = new Set(['GEMINI_API_KEY', 'HEYGEN_API_KEY', 'HEYGEN_AVATAR_GROUP_ID', 'AVATAR_REFERENCE_IMAGE']);

export function hostConfig(
  host: Host,
  options: { env: NodeJS.ProcessEnv; withSecrets: boolean; nodePath?: string; serverScript?: string },
): string {
  const command = options.nodePath ?? process.execPath;
  const script = options.serverScript ?? fileURLToPath(new URL('../server.js', import.meta.url));
  const env: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = options.env[name];
    if (value && (!SECRET.test(name) || options.withSecrets)) env[name] = value;
    else if (value || NEEDED.has(name)) env[name] = `<your ${name}>`;
  }
  if (host === 'claude-code') {
    const flags = Object.entries(env).map(([name, value]) => `-e ${name}=${shellQuote(value)}`);
    return `claude mcp add avatar-looks ${flags.join(' ')} -- ${shellQuote(command)} ${shellQuote(script)}\n`;
  }
  const config = { mcpServers: { 'avatar-looks': { command, args: [script], env } } };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
