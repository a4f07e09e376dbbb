// create_look's request: the caller's inputs normalised (what an idempotency key is compared on),
// with the reference photo described safely (no data: payloads, no signed query strings).

import { createHash } from 'node:crypto';
import type { ImageSize, Orientation } from '../../core/types.ts';
import type { LookProviderName } from '../../domain/images/registry.ts';
import type { Angle } from '../../domain/prompt/template.ts';
import type { CreateLookRequest } from '../../store/records.ts';

/** create_look's arguments as the tool parsed them. */
export interface CreateLookArgs {
  key: string;
  topic?: string | undefined;
  angle?: Angle | undefined;
  expression?: string | undefined;
  wardrobe?: string | undefined;
  environment?: string | undefined;
  lighting?: string | undefined;
  details?: string | undefined;
  props?: string[] | string | undefined;
  prompt?: string | undefined;
  orientation: Orientation;
  reference_image?: string | undefined;
  reference_images?: string[] | undefined;
  group_id?: string | undefined;
  provider?: LookProviderName | undefined;
  /** heygen: the look HeyGen's new looks are made from; default HEYGEN_BASE_LOOK_ID, else the most alike. */
  base_look_id?: string | undefined;
  model?: string | undefined;
  candidates: number;
  size: ImageSize;
  name?: string | undefined;
  force_new: boolean;
}

export function normalizeRequest(args: CreateLookArgs): CreateLookRequest {
  const text = (value: string | undefined) => value?.trim() || null;
  const props =
    typeof args.props === 'string'
      ? args.props
          .split(/[,;\n]/)
          .map((p) => p.trim())
          .filter(Boolean)
      : (args.props ?? null);
  return {
    key: args.key,
    topic: text(args.topic),
    angle: args.angle ?? null,
    expression: text(args.expression),
    wardrobe: text(args.wardrobe),
    environment: text(args.environment),
    lighting: text(args.lighting),
    details: text(args.details),
    props: props && props.length > 0 ? props : null,
    prompt: text(args.prompt),
    orientation: args.orientation,
    reference_image: describeReferenceInput(args.reference_image),
    reference_images: args.reference_images?.length
      ? args.reference_images.map((item) => describeReferenceInput(item) as string)
      : null,
    group_id: args.group_id ?? null,
    provider: args.provider ?? null,
    base_look_id: args.base_look_id ?? null,
    model: args.model ?? null,
    candidates: args.candidates,
    size: args.size,
    name: text(args.name),
  };
}

/** Field names whose values differ (the key is the same by construction). */
export function requestDifferences(before: Record<string, unknown>, now: CreateLookRequest): string[] {
  return (Object.keys(now) as Array<keyof CreateLookRequest>).filter(
    (field) => field !== 'key' && JSON.stringify(before[field] ?? null) !== JSON.stringify(now[field] ?? null),
  );
}

/** Query parameters of signed URLs (S3, GCS, Azure SAS, CloudFront, generic tokens). */
const SIGNING =
  /^(x-amz-|x-goog-|sig$|signature$|token$|access_token$|expires$|key-pair-id$|policy$|se$|sp$|sv$|sr$|st$|spr$|sip$|skoid$|sktid$|skt$|ske$|sks$|skv$|auth|key$|apikey$|api_key$)/i;

/** A reference as it may be written to disk and compared under a key: no data: payloads, no signed query strings. */
export function describeReferenceInput(value: string | undefined): string | null {
  if (value === undefined) return null;
  const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
  if (/^data:/i.test(value)) return `data:…;sha256=${hash(value)}`;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      // Signing parameters are dropped: a pipeline re-signs the same photo's URL on every call.
      // The others (?id=2) say which photo it is, and stay.
      const kept = [...url.searchParams].filter(([name]) => !SIGNING.test(name));
      const query = new URLSearchParams(kept).toString();
      const dropped = kept.length < [...url.searchParams].length ? `${query ? '&' : '?'}…` : '';
      return `${url.origin}${url.pathname}${query ? `?${query}` : ''}${dropped}`;
    } catch {
      return `url;sha256=${hash(value)}`;
    }
  }
  return value;
}

/** The label a run folder and a look name start with: the name, else the topic, else the key. */
export function lookLabel(request: CreateLookRequest): string {
  return (request.name ?? request.topic ?? request.key).replace(/\s+/g, ' ').trim().slice(0, 60);
}
