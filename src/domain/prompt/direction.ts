// Creative direction: the recipe's examples, and the looks we fall back on for common topics
// when the agent leaves a field out. Every field here must pass the appearance linter and the
// rules (a unit test holds them to that).

export const CREATIVE_DIRECTION =
  'Be ambitiously creative with environment and outfit. The wardrobe, set and props should ' +
  "viscerally evoke the content's theme, not just reference it. Think music-video director, " +
  'not corporate photographer.';

/** The three examples of the original recipe, word for word in spirit. */
export const DIRECTION_EXAMPLES = [
  {
    topic: 'Sleep science',
    look: 'cosy knit on a king bed with an amber lamp, books on the nightstand, morning light through sheer curtains',
  },
  {
    topic: 'Breaking tech story',
    look: 'glass newsroom with company logos on monitors behind',
  },
  {
    topic: 'Reddit community',
    look: 'messy desk with the Reddit alien logo glowing on dual monitors, orange upvote arrows on the wall',
  },
] as const;

export interface LookDirection {
  wardrobe: string;
  environment: string;
  lighting: string;
  details: string;
}

export interface TopicPreset extends LookDirection {
  id: string;
  /** A topic this direction is for: offered as a completion, and used in the tests. */
  example: string;
  /** Words and phrases of a topic this direction fits; the direction matching most of them wins. */
  keywords: readonly string[];
}

