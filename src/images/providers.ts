// Which provider a call gets: the one asked for, else the sandbox in sandbox mode, else Gemini.
// A provider without its key is named with the variable to set.

import type { Config } from '../config.ts';
import { SandboxImageProvider } from '../sandbox/image-provider.ts';
import { ImageError } from './errors.ts';
import { GeminiProvider } from './gemini.ts';
import type { ImageProvider } from './provider.ts';

export const PROVIDER_NAMES = ['gemini', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export class ProviderRegistry {
  private readonly config: Config;
  private readonly made = new Map<ProviderName, ImageProvider>();

  constructor(config: Config) {
    this.config = config;
  }

  resolve(requested: ProviderName | undefined): ImageProvider {
    const name: ProviderName = requested ?? (this.config.sandbox ? 'sandbox' : 'gemini');
    const existing = this.made.get(name);
    if (existing) return existing;
    const provider = name === 'sandbox' ? new SandboxImageProvider({ delayMs: this.config.sandboxDelayMs }) : this.gemini();
    this.made.set(name, provider);
    return provider;
  }

  private gemini(): ImageProvider {
    const { apiKey, apiKeyVariable, model, baseUrl, timeoutMs } = this.config.gemini;
    if (!apiKey || !apiKeyVariable) {
      throw new ImageError(
        'config',
        'Gemini is not configured: the server has no GEMINI_API_KEY (or GOOGLE_API_KEY).',
        'Add GEMINI_API_KEY (a key from Google AI Studio) to the server\'s environment in your MCP host config and restart it, or pass provider "sandbox" to try the pipeline offline.',
        { provider: 'gemini' },
      );
    }
    return new GeminiProvider({ apiKey, apiKeyVariable, model, baseUrl, timeoutMs });
  }
}
