// The appearance linter: finds every phrase that describes the person's face or body.
// The reference photo carries the identity; a prompt that also describes it makes the image
// model draw someone else. Pure, synchronous, no dependencies: it runs on every prompt.
// Each rule file flags spans on a shared scan; owner.ts then drops the spans that are not the person's.

import { CATEGORY_LABELS, FIXED_PHRASES, type AppearanceCategory } from '../lexicon.ts';
import { detectAge, detectAgeDifference, detectAgeFragments, detectAgeNumbers, detectAgeWords } from './age.ts';
import { detectBody, detectFeature, detectFeatureSimile, detectFrontedFeature, detectShapeOfFeature } from './body.ts';
import {
  detectBodyEdit,
  detectDegreeOfTrait,
  detectFeatureEdit,
  detectGenderedLook,
  detectMakeLook,
  detectReferenceComparison,
  detectShadeShift,
} from './edits.ts';
import { detectAidInUse, detectField, detectLifeStage, detectNails, detectPregnancy } from './conditions.ts';
import { detectEthnicityPhrases } from './ethnicity.ts';
import { detectEyes, detectFace, detectLooksNoun, detectSkin } from './face.ts';
import { detectHair, detectHairWords } from './hair.ts';
import { detectMakeup, detectPaintedOnFace } from './makeup.ts';
import { detectAlwaysPerson, detectLossesAndAids, detectMarks, detectNamedMarks } from './marks.ts';
import {
  detectBodyComparisons,
  detectBuildWords,
  detectClothingSize,
  detectHeight,
  detectWeight,
  detectWeightChange,
} from './measures.ts';
import { isNegatedEdit } from './negated.ts';
import { isThePersons } from './owner.ts';
import { detectPersonAdjective } from './person-adjective.ts';
import {
  detectBorrowedLook,
  detectLookOfName,
  detectMistakenFor,
  detectNamedLook,
  detectOpeningLikeness,
  detectResemblance,
  detectResemblancePhrases,
  detectStarFace,
  detectStockType,
} from './resemblance.ts';
import { Scan, type Span, tokenize } from './scan.ts';

export type { AppearanceCategory } from '../lexicon.ts';

export interface AppearanceFinding {
  /** The offending words, exactly as written. */
  phrase: string;
  category: AppearanceCategory;
  /** Plain-words name of the category ("hair colour or style"). */
  label: string;
  /** Character offsets of the phrase in the text that was checked. */
  start: number;
  end: number;
}

const DETECTORS = [
  detectMakeLook,
  detectFeature,
  detectNamedMarks,
  detectLossesAndAids,
  detectAgeWords,
  detectAgeFragments,
  detectAgeDifference,
  detectBuildWords,
  detectHairWords,
  detectNamedLook,
  detectLookOfName,
  detectBorrowedLook,
  detectMistakenFor,
  detectBodyComparisons,
  detectStarFace,
  detectBodyEdit,
  detectDegreeOfTrait,
  detectHair,
  detectEyes,
  detectSkin,
  detectFace,
  detectBody,
  detectMakeup,
  detectPaintedOnFace,
  detectMarks,
  detectAlwaysPerson,
  detectPersonAdjective,
  detectAge,
  detectAgeNumbers,
  detectHeight,
  detectWeight,
  detectEthnicityPhrases,
  detectResemblance,
  detectShapeOfFeature,
  detectLooksNoun,
  detectReferenceComparison,
  detectFeatureSimile,
  detectOpeningLikeness,
  detectStockType,
  detectGenderedLook,
  detectFrontedFeature,
  detectWeightChange,
  detectClothingSize,
  detectPregnancy,
  detectAidInUse,
  detectNails,
  detectField,
  detectLifeStage,
  detectFeatureEdit,
  detectShadeShift,
];

/** Every phrase in `text` that describes the person's face or body, in order of appearance. */
export function lintAppearance(text: string): AppearanceFinding[] {
  return judgeAppearance(text).findings;
}

/**
 * The findings, and where the rules found words for a body and set them aside as someone's or
 * something else's ("a customer with a neck tattoo", "a Toby jug shaped like a ruddy-cheeked
 * sailor"): the character offset of each such span.
 */
export function judgeAppearance(text: string): { findings: AppearanceFinding[]; setAside: number[] } {
  const tokens = tokenize(text);
  const scan = new Scan(text, tokens);
  tokens.forEach((token, i) => {
    if (!token.isWord) return;
    for (const detect of DETECTORS) detect(scan, i, token.lower);
  });
  detectResemblancePhrases(scan);
  detectFixedPhrases(scan);
  const setAside: number[] = [];
  const findings = mergeSpans(scan, (span) => {
    const kept = !isNegatedEdit(scan, span) && (span.category === 'resemblance' || isThePersons(scan, span));
    if (!kept) setAside.push(scan.tokens[span.first]?.start ?? 0);
    return kept;
  });
  return { findings, setAside };
}

/** Fixed phrases ("getting on in years"), wherever they appear. */
function detectFixedPhrases(scan: Scan): void {
  const lower = scan.text.toLowerCase().replace(/’/g, "'");
  for (const [phrase, category] of FIXED_PHRASES) {
    for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + phrase.length)) {
      const first = scan.tokens.findIndex((t) => t.start === at);
      const last = scan.tokens.findIndex((t) => t.end === at + phrase.length);
      if (first >= 0 && last >= 0) scan.flag(first, last, category);
    }
  }
}

function mergeSpans(scan: Scan, keep: (span: Span) => boolean): AppearanceFinding[] {
  const spans = scan.spans.filter(keep).sort((a, b) => a.first - b.first || b.last - a.last);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span.first <= previous.last) {
      previous.last = Math.max(previous.last, span.last);
      continue;
    }
    merged.push({ ...span });
  }
  return merged.map(({ first, last, category }) => {
    // Trim stray punctuation at the ends of a span.
    while (first < last && !scan.tokens[first]?.isWord) first += 1;
    while (last > first && !scan.tokens[last]?.isWord) last -= 1;
    const start = scan.tokens[first]?.start ?? 0;
    const end = scan.tokens[last]?.end ?? start;
    return { phrase: scan.text.slice(start, end), category, label: CATEGORY_LABELS[category], start, end };
  });
}