export const TOPIC_PRESETS: readonly TopicPreset[] = [
  {
    id: 'sleep',
    example: 'the science of sleep',
    keywords: [
      'sleep',
      'sleeping',
      'insomnia',
      'dreams',
      'dreaming',
      'bedtime',
      'circadian',
      'melatonin',
      'naps',
      'napping',
    ],
    wardrobe: 'An oversized oatmeal cable-knit sweater, cuffs slightly stretched, soft grey lounge trousers',
    environment:
      'Sitting cross-legged on a king bed with rumpled white linen and a chunky knit throw, an amber ' +
      'bedside lamp glowing on the nightstand beside a stack of sleep-science books',
    lighting: 'Soft morning light through sheer curtains from the left, warm 3800K',
    details: 'Rumpled duvet, a half-finished mug of chamomile tea, an open book face-down on the pillow',
  },
  {
    id: 'cooking',
    example: 'weeknight cooking',
    keywords: [
      'cook',
      'cooking',
      'recipe',
      'recipes',
      'food',
      'kitchen',
      'baking',
      'bake',
      'chef',
      'meal',
      'meals',
      'cuisine',
      'pie',
      'bread',
      'dinner',
    ],
    wardrobe: 'A flour-dusted canvas apron over a faded navy henley, a tea towel slung over one shoulder',
    environment:
      'A small, busy home kitchen with copper pans hanging behind, a wooden board of chopped herbs ' +
      'and a steaming pot on the stove',
    lighting: 'Soft window light from the left, warm 3500K',
    details: 'Flour on the counter, a splattered recipe card, a half-empty glass of wine',
  },
  {
    id: 'fitness',
    example: 'marathon training',
    keywords: [
      'fitness',
      'workout',
      'workouts',
      'gym',
      'exercise',
      'exercises',
      'training',
      'marathon',
      'yoga',
      'strength',
      'running',
    ],
    wardrobe: 'A heather-grey zip-up training jacket over a faded tee, a sweat towel around the neck',
    environment:
      'A worn neighbourhood gym with chalky barbells on the rack behind, a scuffed rubber floor and ' +
      'a whiteboard of handwritten workouts',
    lighting: 'Early-morning daylight from high windows on the right, cool 5000K',
    details: 'Chalk dust on the bench, a dented water bottle, a tangled jump rope on the floor',
  },
  {
    id: 'finance',
    example: 'index fund investing',
    keywords: [
      'finance',
      'financial',
      'money',
      'invest',
      'investing',
      'investment',
      'stocks',
      'stock market',
      'crypto',
      'bitcoin',
      'budget',
      'budgeting',
      'savings',
      'economy',
      'inflation',
    ],
    wardrobe: 'A pale blue oxford shirt with rolled sleeves, a worn leather watch strap',
    environment:
      'A home office with a ticker chart glowing on a laptop, a whiteboard of scribbled numbers and ' +
      'a jar of coins on the desk',
    lighting: 'Late-afternoon window light from the right, warm 4000K',
    details: 'Crumpled receipts, a calculator with a coffee ring beside it, a dog-eared finance paperback',
  },
  {
    id: 'travel',
    example: 'backpacking in Portugal',
    keywords: [
      'travel',
      'travelling',
      'traveling',
      'trip',
      'backpacking',
      'tourism',
      'destination',
      'abroad',
      'flight',
      'airport',
      'road trip',
    ],
    wardrobe: 'A rumpled linen overshirt over a white tee, a canvas crossbody bag strap across the chest',
    environment:
      'A window seat of an old train with folded maps on the fold-down table, passing hills blurred ' +
      'outside the window',
    lighting: 'Golden late-afternoon sun through the window from the left, warm 3800K',
    details: 'A crumpled ticket, a dog-eared guidebook, a paper cup of coffee',
  },
  {
    id: 'music',
    example: 'how vinyl records are made',
    keywords: ['music', 'song', 'songs', 'album', 'band', 'guitar', 'piano', 'producer', 'concert', 'vinyl', 'jazz'],
    wardrobe: 'A well-worn denim jacket over a vintage band tee',
    environment:
      'A home studio with a guitar on a stand, egg-crate foam on the walls and a vinyl record ' +
      'leaning against the monitor speakers',
    lighting: 'Warm 2800K lamp from the left, the rest of the room dim',
    details: 'Coiled cables on the floor, lyric sheets with coffee rings, a half-empty mug',
  },
  {
    id: 'gaming',
    example: 'retro gaming',
    keywords: ['gaming', 'game', 'games', 'gamer', 'gamers', 'esports', 'playstation', 'xbox', 'nintendo', 'speedrun'],
    wardrobe: 'A washed-out graphic tee under an unzipped black hoodie, a headset around the neck',
    environment:
      'A gaming corner with a controller on the desk, game boxes stacked on a shelf behind and a ' +
      'paused game on the monitor',
    lighting: 'Warm 3000K lamp from the right, dim room',
    details: 'Snack wrappers, a tangled controller cable, a half-empty can of soda',
  },
  {
    id: 'history',
    example: 'the history of tea',
    keywords: [
      'history',
      'historical',
      'ancient',
      'war',
      'empire',
      'museum',
      'archive',
      'archaeology',
      'medieval',
      'biography',
    ],
    wardrobe: 'A moss-green wool cardigan over a collared shirt, reading glasses tucked in the pocket',
    environment:
      'A cramped archive room with towering shelves of leather-bound books, an old map pinned to ' +
      'the wall and a magnifying glass on the table',
    lighting: 'Warm 3000K reading lamp from the left, dusty air',
    details: 'Stacks of yellowed papers, a scratched wooden table, a pencil behind a coffee cup',
  },
  {
    id: 'science',
    example: 'black holes in astronomy',
    keywords: [
      'science',
      'scientific',
      'physics',
      'chemistry',
      'biology',
      'space',
      'astronomy',
      'research',
      'lab',
      'laboratory',
      'experiment',
      'climate',
      'neuroscience',
    ],
    wardrobe: 'A navy crew-neck sweater with pushed-up sleeves, a lanyard badge clipped at the hem',
    environment:
      'A university lab with glassware on the bench, a whiteboard of hand-drawn diagrams and a ' +
      'poster of the night sky behind',
    lighting: 'Neutral 4500K daylight from a window on the right',
    details: 'Scribbled notebook pages, a coffee mug used as a pen holder, tape marks on the whiteboard',
  },
  {
    id: 'coding',
    example: 'learning TypeScript',
    keywords: [
      'code',
      'coding',
      'programming',
      'developer',
      'developers',
      'software',
      'javascript',
      'typescript',
      'python',
      'rust',
      'api',
      'debugging',
    ],
    wardrobe: 'A faded black conference tee under an open flannel overshirt',
    environment:
      'A cluttered developer desk with a mechanical keyboard, a terminal full of code on an ultrawide ' +
      'monitor and a rubber duck beside the trackpad',
    lighting: 'Warm 3200K desk lamp from the left, the monitor adding a faint cool fill',
    details: 'Sticky notes with half-crossed-out TODOs, a cold coffee, a nest of USB-C cables',
  },
  {
    id: 'reddit',
    example: 'a Reddit community',
    keywords: [
      'reddit',
      'subreddit',
      'subreddits',
      'upvote',
      'upvotes',
      'forum',
      'forums',
      'online community',
      'internet culture',
      'meme',
      'memes',
    ],
    wardrobe: 'A faded orange hoodie over a washed-out grey tee, sleeves pushed up',
    environment:
      'At a messy desk with the Reddit alien logo glowing on dual monitors, orange upvote arrows ' +
      'taped to the wall behind',
    lighting: 'Warm 3000K desk lamp from the right, the monitors adding a faint cool fill',
    details: 'Energy-drink cans, sticky notes on the monitor bezel, a tangled headphone cable',
  },
  {
    id: 'tech-news',
    example: 'a breaking tech story',
    keywords: [
      'tech',
      'technology',
      'startup',
      'startups',
      'silicon',
      'openai',
      'nvidia',
      'gadget',
      'gadgets',
      'keynote',
      'smartphone',
      'iphone',
      'chip',
      'chips',
      'announcement',
    ],
    wardrobe: 'A charcoal merino crew-neck under an unstructured navy blazer, a press lanyard around the neck',
    environment:
      'Standing in a glass-walled newsroom, monitors behind showing company logos and a red BREAKING ' +
      'ticker, whiteboards with scrawled headlines',
    lighting: 'Cool 5600K daylight from tall windows on the left',
    details: 'Coffee cups and scattered printouts on the desk, cables taped to the floor, fingerprints on the glass',
  },
];

/**
 * The fallback look for a topic no direction fits: a concrete, lived-in set an image model can
 * draw, with objects about the topic on the desk. Without a topic (or with one that must not go
 * into the prompt), the same set without them.
 */
export function genericDirection(topic: string | undefined): LookDirection {
  return {
    wardrobe: 'A soft, slightly wrinkled cotton overshirt in a muted tone over a plain tee, sleeves pushed up',
    environment:
      'A lived-in home office with a crowded bookshelf behind, a corkboard of pinned notes' +
      (topic ? ` and a few objects about ${topic} on the desk` : ' and a desk lamp'),
    lighting: 'Soft window light from the left, warm 3500K',
    details: 'A half-empty mug, loose papers and a tangled cable on the desk, slightly wrinkled fabric',
  };
}

/** The direction whose keywords the topic matches most; ties go to the earlier one. */
export function presetFor(topic: string): TopicPreset | undefined {
  const words = ` ${topic.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  let best: TopicPreset | undefined;
  let bestScore = 0;
  for (const preset of TOPIC_PRESETS) {
    const score = preset.keywords.filter((keyword) => words.includes(` ${keyword} `)).length;
    if (score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}
