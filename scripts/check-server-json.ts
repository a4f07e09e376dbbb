// server.json (the MCP registry's description of this server) checked against the registry's
// published 2025-12-11 server schema — as our own zod schema of the fields it uses, strict so a
// misspelled field fails — and against the package itself: mcpName, name, versions and package
// name agree, every variable listed is one the server reads, and every key is marked secret.
//   npm run check:server-json

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENV_VARIABLES } from '../src/core/config.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const input = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  default: z.string().optional(),
  choices: z.array(z.string()).optional(),
});

const serverJson = z.strictObject({
  $schema: z.literal('https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json'),
  // Reverse-DNS namespace, then the server name.
  name: z.string().regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/),
  title: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(100),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/),
  repository: z.strictObject({ url: z.url(), source: z.string(), subfolder: z.string().optional() }).optional(),
  websiteUrl: z.url().optional(),
  packages: z
    .array(
      z.strictObject({
        registryType: z.literal('npm'),
        registryBaseUrl: z.literal('https://registry.npmjs.org').optional(),
        identifier: z.string(),
        version: z.string(),
        runtimeHint: z.string().optional(),
        transport: z.strictObject({ type: z.literal('stdio') }),
        environmentVariables: z.array(input).optional(),
      }),
    )
    .min(1),
});

const problems: string[] = [];
const parsed = serverJson.safeParse(JSON.parse(readFileSync(`${ROOT}server.json`, 'utf8')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) problems.push(`server.json ${issue.path.join('.')}: ${issue.message}`);
} else {
  const server = parsed.data;
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as Record<string, string>;
  const npm = server.packages[0]!;
  if (pkg.mcpName !== server.name)
    problems.push(`package.json mcpName ${pkg.mcpName} ≠ server.json name ${server.name}`);
  if (server.version !== pkg.version)
    problems.push(`server.json version ${server.version} ≠ package.json ${pkg.version}`);
  if (npm.version !== pkg.version)
    problems.push(`the npm package version ${npm.version} ≠ package.json ${pkg.version}`);
  if (npm.identifier !== pkg.name)
    problems.push(`the npm identifier ${npm.identifier} ≠ package.json name ${pkg.name}`);
  for (const variable of npm.environmentVariables ?? []) {
    if (!ENV_VARIABLES.includes(variable.name))
      problems.push(`${variable.name} is listed but the server does not read it`);
    if (/(KEY|TOKEN|SECRET|PASSWORD)$/.test(variable.name) && variable.isSecret !== true)
      problems.push(`${variable.name} is a secret: mark it isSecret`);
  }
  for (const key of ['GEMINI_API_KEY', 'HEYGEN_API_KEY', 'HEYGEN_AVATAR_GROUP_ID', 'AVATAR_REFERENCE_IMAGE'])
    if (!npm.environmentVariables?.some((variable) => variable.name === key)) problems.push(`${key} is not listed`);
}
if (problems.length > 0) {
  console.error(`server.json is not valid:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('server.json: valid against the 2025-12-11 server schema, and agrees with package.json and the config.');
