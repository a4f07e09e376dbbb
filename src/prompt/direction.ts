// Creative direction: the recipe's examples, and the looks we fall back on for common topics
// when the agent leaves a field out. Every field here must pass the appearance linter and the
// rules (a unit test holds them to that).

export const CREATIVE_DIRECTION =
  'Be ambitiously creative with environment and outfit. The wardrobe, set and props should ' +
  'viscerally evoke the content\'s theme, not just reference it. Think music-video director, ' +
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
  /** Matched against the topic, case-insensitive. */
  match: RegExp;
}

export const TOPIC_PRESETS: readonly TopicPreset[] = [
  {
    id: 'sleep',
    example: 'the science of sleep',
    match: /\b(sleep|insomnia|dream|dreams|bedtime|circadian|melatonin|nap|naps|rest)\b/i,
    wardrobe: 'An oversized oatmeal cable-knit sweater, cuffs slightly stretched, soft grey lounge trousers',
    environment:
      'Sitting cross-legged on a king bed with rumpled white linen and a chunky knit throw, an amber ' +
      'bedside lamp glowing on the nightstand beside a stack of sleep-science books',
    lighting: 'Soft morning light through sheer curtains from the left, warm 3800K',
    details: 'Rumpled duvet, a half-finished mug of chamomile tea, an open book face-down on the pillow',
  },
  {
    id: 'tech-news',
    example: 'a breaking tech story',
    match: /\b(tech|technology|breaking|startup|silicon|ai|apple|google|openai|nvidia|gadget|launch|announcement|keynote)\b/i,
    wardrobe: 'A charcoal merino crew-neck under an unstructured navy blazer, a press lanyard around the neck',
    environment:
      'Standing in a glass-walled newsroom, monitors behind showing company logos and a red BREAKING ' +
      'ticker, whiteboards with scrawled headlines',
    lighting: 'Cool 5600K daylight from tall windows on the left',
    details: 'Coffee cups and scattered printouts on the desk, cables taped to the floor, fingerprints on the glass',
  },
  {
    id: 'reddit',
    example: 'a Reddit community',
    match: /\b(reddit|subreddit|upvote|forum|online community|internet culture|memes?)\b/i,
    wardrobe: 'A faded orange hoodie over a washed-out grey tee, sleeves pushed up',
    environment:
      'At a messy desk with the Reddit alien logo glowing on dual monitors, orange upvote arrows ' +
      'taped to the wall behind',
    lighting: 'Warm 3000K desk lamp from the right, the monitors adding a faint cool fill',
    details: 'Energy-drink cans, sticky notes on the monitor bezel, a tangled headphone cable',
  },
  {
    id: 'finance',
    example: 'index fund investing',
    match: /\b(finance|money|invest|investing|stocks?|market|markets|crypto|bitcoin|budget|budgeting|savings|economy|inflation)\b/i,
    wardrobe: 'A pale blue oxford shirt with rolled sleeves, a worn leather watch strap',
    environment:
      'A home office with a ticker chart glowing on a laptop, a whiteboard of scribbled numbers and ' +
      'a jar of coins on the desk',
    lighting: 'Late-afternoon window light from the right, warm 4000K',
    details: 'Crumpled receipts, a calculator with a coffee ring beside it, a dog-eared finance paperback',
  },
  {
    id: 'cooking',
    example: 'weeknight cooking',
    match: /\b(cook|cooking|recipe|recipes|food|kitchen|baking|bake|chef|meal|meals|cuisine|nutrition|diet)\b/i,
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
    match: /\b(fitness|workout|gym|exercise|training|running|marathon|yoga|strength|health|wellness)\b/i,
    wardrobe: 'A heather-grey zip-up training jacket over a faded tee, a sweat towel around the neck',
    environment:
      'A worn neighbourhood gym with chalky barbells on the rack behind, a scuffed rubber floor and ' +
      'a whiteboard of handwritten workouts',
    lighting: 'Early-morning daylight from high windows on the right, cool 5000K',
    details: 'Chalk dust on the bench, a dented water bottle, a tangled jump rope on the floor',
  },
  {
    id: 'coding',
    example: 'learning TypeScript',
    match: /\b(code|coding|programming|developer|software|javascript|typescript|python|rust|api|debugging|engineering)\b/i,
    wardrobe: 'A faded black conference tee under an open flannel overshirt',
    environment:
      'A cluttered developer desk with a mechanical keyboard, a terminal full of code on an ultrawide ' +
      'monitor and a rubber duck beside the trackpad',
    lighting: 'Warm 3200K desk lamp from the left, the monitor adding a faint cool fill',
    details: 'Sticky notes with half-crossed-out TODOs, a cold coffee, a nest of USB-C cables',
  },
  {
    id: 'gaming',
    example: 'retro gaming',
    match: /\b(gaming|game|games|gamer|esports|playstation|xbox|nintendo|steam|speedrun)\b/i,
    wardrobe: 'A washed-out graphic tee under an unzipped black hoodie, a headset around the neck',
    environment:
      'A gaming corner with a controller on the desk, game boxes stacked on a shelf behind and a ' +
      'paused game on the monitor',
    lighting: 'Warm 3000K lamp from the right, dim room',
    details: 'Snack wrappers, a tangled controller cable, a half-empty can of soda',
  },
  {
    id: 'travel',
    example: 'backpacking in Portugal',
    match: /\b(travel|trip|journey|backpacking|tourism|destination|abroad|flight|airport|road trip)\b/i,
    wardrobe: 'A rumpled linen overshirt over a white tee, a canvas crossbody bag strap across the chest',
    environment:
      'A window seat of an old train with folded maps on the fold-down table, passing hills blurred ' +
      'outside the window',
    lighting: 'Golden late-afternoon sun through the window from the left, warm 3800K',
    details: 'A crumpled ticket, a dog-eared guidebook, a paper cup of coffee',
  },
  {
    id: 'history',
    example: 'the history of tea',
    match: /\b(history|historical|ancient|war|empire|museum|archive|archaeology|medieval|biography)\b/i,
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
    match: /\b(science|physics|chemistry|biology|space|astronomy|research|lab|laboratory|experiment|climate|neuroscience)\b/i,
    wardrobe: 'A navy crew-neck sweater with pushed-up sleeves, a lanyard badge clipped at the hem',
    environment:
      'A university lab with glassware on the bench, a whiteboard of hand-drawn diagrams and a ' +
      'poster of the night sky behind',
    lighting: 'Neutral 4500K daylight from a window on the right',
    details: 'Scribbled notebook pages, a coffee mug used as a pen holder, tape marks on the whiteboard',
  },
  {
    id: 'music',
    example: 'how vinyl records are made',
    match: /\b(music|song|songs|album|band|guitar|piano|producer|concert|vinyl|hip-hop|jazz)\b/i,
    wardrobe: 'A well-worn denim jacket over a vintage band tee',
    environment:
      'A home studio with a guitar on a stand, egg-crate foam on the walls and a vinyl record ' +
      'leaning against the monitor speakers',
    lighting: 'Warm 2800K lamp from the left, the rest of the room dim',
    details: 'Coiled cables on the floor, lyric sheets with coffee rings, a half-empty mug',
  },
];

/** The fallback look for a topic no preset knows: grounded, lived-in, tied to the topic. */
export function genericDirection(topic: string): LookDirection {
  return {
    wardrobe: 'A soft, slightly wrinkled cotton overshirt in a muted tone over a plain tee, sleeves pushed up',
    environment: `A real, lived-in workspace that evokes ${topic}, with specific props, books and set details about ${topic} in the background`,
    lighting: 'Soft window light from the left, warm 3500K',
    details: 'A half-empty mug, loose papers and a tangled cable on the desk, slightly wrinkled fabric',
  };
}

export function presetFor(topic: string): TopicPreset | undefined {
  return TOPIC_PRESETS.find((preset) => preset.match.test(topic));
}
