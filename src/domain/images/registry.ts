// Which provider a call gets: the one asked for, else the sandbox in sandbox mode, else the chain.
// A provider without its key is named with the variable to set. Providers (sharp, the Gemini
// SDK) load on first use, so the server's cold start does not pay for them.

import type { Config } from '../../core/config.ts';
import { ImageError } from './errors.ts';
import type { ImageProvider } from './provider.ts';

export const PROVIDER_NAMES = ['gemini', 'openai', 'flux', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

const KEY_VARIABLE: Record<'gemini' | 'openai' | 'flux', string> = {
  gemini: 'GEMINI_API_KEY',
  openai: 'OPENAI_API_KEY',
  flux: 'BFL_API_KEY',
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

  async resolve(requested: ProviderName | undefined): Promise<ImageProvider> {
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
  configured(name: ProviderName): boolean {
    if (name === 'sandbox') return true;
    if (name === 'openai') return !!this.config.openai.apiKey;
    if (name === 'flux') return !!this.config.bfl.apiKey;
    return !!this.config.gemini.apiKey;
  }

  /**
   * The providers a call gets: the one it names (which must be configured), or else the sandbox
   * in sandbox mode, or else the configured chain (AVATAR_LOOKS_PROVIDERS) without those that
   * have no key. Empty chain: an error naming the keys.
   */
  async chain(requested: ProviderName | undefined): Promise<ImageProvider[]> {
    if (requested) return [await this.resolve(requested)];
    if (this.config.sandbox) return [await this.resolve('sandbox')];
    const names = this.config.providerChain.filter((name) => this.configured(name));
    if (names.length === 0) {
      throw new ImageError(
        'config',
        `No image provider is configured: none of ${this.config.providerChain.map((name) => KEY_VARIABLE[name]).join(', ')} is set.`,
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
