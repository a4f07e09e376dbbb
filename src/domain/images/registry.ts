// Which provider a call gets: the one asked for, else the sandbox in sandbox mode, else the chain.
// A provider without its key is named with the variable to set. Providers (sharp, the Gemini
// SDK) load on first use, so the server's cold start does not pay for them.

import type { Config } from '../../core/config.ts';
import { ImageError } from './errors.ts';
import type { ImageProvider } from './provider.ts';

export const PROVIDER_NAMES = ['gemini', 'openai', 'flux', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
/** create_look's providers: the image providers, and heygen (HeyGen makes the look itself from the prompt). */
export const LOOK_PROVIDER_NAMES = [...PROVIDER_NAMES, 'heygen'] as const;
export type LookProviderName = (typeof LOOK_PROVIDER_NAMES)[number];
/** The provider a model id belongs to, by its family name. */
export function providerOfModel(model: string): ProviderName | undefined {
  if (/^gemini-/.test(model)) return 'gemini';
  if (/^(gpt-image-|dall-e)/.test(model)) return 'openai';
  if (/^flux-/.test(model)) return 'flux';
  if (/^sandbox-/.test(model)) return 'sandbox';
  return undefined;
}

/** The heygen provider's one "model": a HeyGen prompt look. */
export const HEYGEN_LOOK_MODEL = 'heygen-prompt-look';

const KEY_VARIABLE: Record<'gemini' | 'openai' | 'flux' | 'heygen', string> = {
  gemini: 'GEMINI_API_KEY',
  openai: 'OPENAI_API_KEY',
  flux: 'BFL_API_KEY',
  heygen: 'HEYGEN_API_KEY',
};

/**
 * The heygen provider as the chain holds it: create_look's generate step puts the run's own in
 * its place (it records every look it asks for in run.json). Anywhere else it makes nothing.
 */
const HEYGEN_IN_CHAIN: ImageProvider = {
  name: 'heygen',
  models: [HEYGEN_LOOK_MODEL],
  defaultModel: HEYGEN_LOOK_MODEL,
  sandbox: false,
  generate: () =>
    Promise.reject(
      new ImageError(
        'config',
        'The heygen provider makes a look inside HeyGen, not an image file: only create_look uses it.',
        'Call create_look with provider "heygen", or add_look with a prompt; for an image file, use gemini, openai or flux.',
        { provider: 'heygen' },
      ),
    ),
  checkKey: () => Promise.resolve('uses HEYGEN_API_KEY (checked with the HeyGen account)'),
};

function missing(label: string, variable: string, where: string, provider: string): ImageError {
  return new ImageError(
    'config',
    `${label} is not configured: the server has no ${variable}.`,
    `Add ${variable} (${where}) to the server's environment in your MCP host config and restart it, or leave provider out to use the configured ones.`,
    { provider },
  );
}

export interface RegistryOptions {
  /** Makes the offline sandbox provider (wired by compose.ts: the domain does not know the sandbox). */
  sandbox: () => Promise<ImageProvider>;
}

export class ProviderRegistry {
  private readonly config: Config;
  private readonly options: RegistryOptions;
  private readonly made = new Map<ProviderName, ImageProvider>();

  constructor(config: Config, options: RegistryOptions) {
    this.config = config;
    this.options = options;
  }

  async resolve(requested: LookProviderName | undefined): Promise<ImageProvider> {
    if (requested === 'heygen') return HEYGEN_IN_CHAIN;
    const name: ProviderName = requested ?? (this.config.sandbox ? 'sandbox' : 'gemini');
    const existing = this.made.get(name);
    if (existing) return existing;
    const provider =
      name === 'sandbox'
        ? await this.sandbox()
        : name === 'openai'
          ? await this.openai()
          : name === 'flux'
            ? await this.flux()
            : await this.gemini();
    this.made.set(name, provider);
    return provider;
  }

  /** Whether a provider has what it needs (its key), without loading it. */
  configured(name: LookProviderName): boolean {
    if (name === 'sandbox') return true;
    if (name === 'heygen') return !!this.config.heygen.apiKey || this.config.sandbox !== null;
    if (name === 'openai') return !!this.config.openai.apiKey;
    if (name === 'flux') return !!this.config.bfl.apiKey;
    return !!this.config.gemini.apiKey;
  }

  /**
   * The providers a call gets: the one it names (which must be configured), or else the sandbox
   * in sandbox mode, or else the configured chain (AVATAR_LOOKS_PROVIDERS) without those that
   * have no key. Empty chain: an error naming the keys.
   */
  async chain(requested: LookProviderName | undefined, options: { looks?: boolean } = {}): Promise<ImageProvider[]> {
    if (requested === 'heygen' && !options.looks) return HEYGEN_IN_CHAIN.generate({} as never) as never;
    if (requested) return [await this.resolve(requested)];
    // heygen is in the chain only where a look is made (create_look), and in the sandbox too (its HeyGen makes looks).
    const listed = this.config.providerChain.filter((name) => name !== 'heygen' || options.looks);
    if (this.config.sandbox) {
      const sandbox = await this.resolve('sandbox');
      if (!listed.includes('heygen')) return [sandbox];
      return listed[0] === 'heygen' ? [HEYGEN_IN_CHAIN, sandbox] : [sandbox, HEYGEN_IN_CHAIN];
    }
    const names = listed.filter((name) => this.configured(name));
    if (names.length === 0) {
      throw new ImageError(
        'config',
        `No image provider is configured: none of ${listed.map((name) => KEY_VARIABLE[name]).join(', ')} is set.`,
        'Add GEMINI_API_KEY (or OPENAI_API_KEY / BFL_API_KEY) to the server\'s environment and restart it, or pass provider "sandbox" to try the pipeline offline.',
      );
    }
    return Promise.all(names.map((name) => this.resolve(name)));
  }

  private async openai(): Promise<ImageProvider> {
    const { apiKey, baseUrl, model, quality, timeoutMs } = this.config.openai;
    if (!apiKey) throw missing('OpenAI', 'OPENAI_API_KEY', 'a key from platform.openai.com', 'openai');
    const { OpenAIProvider } = await import('./openai.ts');
    return new OpenAIProvider({ apiKey, baseUrl, model, quality, timeoutMs });
  }

  private async flux(): Promise<ImageProvider> {
    const { apiKey, baseUrl, model, timeoutMs } = this.config.bfl;
    if (!apiKey) throw missing('FLUX', 'BFL_API_KEY', 'a key from api.bfl.ai', 'flux');
    const { FluxProvider } = await import('./bfl.ts');
    return new FluxProvider({ apiKey, baseUrl, model, timeoutMs });
  }

  private sandbox(): Promise<ImageProvider> {
    return this.options.sandbox();
  }

  private async gemini(): Promise<ImageProvider> {
    const { apiKey, apiKeyVariable, model, baseUrl, timeoutMs } = this.config.gemini;
    if (!apiKey || !apiKeyVariable) {
      throw new ImageError(
        'config',
        'Gemini is not configured: the server has no GEMINI_API_KEY (or GOOGLE_API_KEY).',
        'Add GEMINI_API_KEY (a key from Google AI Studio) to the server\'s environment in your MCP host config and restart it, or pass provider "sandbox" to try the pipeline offline.',
        { provider: 'gemini' },
      );
    }
    const { GeminiProvider } = await import('./gemini.ts');
    return new GeminiProvider({ apiKey, apiKeyVariable, model, baseUrl, timeoutMs });
  }
}
