// Word lists for the appearance linter. Data only: the rules that use them are in linter/.
// Everything is lower case; hyphenated words are matched whole ("dark-skinned").

export type AppearanceCategory =
  | 'described'
  | 'hair'
  | 'eyes'
  | 'skin'
  | 'age'
  | 'ethnicity'
  | 'build'
  | 'weight'
  | 'height'
  | 'facial-hair'
  | 'face'
  | 'makeup'
  | 'resemblance'
  | 'body-marks'
  | 'condition';

/** What each category means, in the words shown to the model. */
export const CATEGORY_LABELS: Record<AppearanceCategory, string> = {
  described: 'a description of the person (no rule names it; the learned check reads it as their looks)',
  hair: 'hair colour or style',
  eyes: 'eye colour or shape',
  skin: 'skin tone or complexion',
  age: 'age',
  ethnicity: 'ethnicity or nationality of the person',
  build: 'body build',
  weight: 'weight',
  height: 'height',
  'facial-hair': 'facial hair',
  face: 'face shape, facial features or looks',
  makeup: 'makeup on the face',
  resemblance: 'resemblance to someone',
  'body-marks': 'tattoos, scars, piercings or marks on the skin',
  condition: 'a physical condition: pregnancy, a disability or a visible medical condition',
};

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Nouns that name a person: an adjective in front of one of these describes the person. */
export const PERSON_NOUNS = set(`
  man men woman women person persons guy guys girl girls boy boys lady ladies gentleman gentlemen
  male males female females dude dudes lad lads gal gals fellow bloke chap individual adult adults
  teen teens kid kids child youngster host hosts presenter presenters creator creators youtuber
  streamer anchor anchorman anchorwoman newsreader reporter journalist correspondent founder
  entrepreneur ceo executive teacher professor scientist researcher doctor nurse engineer developer
  programmer coder hacker nerd geek gamer chef cook baker athlete runner coach trainer dad mom mum
  mother father grandmother grandfather grandma grandpa granny husband wife boyfriend girlfriend
  subject model speaker narrator influencer vlogger blogger podcaster artist musician singer rapper
  dj student graduate intern worker employee manager analyst investor trader banker lawyer farmer
  sailor soldier pilot traveler traveller tourist explorer hiker climber surfer skater cyclist
  brother sister cousin uncle aunt son daughter twin friend partner colleague mother's father's
  version self myself himself herself themselves yourself me i he she they him
 bartender bartenders waiter waiters waitress waitresses barista baristas bodybuilder bodybuilders
  cowboy cowboys cowgirl firefighter firefighters officer officers cop cops detective mechanic
  carpenter plumber electrician builder gardener florist butcher fishmonger shopkeeper cashier clerk
  librarian pharmacist dentist surgeon vet priest nun pastor rabbi imam dancer dancers ballerina
  actor actress actors comedian magician painter sculptor photographer filmmaker director producer
  editor writer author poet novelist architect tailor dressmaker seamstress barber
  hairdresser stylist bride groom guest guests customer customers passenger passengers shopper
  pedestrian neighbour neighbor stranger strangers commuter commuters 
  footballer wrestler swimmer skier golfer jockey rider driver courier postman farmhand
  rancher lumberjack miner welder captain pirate warrior viking
  grandad granddad nan nana auntie niece nephew toddler toddlers infant newborn 
  pensioner pensioners retiree retirees veteran widow widower bachelor people 
  mum's dad's sibling siblings parent parents grandparent grandparents spouse fiancé fiancée
  bodyguard butler maid housekeeper janitor caretaker porter doorman soldier sergeant
  lifeguard ranger warden sheriff hostess shepherdess shepherd duchess goddess heiress stewardess
  mistress priestess countess
  children kiddies teenagers elders folk folks locals villagers townsfolk townspeople crowds
  drummer drummers piper pipers fiddler fiddlers busker buskers juggler jugglers performer performers
  trumpeter trumpeters vendor vendors stallholder stallholders hawker hawkers labourer
  labourers laborer laborers onlooker onlookers bystander bystanders spectator spectators drinker
  drinkers punter punters reveller revellers reveler revelers partygoer partygoers worshipper
  worshippers pilgrim pilgrims monk monks beggar beggars jogger joggers sunbather sunbathers
  picnicker picnickers visitor visitors patron patrons diners skaters surfers hikers swimmers
  dancers singers musicians rowers divers climbers cyclists tourists students workers nurses doctors
  soldiers sailors teachers farmers fishermen tech techs technician technicians
  patient patients client clients apprentice apprentices mayor witness witnesses referee referees
  goalkeeper goalkeepers goalie striker strikers heckler hecklers contestant contestants resident
  residents co-host co-hosts cohost sous-chef sous-chefs biker bikers sprinter sprinters investors
  teammate teammates opponent opponents boxer boxers coworker coworkers co-worker
  co-workers receptionist paramedic paramedics midwife midwives interviewee interviewees nieces nephews
  bouncer bouncers interns athletes runners coaches chefs hosts presenters volunteer volunteers
  waitstaff shopkeepers cashiers officers fans teenager pilgrims pilgrim cook cooks vendor owner owners everyone everybody mums moms dads adviser advisers advisor advisors consultant consultants
  clown clowns mime mimes mascot mascots entertainer entertainers acrobat acrobats ringmaster santa potter potters
  regular regulars learner learners player players keeper keepers zookeeper instructor instructors trainee
  trainees novice novices beginner beginners recruit recruits member members elder youngsters lass lasses
  fella fellas geezer geezers kiddo tween tweens sitter sitters flatmate roommate housemate classmate duke
  earl baron baroness lord king queen prince princess emperor empress admiral colonel
  attendant attendants assistant assistants teller usher ushers concierge valet nanny babysitter tutor lecturer
  headteacher headmaster headmistress vicar bishop juror jurors solicitor barrister accountant broker realtor
  merchant landlord landlady tenant sommelier grocer greengrocer chauffeur cabbie roofer decorator physio
  groomer umpire defender defenders midfielder winger supporter supporters cheerleader cheerleaders cellist
  heavyweights lightweights middleweights welterweights sparring-partner sparring-partners
  comedians coordinator coordinators facilitator facilitators moderator moderators educator educators
  administrator administrators
  conductor composer puppeteer videographer weaver cobbler jeweller watchmaker clockmaker locksmith blacksmith guide guides dame grandmaster grandmasters bride-to-be
  glassblower curator historian inspector constable examiner invigilator organiser organizer councillor
  brewer brewers distiller winemaker angler anglers ghillie gillie beekeeper beekeepers gamekeeper
  groundskeeper sensei master masters mentor mentee cadet cadets scout scouts crewmate crewmates shipmate
  deckhand skipper caddie farrier carer carers caregiver caregivers orderly medic medics counsellor counselor
  chaplain celebrant officiant registrar mourner mourners pallbearer pallbearers undertaker chorister
  choristers baritone emcee roadie promoter barmaid publican innkeeper hotelier patissier chocolatier
  cheesemonger seller sellers dealer collector reseller auctioneer piercer knitter quilter carver woodworker
  joiner bricklayer plasterer glazier landscaper forester herder milkmaid fisher coastguard doula astronomer
  astronaut astronauts copilot co-pilot navigator steward trucker postie operator supervisor president
  secretary attorney judge bailiff commander lieutenant knight knights squire archer gladiator samurai ninja
  minister preacher deacon missionary congregant parishioner acolyte scholar undergrad bowler quarterback
  fighter fighters lifter lifters weightlifter powerlifter gymnast gymnasts yogi skateboarder skateboarders
  snowboarder mountaineer rambler ramblers camper campers backpacker backpackers holidaymaker holidaymakers
  sightseer commentator pundit interviewer follower followers subscriber subscribers viewer viewers listener
  listeners caller callers understudy choreographer passer-by passers-by passerby villager homeowner newbie
  rookie tot tots adolescent user users
  caterer caterers kitchen-porter baggage-handler flight-attendant purser bellhop chambermaid barback vintner
  grower growers picker pickers forager foragers fishwife tree-surgeon greenkeeper goatherd cowherd swineherd
  dairymaid jackaroo wrangler haulier lorry-driver taxi-driver refuse-collector scaffolder tiler stonemason
  mason cabinetmaker upholsterer fabricator saddler shoemaker milliner hatter embroiderer dyer goldsmith
  silversmith engraver bookbinder typesetter illustrator animator surveyor veterinarian chiropractor osteopath
  dean docent bosun stevedore docker collier logger sawyer confectioner pedlar peddler bookkeeper lodger
  au-pair childminder governess notary embalmer gravedigger masseur masseuse makeup-artist sound-engineer
  compere critic reviewer campaigner protester protesters marcher marchers demonstrator demonstrators
  candidate diplomat ambassador fire-eater fire-eaters sword-swallower stilt-walker stilt-walkers belayer
  falconer falconers weaver weavers
`);

/** Subjects that make "X is tall" / "X looks young" a statement about the person. */
export const PERSON_SUBJECTS = new Set<string>([
  ...PERSON_NOUNS,
  ...set(`i'm im i've he's she's they're you're we're you we their his her my your`),
]);

export const COPULAS = set(`is are am was were be being been looks look looking appears appear seems seem
  'm 's 're stands`);

/** Words that may sit between a subject's verb and the adjective, or inside an adjective chain. */
export const INTENSIFIERS = set(`very quite rather fairly pretty really so extremely slightly a bit little
  kind sort of somewhat rather naturally visibly noticeably relatively super too half part mostly
  fully about around roughly nearly almost maybe probably completely totally entirely already
  strikingly unusually unmistakably clearly obviously distinctly much far even way lot`);

export const DETERMINERS = set(`a an the this that these those his her their my your our its one some`);

/** Colours and tones that, before "hair", "eyes" or "skin", describe the person. */
export const PERSON_COLOURS = set(`
  blonde blond platinum golden honey strawberry auburn ginger red copper brunette brown chestnut
  chocolate black jet-black raven dark darker light lighter grey gray silver white salt-and-pepper
  sandy dirty-blonde ash ashy mousy dyed bleached highlighted ombre pink purple blue green teal
  hazel amber pale fair olive tan tanned bronze bronzed porcelain ebony caramel sun-kissed sunkissed
  rosy ruddy alabaster creamy deep medium swarthy dusky freckled icy steel-blue grey-blue
`);

// ---- hair -------------------------------------------------------------------------------------

/** Nouns that always name a hair style. */
export const HAIR_STYLE_NOUNS = set(`
  hairstyle hairstyles hairdo hairdos haircut haircuts hairline hairlines ponytail ponytails
  pigtails dreadlocks dreads cornrows mohawk mullet afro updo cowlick buzzcut crewcut undercut
  redhead redheads redheaded baldness balding balayage buzz-cut crew-cut pixie-cut bob-cut bowl-cut
  bedhead bed-head quiff quiffs pompadour bouffant mohican fauxhawk man-bun perm perms locs
  tresses side-part side-parting centre-parting center-part middle-part comb-over combover skin-fade high-fade low-fade mid-fade taper-fade drop-fade burst-fade
  high-top-fade hi-top-fade flat-top-fade temple-fade shadow-fade bald-fade afro-fade twist-out twist-outs
  wash-and-go finger-waves bantu-knots flat-top flattop
`);

/** Hair words that are also ordinary nouns: hair only with a hair-ish modifier or a possessive. */
export const HAIR_AMBIGUOUS_NOUNS = set(`bun buns braids braid curls locks bangs fringe ringlets waves
  highlights roots plaits plait crop bob mane coils twists mop silk-press`);

/** After an ambiguous hair noun: a thing, not hair ("crop top", "bob haircut" is caught elsewhere). */
export const HAIR_AMBIGUOUS_OBJECT_NEXT = set(`top tops field fields circle circles rotation dusting
  jacket jackets trim`);

export const HAIR_STYLE_MODIFIERS = set(`
  messy high low top tight sleek loose man half long short shoulder-length chin-length waist-length
  curly wavy straight frizzy thick thin fine coarse flowing silky glossy shiny side-swept swept
  blunt wispy curtain box french fishtail dutch beach beachy natural tousled spiky slicked
  cropped shaggy layered feathered bouncy voluminous unruly tangled choppy sleek asymmetric
  asymmetrical bleached dyed
`);

/** "hair <noun>" that names an object, not the person's hair. */
export const HAIR_OBJECT_NEXT = set(`
  dryer dryers salon salons clip clips tie ties band bands brush brushes spray gel straightener
  straighteners curler curlers net pin pins product products comb combs accessories accessory iron
  dye care serum oil scrunchie scrunchies elastic elastics towel trimmer clippers stylist stylists
  appointment shop commercial ad ads tonic pomade mousse wax powder conditioner shampoo pasta spaghetti
  noodles extension extensions
`);

/** "<noun> hair" that is not the person's. */
export const HAIR_OBJECT_PREVIOUS = set(`cat dog cats dogs pet horse animal doll doll's dog's cat's fake wig`);

/** Right after hair: words that start a hair-style phrase ("hair pulled back into a bun"). */
export const HAIR_STYLE_CONTINUATIONS = set(`
  pulled tied slicked swept pinned brushed cropped cut shaved styled braided tucked worn falling
  flowing loose down up back piled twisted gelled parted buzzed dyed bleached framing in into under
`);

/** What hair can be "in", "into" or "under": a style or a wrap ("hair in a bun"). */
export const HAIR_WRAPS = set(`bun buns ponytail ponytails braid braids knot topknot updo twist plait
  plaits cornrows bob crop beanie cap bandana scarf headscarf towel clip clips claw chignon`);

/** What covers the hair and hides it ("a bandana tied over his hair", "hair tucked under a cap"). */
export const HAIR_COVERS = set(`bandana bandanas scarf headscarf hat cap beanie hood hairnet net towel turban
  headwrap durag du-rag bonnet helmet hijab`);

/** "<modifier> head" that describes hair. */
export const HEAD_HAIR_MODIFIERS = set(`bald shaved shaven buzzed balding`);

// ---- eyes, skin, face -------------------------------------------------------------------------

export const EYE_SHAPE_MODIFIERS = set(`
  almond almond-shaped hooded deep-set wide-set close-set monolid upturned downturned round big
  large small narrow slanted piercing striking bright doe sparkling
`);

/** "-eyed" words that are an expression, not the eyes themselves ("wide-eyed surprise"). */
export const EXPRESSION_EYED = set(`wide-eyed bright-eyed bleary-eyed starry-eyed misty-eyed dewy-eyed
  clear-eyed sleepy-eyed teary-eyed glassy-eyed wild-eyed red-eyed`);

export const FACE_SHAPE_MODIFIERS = set(`
  round oval square heart-shaped long narrow wide chubby thin angular chiseled chiselled soft sharp
  freckled wrinkled baby youthful symmetrical pretty handsome beautiful striking elfin moon gaunt
  full plump triangular diamond-shaped oblong weathered boyish girlish leathery lined craggy
  gaunt sunken
`);

/** Facial features: named with an appearance modifier, they describe the face. */
export const FACE_FEATURES = set(`
  jaw chin nose lips lip mouth forehead brow brows eyebrows eyelashes lashes ears teeth cheeks
  cheek nostrils neck temples
`);

/** Features that are description whenever they are mentioned. */
export const FACE_FEATURES_ALWAYS = set(`jawline jawlines cheekbones dimples dimple`);

export const FEATURE_MODIFIERS = set(`
  strong sharp chiseled chiselled defined square pointed pointy cleft double weak receding high
  prominent full thin plump wide narrow big large small button hooked aquiline roman crooked broad
  flat upturned long short thick bushy arched dark light rosy ruddy chubby hollow sunken round
  pouty heart-shaped bow-shaped gap gapped perfect white freckled angular delicate protruding
  sticking-out buck red pink glossy bold sculpted chunky pierced dimpled crooked greying graying
`);

/** Expression words that make a feature a pose, not a description ("raised eyebrows"). */
export const EXPRESSION_MODIFIERS = set(`raised furrowed knitted lifted pursed parted clenched relaxed
  slight smiling tilted`);

// ---- people words that are description on their own -------------------------------------------

/** Words that describe a person wherever they appear. Map: word → category. */
export const ALWAYS_PERSON: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...[
    ...set(`pensioner pensioners retiree retirees centenarian middle-aged teenager teenagers twenty-something thirty-something
    forty-something fifty-something sixty-something twentysomething thirtysomething
    septuagenarian octogenarian nonagenarian sexagenarian quinquagenarian geriatric`),
  ].map((w) => [w, 'age'] as const),
  ...[...set(`caucasian biracial multiracial mixed-race ethnicity ethnicities`)].map((w) => [w, 'ethnicity'] as const),
  ...[
    ...set(`thickset broad-shouldered barrel-chested big-boned well-built physique physiques bowlegged bow-legged
    knock-kneed pigeon-toed cleavage`),
  ].map((w) => [w, 'build'] as const),
  ...[
    ...set(`beard beards beardless stubble stubbly moustache moustaches moustached neckbeard 'tache tache
    mustache mustaches mustached mustachioed goatee goatees sideburns clean-shaven unshaven
    unshaved mutton-chops muttonchops mutton-chop five-o'clock-shadow soul-patch facial-hair`),
  ].map((w) => [w, 'facial-hair'] as const),
  ...[...set(`freckles freckle freckels complexion complexions`)].map((w) => [w, 'skin'] as const),
  ...[...set(`carrot-top carrot-topped`)].map((w) => [w, 'hair'] as const),
  ...[...set(`glow-up`)].map((w) => [w, 'face'] as const),
  ...[...set(`beer-belly beer-gut pot-belly pot-gut paunch paunchy potbelly love-handles`)].map(
    (w) => [w, 'weight'] as const,
  ),
  ...[...set(`scruff`)].map((w) => [w, 'facial-hair'] as const),
  ...[...set(`grandmother grandfather grandma grandpa granny grandad granddad`)].map((w) => [w, 'age'] as const),
  ...[...set(`good-looking baby-faced`)].map((w) => [w, 'face'] as const),
  ...[...set(`lookalike look-alike lookalikes doppelganger doppelgänger`)].map((w) => [w, 'resemblance'] as const),
  ...[...set(`birthmark birthmarks`)].map((w) => [w, 'body-marks'] as const),
  ...[...set(`hirsute`)].map((w) => [w, 'hair'] as const),
  ...[...set(`double-jointed hypermobile`)].map((w) => [w, 'condition'] as const),
]);

/** "beard <noun>" and similar: an object, not the face ("beard oil on the shelf"). */
export const FACIAL_HAIR_OBJECT_NEXT = set(`oil oils trimmer trimmers balm comb combs brush kit wax
  products product care mug mugs cup cups party print pattern sticker stickers decal`);
export const STUBBLE_FIELD_PREVIOUS = set(`wheat corn barley field straw crop`);

/**
 * Adjectives that describe a person only when they modify or predicate one
 * ("a tall man" but "a tall bookshelf"; "skinny guy" but "skinny jeans").
 */
export const PERSON_ADJECTIVES: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...[
    ...set(`young younger youngish old older oldish aging ageing mature senior teenage youthful
    adolescent wrinkled wrinkly grey-bearded elderly`),
  ].map((w) => [w, 'age'] as const),
  ...[...set(`tall taller short shorter towering diminutive`)].map((w) => [w, 'height'] as const),
  ...[
    ...set(`slim slender skinny thin lean fit athletic toned buff ripped big bigger small large
    heavy curvy curvaceous plus-size plus-sized petite chunky wiry beefy willowy statuesque gangly
    stout hefty bony frail muscular brawny burly stocky lanky scrawny svelte heavyset heavy-set
    rangy strapping hulking lithe gaunt busty buxom bosomy jacked swole`),
  ].map((w) => [w, 'build'] as const),
  ...[...set(`blind deaf`)].map((w) => [w, 'condition'] as const),
  ...[...set(`tubby podgy`)].map((w) => [w, 'weight'] as const),
  ...[...set(`haggard wizened grizzled weathered craggy weather-beaten`)].map((w) => [w, 'age'] as const),
  ...[...set(`fat chubby plump pudgy portly rotund overweight underweight obese pot-bellied`)].map(
    (w) => [w, 'weight'] as const,
  ),
  ...[...set(`bearded`)].map((w) => [w, 'facial-hair'] as const),
  ...[
    ...set(`blonde blond brunette ginger bald grey-haired gray-haired silver-haired white-haired
    fair-haired dark-haired long-haired short-haired curly-haired red-haired`),
  ].map((w) => [w, 'hair'] as const),
  ...[
    ...set(`pale fair ruddy tanned tan dark-skinned light-skinned olive-skinned fair-skinned
    brown-skinned black-skinned white-skinned swarthy freckled bronzed pasty sun-kissed sunkissed
    spray-tanned sunburnt sunburned sun-burnt`),
  ].map((w) => [w, 'skin'] as const),
  ...[...set(`greying graying`)].map((w) => [w, 'hair'] as const),
  ...[
    ...set(`masculine feminine androgynous boyish girlish womanly manly mannish effeminate macho ladylike butch
    girly pretty-boy`),
  ].map((w) => [w, 'face'] as const),
  ...[
    ...set(`handsome beautiful pretty gorgeous attractive cute stunning plain ugly unattractive
    homely rugged chiseled chiselled`),
  ].map((w) => [w, 'face'] as const),
  ...[
    ...set(`asian east-asian south-asian southeast-asian black white brown hispanic latina latino
    latinx latine african african-american afro-caribbean european middle-eastern arab arabic
    indian native indigenous nordic scandinavian mediterranean slavic chinese japanese korean
    south-east-asian middle-eastern north-african west-african east-african native-american
    pacific-islander vietnamese filipino filipina thai indonesian malaysian nigerian kenyan ethiopian ghanaian
    somali mexican brazilian colombian peruvian argentinian cuban puerto-rican italian french german
    irish scottish welsh british english spanish portuguese greek turkish persian iranian russian
    ukrainian polish jewish pakistani bangladeshi sri-lankan nepali egyptian moroccan jamaican
    haitian dutch swedish norwegian danish finnish icelandic caribbean polynesian hawaiian maori
    aboriginal inuit romani american canadian australian levantine lebanese syrian palestinian
    israeli iraqi afghan kurdish armenian balkan celtic anglo-saxon germanic baltic
    melanesian micronesian samoan tongan fijian`),
  ].map((w) => [w, 'ethnicity'] as const),
]);

/**
 * Of those, the ones things take as well ("an old barn", "a tall vase", "a lean steak", "a stunning
 * view"): after a comma they may describe the thing before it, so alone they open no fragment.
 */
export const THING_TOO_ADJECTIVES = set(`young younger youngish old older oldish aging ageing mature senior
  wrinkled wrinkly tall taller short shorter towering diminutive slim slender thin lean fit big bigger
  small large heavy curvy chunky stout hefty ripped hulking willowy wiry toned fat plump rotund blind
  deaf ginger bald pale fair tan beautiful pretty gorgeous attractive cute stunning plain ugly homely
  rugged white black brown weathered craggy weather-beaten sun-kissed sunkissed`);

/** Of those, the ones that can stand alone as a noun for a person ("a blonde in a red coat"). */
export const PERSON_ADJECTIVES_AS_NOUNS = set(`blonde blond brunette redhead latina latino asian
  caucasian`);

/** Person adjectives that also name a style of a look: "Plain: a snowy cabin", "Pretty look: pastels". */
export const STYLE_LABEL_ADJECTIVES = set(`plain pretty beautiful gorgeous stunning natural simple classic`);

/** After an adjective chain: words that continue a description of the subject. */
export const SUBJECT_CONTINUATIONS = set(`wearing in with dressed who sitting standing leaning holding
  looking smiling and`);

// ---- body -------------------------------------------------------------------------------------

export const BODY_PARTS = set(`shoulders shoulder arms arm biceps chest belly stomach tummy waist
  hips legs thighs abs body figure physique torso hands`);

export const BODY_MODIFIERS = set(`broad narrow wide strong muscular toned thin skinny long short big
  large small huge bulging slim slender flat round curvy thick chubby bony lean hairy hourglass
  athletic petite sculpted ripped stocky heavy fit slight weathered wrinkled leathery gnarled
  veiny`);

/** "slight frame", "athletic build": a build noun with one of these in front describes the body. */
export const BUILD_NOUNS = set(`build frame`);
export const BUILD_MODIFIERS = set(`slight slender petite stocky lanky muscular athletic slim thin
  wiry bony heavy medium average sturdy solid small large big broad skinny lean strong tiny
  size-zero`);

/** After a person noun: the phrase is a thing's name ("young adult fiction", "an old man statue"). */
export const PERSON_NOUN_OBJECT_NEXT = set(`fiction novel novels book books section literature series
  genre magazine magazines poster posters figurine figurines doll dolls statue statues painting
  paintings portrait portraits mannequin mannequins action clock clocks mug mugs crack cracks
  fracture table tables chair chairs vinyl record records sticker stickers print prints care routine
  myth myths fact facts
  routines products kit kits uniform uniforms jersey jerseys shirt shirts whistle`);

/** Nouns that always show someone else: "a poster of an old man" is a prop, never the person. */
export const DEPICTION_NOUNS = set(`caricature caricatures comic comics fresco frescoes tapestry
  tapestries effigy waxwork waxworks hologram screenshot meme sticker stickers badge badges
  stamp stamps coin coins banknote banknotes medal medals emblem mascot mascots ornament ornaments
  engraving engravings etching etchings woodcut lithograph puppet puppets doll dolls
  bobblehead bobbleheads cutout cutouts carving carvings poster posters print prints drawing drawings sketch sketches statue
  statues figurine figurines bust busts illustration illustrations cartoon cartoons still stills
  cover covers mural murals sculpture sculptures painting paintings self-portrait self-portraits canvas
  canvases watercolour watercolours watercolor watercolors`);

/**
 * Nouns that may show someone else or be the look itself: "a framed photo of a bearded man on the
 * shelf" is a prop, "Portrait of a Japanese man" describes the image to make.
 */
export const MAYBE_DEPICTION_NOUNS = set(`photo photos photograph photographs picture pictures portrait
  portraits image images shot snapshot polaroid polaroids headshot headshots mugshot mugshots selfie
  selfies snapshots thumbnail thumbnails`);
export const PROP_MODIFIERS = set(`framed old faded vintage small tiny pinned hanging wall family
  black-and-white signed torn yellowed printed taped oil huge giant enormous life-size gilt gilded`);

/**
 * Words before a picture that make it a thing in the scene: a place it is at, or what someone does
 * with it ("she pauses before a huge portrait of ...", "finishing a portrait of ...").
 */
export const PICTURE_HANDLING = set(`before beside near under above behind past towards toward at holds holding
  held finishes finishing finished paints painting painted studies studying admires admiring unveils unveiling
  restores restoring examines examining inspects inspecting frames framing carries carrying hangs hanging`);

/** After an appearance adjective: "a youthful look" describes the person's appearance. */
export const APPEARANCE_NOUNS = set(`look looks appearance glow complexion features face figure physique`);

// ---- makeup -----------------------------------------------------------------------------------

/** Makeup nouns: worn unless they are clearly an object in the scene. */
export const MAKEUP_NOUNS = set(`makeup make-up lipstick lipsticks lipgloss gloss mascara eyeliner
  liner eyeshadow shadow concealer bronzer blusher lashes eyelashes kohl guyliner`);

/** Makeup words that are also ordinary words: makeup only when on the face. */
export const MAKEUP_AMBIGUOUS = set(`blush rouge foundation highlighter contour contouring shimmer
  glitter`);

/** Words that make an ambiguous makeup word cosmetic: "subtle foundation", "a touch of blush", "cakey". */
export const MAKEUP_CUES = set(`subtle sheer matte dewy cakey cakey-looking pancake stage liquid powder
  full-coverage coverage shade shades blended blending streaky natural-looking touch hint dab swipe
  dusting concealer mascara lipstick bronzer orange`);

/** "eye shadow", "lip gloss", "false lashes": the word before that makes MAKEUP_NOUNS apply. */
export const MAKEUP_PAIRS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['shadow', set(`eye`)],
  ['gloss', set(`lip`)],
  ['liner', set(`eye lip winged`)],
  ['lashes', set(`false fake faux mink extensions long thick`)],
  ['eyelashes', set(`false fake faux mink extensions`)],
]);

/** Objects and places that make a makeup word a prop ("a tube of lipstick on the vanity"). */
export const MAKEUP_OBJECT_NEAR = set(`tube tubes bottle bottles jar jars pot pots palette palettes bag
  bags case cases kit kits stick compact compacts brush brushes set box boxes drawer pouch tray
  display shelf ad ads poster posters billboard billboards mark marks stain stains smudge smudges
  print prints remover wipes pencil pencils wand wands swatch swatches sponge sponges mirror mirrors station artist artists tutorial tutorials
  products product counter table vanity dresser desk nightstand sink samples sample organizer shade shades
  range ranges card cards
  collection`);

export const FACE_PLACES = set(`cheeks cheek cheekbones face skin lips lip eyes eyelids lids lid
  eyelashes lashes nose chin forehead brow brows temples jaw jawline`);

// ---- marks ------------------------------------------------------------------------------------

export const TATTOO_WORDS = set(`tattoo tattoos tattooed inked tats tatts tatt tatto tattos tatoo tatoos`);
/** "a back piece", "her chest piece": where a large tattoo sits, named with "piece". */
export const TATTOO_PIECE_PLACES = set(`back chest rib ribs thigh leg arm neck hand stomach sternum shoulder hip`);
/** Before "sleeve" or "piece": what makes it a tattoo, not a garment or a part ("full sleeve", "koi sleeve"). */
export const TATTOO_PIECE_MODIFIERS = set(`full half quarter huge large big whole entire koi tribal japanese
  blackwork full-colour full-color colour color inked tattooed tattoo`);
/** The first part of "<mark>-covered legs", "ink-splattered arms": a body part covered in marks. */
export const MARK_COMPOUND_STARTS = set(`tattoo tattoos tattooed ink inked freckle freckled scar scarred mole`);
export const TATTOO_OBJECT_NEXT = set(`parlour parlor parlours parlors shop shops studio studios flash
  gun guns machine machines sketch sketches poster posters artist artists design designs sign
  needle needles stencil stencils pen pens cartridge cartridges well wells bottle bottles pot pots stain
  stains blot blots jet printer drawing drawings wash`);

// ---- age and height patterns ------------------------------------------------------------------

export const DECADE_WORDS = set(`teens twenties thirties forties fifties sixties seventies eighties
  nineties 20s 30s 40s 50s 60s 70s 80s 90s '20s '30s '40s '50s '60s '70s '80s '90s`);
export const DECADE_QUALIFIERS = set(`early mid late mid-to-late early-to-mid`);

/** After a height and a comma, words that say it is someone's: "6ft 5in, towering over everyone". */
export const HEIGHT_CONTEXT_WORDS = set(`towering towers looming looms dwarfed dwarfing ducking ducks stooping
  stooped hunched craning taller shorter tiny tallest shortest`);
export const HEIGHT_UNITS = set(`ft feet foot cm centimetres centimeters metres meters m inches in '`);
export const NUMBER_WORDS = set(`one two three four five six seven eight nine ten eleven twelve
  thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
  seventy eighty ninety hundred`);

export const RESEMBLANCE_VERBS = set(`look looks looking looked resemble resembles resembling
  resembled resemblance likeness`);
export const RESEMBLANCE_PHRASES = [
  'dead ringer',
  'spitting image',
  'face like',
  'twin of',
  'lookalike of',
  'double of',
  'similar features',
  'similar face',
  'same face as',
  'same features as',
  // Stock types of looks, named with the look they stand for.
  'girl-next-door',
  'boy-next-door',
  'english-rose look',
  'english rose look',
  'surfer-dude look',
  'surfer dude look',
  'leading-man type',
  'leading man type',
  'waif look',
  'matinee idol',
  'matinee-idol',
] as const;

/**
 * Multi-word terms read as one word: the space becomes a hyphen, which keeps every character
 * offset, so findings still point at the text as written.
 */
export const MULTI_WORD_TERMS: readonly RegExp[] = [
  /\b(middle|south|east|southeast|south east|north|west) (eastern|asian|african)\b/gi,
  /\b(african|native|asian|mexican|italian|irish|chinese|korean|japanese) american\b/gi,
  /\b(puerto) (rican)\b/gi,
  /\b(sri) (lankan)\b/gi,
  /\b(pacific) (islander)\b/gi,
  /\b(buzz|crew|pixie|bob|bowl) (cut)\b/gi,
  /\b(mutton) (chops)\b/gi,
  /\b(soul) (patch)\b/gi,
  /\b(best) (man)\b/gi,
  /\b(facial) (hair)\b/gi,
  /\b(five o'clock) (shadow)\b/gi,
  /\b(five) (o'clock)\b/gi,
  /\b(salt) (and) (pepper)\b/gi,
  /\b(beer|pot) (belly|gut)\b/gi,
  /\b(age|liver) (spots)\b/gi,
  /\b(stretch) (marks)\b/gi,
  /\b(beauty) (marks?)\b/gi,
  /\b(tramp) (stamps?)\b/gi,
  /\b(clean) (shaven)\b/gi,
  // Plants named for a person's looks: "old man's beard" (a clematis), "an old man cactus".
  /(?<!\b(an|the|his|her|my|a|their) )\b(old) (man's|man’s) (beard)\b/gi,
  /\b(old)[ -](man) (cactus|cacti)\b/gi,
  /\b(sun) (damage)\b/gi,
  /\b(adam's|adam’s) (apple)\b/gi,
  // "a beauty spot above her lip"; not "a local beauty spot by the lake".
  /\b(beauty) (spots?)(?=[^.;]{0,40}\b(lip|lips|cheek|cheeks|cheekbone|mouth|chin|eye|eyes|nose|jaw)\b)/gi,
  /\b(port)[ -](wine) (stain)\b/gi,
  /\b(double) (chin)\b/gi,
  /\b(bone) (structure)\b/gi,
  /\b(cupid's|cupid’s) (bow)\b/gi,
  /\b(buck) (teeth)\b/gi,
  /\b(limb) (difference)\b/gi,
  /\b(cleft) (palate)\b/gi,
  /\b(middle) (age)\b/gi,
  /\b(love) (handles)\b/gi,
  /\b(hearing) (aids?)\b/gi,
  /\b(down's|down’s|down) (syndrome)\b/gi,
  /\b(side|centre|center|middle) (part|parting)\b/gi,
  /\b(varicose|spider) (veins)\b/gi,
  /\b(eye) (bags)\b/gi,
  /\b(dad) (bod)\b/gi,
  /\b(insulin) (pump)\b/gi,
  /\b(girl|boy) (next) (door)\b/gi,
  /\b(hunched) (back)\b/gi,
  /\b(walking) (frame|stick)\b/gi,
  /\b(mobility) (scooter)\b/gi,
  /\b(power) (chair|wheelchair)\b/gi,
  /\b(club) (foot|feet)\b/gi,
  /\b(skin|high|low|mid|taper|drop|burst) (fade)\b/gi,
  /\b(high-top|hi-top|flat-top|temple|shadow|bald|afro) (fade)\b/gi,
  /\b(silk) (press)\b/gi,
  /\b(finger) (waves)\b/gi,
  /\b(bantu) (knots)\b/gi,
];

/** Hyphenated endings that describe a body part: "big-bellied", "broad-shouldered", "long-necked". */
export const BODY_COMPOUND_ENDINGS =
  /-(bellied|chested|shouldered|hipped|boned|limbed|jawed|cheeked|lipped|nosed|browed|necked|legged|fingered|toothed|faced|figured|waisted|kneed|lidded|lashed|chinned|bodied|built|muscled|featured|complexioned|bosomed|busted|thighed|ankled|wristed|toed|footed|eared|backed|mouthed)$/;

/** Of those, the ones that name a manner, a pose or a garment's cut ("cross-legged", "tight-lipped", "high-waisted"). */
export const BODY_COMPOUND_IDIOMS = set(`cross-legged two-legged four-legged three-legged tight-lipped
  stiff-lipped straight-faced poker-faced stony-faced stone-faced po-faced shame-faced two-faced
  bold-faced bald-faced bare-faced red-faced open-mouthed loud-mouthed foul-mouthed wide-mouthed
  sure-footed flat-footed fleet-footed light-footed bare-footed bare-legged bare-chested
  bare-shouldered off-shouldered one-shouldered dropped-shoulder dog-eared high-backed low-backed
  open-backed hard-backed bare-backed purpose-built custom-built newly-built half-built open-toed
  peep-toed steel-toed closed-toed high-waisted low-waisted drop-waisted v-necked crew-necked
  polo-necked turtle-necked roll-necked scoop-necked high-necked low-necked boat-necked
  round-necked open-necked full-bodied`);

/** What a body or face can be borrowed from: "the physique of a Greek statue", "the face of a Barbie doll". */
export const LIKENESS_FIGURES = set(`statue statues doll dolls god gods goddess goddesses model models mannequin
  superhero angel`);

/** After a clothing size, the part of the body it sizes: "Size 6 frame", "size 12 feet". */
export const SIZED_PARTS = set(`frame figure body feet foot waist hips bust build`);

/** Names of a look's style or material, not of someone: "turn me into Lego", "morph them into Pixar". */
export const STYLE_NAMES = set(`lego pixar disney ghibli claymation minecraft anime manga roblox simpsons muppets
  playmobil barbie-style`);

/** Things that make a resemblance a style reference: "like a Vermeer painting". */
export const STYLE_REFERENCE_NOUNS = set(`painting paintings film films movie movies poster posters set
  still stills scene scenes photo photos shot shots frame frames style portrait portraits
  photograph photographs album cover covers music video videos show episode ad commercial
  palette lighting mood`);

/** Words for how male or female a face reads: "more male", "less feminine", "rugged and manly". */
export const GENDERED_LOOKS = set(`masculine feminine androgynous boyish girlish womanly manly mannish effeminate
  macho ladylike butch girly male female rugged`);

/** Nouns that make a stock figure of what is before them: "the sea-captain type", "a Zendaya vibe". */
export const STOCK_TYPE_NOUNS = set(`type vibe vibes energy look archetype`);

/** Modifiers that make a person noun a stock figure: "the stereotypical librarian". */
export const STEREOTYPE_MODIFIERS = set(`stereotypical stereotypically archetypal quintessential cliche cliché
  clichéd cliched textbook`);

/** Words that, before the verb, make the subject a thing ("the lighting resembles ..."). */
export const THING_SUBJECTS = set(`room set desk wall walls light lighting lamp background kitchen
  office studio space bed scene it everything place table chair shelf bookshelf shelves window
  frame shot photo image building house city sky floor newsroom mood vibe palette colour color
  colours colors tone tones style composition atmosphere decor setup backdrop sofa couch
  mug car street garden view mural poster art artwork painting sculpture statue figurine
  logo screen monitor`);

// ---- whose is it: animals, plants and things that take body words -----------------------------

/**
 * Animals, and figures made in a person's image: they have hair, eyes, ears, bellies and beards of
 * their own ("a wire-haired terrier", "a doll with blonde ringlets"), so any body word can be theirs.
 */
export const ANIMAL_NOUNS = set(`
  drone drones queen-bee worker-bee
  prawn prawns shrimp shrimps lobster lobsters crab crabs
  animal animals pet pets creature creatures critter critters beast beasts cub cubs
  dog dogs doggy puppy puppies pup pups hound hounds mutt mutts terrier terriers retriever retrievers
  labrador labradors lab labs spaniel spaniels poodle poodles dachshund dachshunds husky huskies collie
  collies sheepdog sheepdogs beagle beagles bulldog bulldogs pug pugs greyhound greyhounds whippet
  whippets lurcher lurchers chihuahua chihuahuas corgi corgis dalmatian dalmatians rottweiler
  rottweilers doberman dobermans mastiff mastiffs pointer setter setters schnauzer schnauzers
  shar-pei shar-peis labradoodle labradoodles cockapoo cockapoos pomeranian samoyed malamute akita
  weimaraner vizsla sheltie shih-tzu bichon
  cat cats kitten kittens kitty tomcat tomcats tabby tabbies sphynx
  horse horses pony ponies foal foals mare mares stallion stallions racehorse racehorses
  thoroughbred thoroughbreds mustang mustangs clydesdale donkey donkeys mule mules
  cow cows cattle bull bulls ox oxen bullock heifer pig pigs piglet piglets hog hogs boar boars
  sheep lamb lambs ram rams ewe ewes goat goats billy llama llamas alpaca alpacas camel camels
  chicken chickens hen hens rooster roosters cockerel duck ducks duckling goose geese swan swans
  bird birds parrot parrots budgie budgies canary canaries crow crows raven ravens eagle eagles
  hawk hawks falcon falcons owl owls pigeon pigeons dove doves sparrow sparrows robin robins finch
  finches woodpecker woodpeckers heron herons crane cranes stork storks flamingo flamingos pelican
  pelicans gull gulls seagull seagulls albatross albatrosses penguin penguins ostrich peacock
  peacocks vulture vultures magpie magpies starling starlings wren wrens kingfisher cockatoo
  cockatoos macaw macaws hummingbird puffin puffins
  fish goldfish trout salmon carp koi grouper groupers cod pike perch tuna shark sharks whale whales dolphin dolphins seal seals otter
  otters walrus octopus squid crab crabs lobster lobsters turtle turtles tortoise tortoises frog
  frogs toad toads lizard lizards gecko geckos iguana iguanas snake snakes python dragon dragons
  chameleon crocodile alligator
  bear bears panda pandas koala kangaroo monkey monkeys ape apes gorilla gorillas silverback
  chimp chimps chimpanzee orangutan baboon lemur lion lions lioness tiger tigers leopard leopards
  cheetah jaguar panther lynx wolf wolves fox foxes coyote deer stag stags elk moose reindeer
  giraffe zebra zebras elephant elephants rhino hippo buffalo bison rabbit rabbits bunny bunnies
  hare hares hamster hamsters gerbil gerbils guinea-pig mouse mice rat rats squirrel squirrels
  hedgehog hedgehogs badger badgers beaver raccoon skunk bat bats bee bees wasp wasps hornet
  hornets butterfly butterflies moth moths beetle beetles ant ants spider spiders snail snails
  insect insects blackbird blackbirds thrush thrushes jay jays jackdaw jackdaws rook rooks swift
  swifts lark larks nightingale kestrel kestrels buzzard buzzards osprey egret egrets ibis ibises
  mallard mallards grebe grebes coot coots moorhen plover lapwing curlew godwit sandpiper snipe
  woodcock pheasant pheasants partridge partridges grouse quail cockatiel lovebird toucan hornbill
  kookaburra emu emus booby boobies cormorant cormorants gannet gannets tern terns junco juncos
  bunting warbler warblers wagtail wagtails nuthatch bluebird bluebirds oriole tit tits titmouse
  jackal jackals hyena hyenas meerkat meerkats mongoose weasel weasels stoat ferret ferrets marten
  vole voles shrew shrews dormouse chinchilla capybara armadillo sloth sloths anteater tapir okapi
  warthog wildebeest gazelle gazelles antelope antelopes impala ibex chamois yak yaks gibbon macaque
  mandrill marmoset tamarin wombat platypus dingo wolfhound deerhound pitbull pit-bull staffie
  springer spaniels heeler kelpie shiba chow pekingese maltese yorkie westie scottie dobermann
  alsatian saluki borzoi basset bloodhound foxhound mongrel mongrels moggy siamese maine-coon
  ragdoll bengal gelding colt colts filly fillies dromedary  roe chipmunk possum opossum
  sea-lion porpoise orca eel eels pike perch haddock mackerel sardine sardines herring tuna
  cuttlefish prawn prawns oyster oysters mussel mussels clam clams slug slugs worm worms caterpillar
  caterpillars ladybird ladybirds ladybug dragonfly dragonflies damselfly grasshopper cicada
  cicadas mosquito scorpion terrapin slider skink cobra viper adder boa newt newts salamander
  axolotl jellyfish starfish seahorse goldfinch bullfinch chaffinch greenfinch waxwork waxworks
  bobblehead gnome gnomes
  barbie barbies doll dolls dollie mannequin mannequins statue statues figurine figurines puppet puppets teddy
  teddies toy toys robot robots scarecrow snowman wig wigs bust busts sculpture sculptures dummy dummies
  marionette marionettes effigy effigies
  cartoon cartoons caricature emoji
`);

/** Plants and their parts: "a bald cypress", "a bearded iris", "lamb's ear leaves". */
export const PLANT_NOUNS = set(`
  plant plants tree trees oak oaks pine pines birch birches willow willows cypress palm palms fern
  old-man-cactus old-man-cacti
  ferns cactus cacti succulent succulents flower flowers bloom blooms blossom blossoms rose roses
  tulip tulips lily lilies iris daisy daisies susan susans sunflower sunflowers orchid orchids peony
  peonies lavender moss lichen ivy vine vines shrub shrubs bush bushes hedge hedges grass grasses weed
  weeds reed reeds bamboo sapling saplings seedling seedlings leaf leaves branch branches twig twigs
  stem stems bouquet bouquets bud buds petal petals fruit mushroom mushrooms herb herbs maple maples
  elm elms cedar cedars sequoia redwood redwoods poplar poplars beech hawthorn holly heather thistle
  thistles clover monstera pothos aloe bonsai topiary peas beans pumpkin pumpkins squash gourd
  gourds potato potatoes pepper peppers onion onions garlic lettuce cabbage
  banana bananas oranges lemon lemons lime limes peach peaches plums cherries grape grapes melon
  melons berries strawberry strawberries tomato tomatoes avocado avocados mango mangoes fig figs
  olives pea bean nut nuts walnut walnuts chestnuts acorn acorns cheese sausage sausages ham steak pastry
  pastries croissant croissants doughnut doughnuts bagel bagels
`);

/**
 * Things: objects, furniture, garments, vehicles, places and food. A body word that names their
 * parts or shape ("a big-bellied teapot", "a broad-shouldered coat") is not the person's.
 */
export const OBJECT_NOUNS = set(`
  sarcophagus sarcophagi coffin coffins totem totems gargoyle gargoyles brioche dough bread loaf loaves pastry pastries pumpkin pumpkins orange oranges lemon lemons lime limes plum plums fig figs grape grapes mirror mirrors dial dials watch watches clock clocks storm storms hurricane hurricanes cyclone cyclones typhoon typhoons garlic lettuce lettuces cabbage
  cabbages broccoli cauliflower celery corn
  pear pears apple apples egg eggs ale ales beer beers lager wine wines coffee roast tea whisky
  whiskey luggage baggage mask masks cream creams serum serums balm balms polo polos picture pictures photo photos door doors teapot teapots kettle kettles mug mugs cup cups jug jugs vase vases bowl bowls plate plates bottle
  bottles jar jars pot pots pan pans stove stoves oven ovens fridge radio radios lamp lamps chair
  chairs armchair armchairs sofa sofas couch couches table tables desk desks wardrobe wardrobes
  dresser dressers cabinet cabinets cupboard cupboards shelf shelves bookshelf bookcase bench benches
  stool stools bed beds pillow pillows cushion cushions rug rugs carpet curtain curtains blanket
  blankets towel towels clock clocks watch watches mirror mirrors hourglass tool tools hammer hammers comb
  combs brush brushes roller rollers curler curlers scissors razor razors knife knives fork spoon
  spoons glass glasses spectacles sunglasses bag bags handbag suitcase trunk box boxes basket baskets
  crate crates barrel barrels cans tin tins tube tubes candle candles matches lighter book
  books notebook paperback magazine magazines poster posters painting paintings sign signs car cars
  truck trucks van vans bike bikes bicycle motorbike boat boats ship ships canoe kayak plane planes
  train trains bus tyre tyres tire tires wheel wheels engine machine machines computer laptop phone
  screen screens monitor tv television camera cameras lens lenses tripod microphone mic guitar
  guitars piano pianos violin cello drum drums instrument instruments jacket jackets coat coats
  trench blazer blazers suit suits shirt shirts blouse blouses tee tees t-shirt top tops sweater
  sweaters jumper jumpers cardigan cardigans hoodie hoodies dress dresses gown gowns skirt skirts
  trousers pants jeans chinos shorts leggings tights socks shoes boots heels sneakers trainers sandals
  hat hats cap caps beanie scarf scarves gloves belt belts tie ties vest waistcoat apron uniform
  robe kimono overalls jumpsuit sleeve sleeves collar collars lapel lapels hem pocket pockets button
  buttons zip zipper overcoat overcoats peacoat anorak gilet windbreaker bomber dungarees culottes
  kilt sarong sari kaftan jersey henley tank bodysuit leotard romper pinafore smock tuxedo tux puffer
  shawl stole pullover sweatshirt tracksuit joggers stockings petticoat nightgown pyjamas pajamas
  slippers loafers brogues oxfords pumps flats mules clogs wellies espadrilles stilettos wool cotton
  linen silk denim tweed suede velvet corduroy cashmere satin nylon canvas felt lace jeans bra camisole corset tunic poncho cape parka raincoat fleece
  wall walls door doors window windows floor ceiling roof house houses building buildings tower
  cloud clouds sky skies storm storms moon valley valleys canyon cave caves volcano
  glacier dune dunes peak peaks river rivers stream streams
  lighthouse island beach cliff cliffs rock rocks mountain mountains hill hills moor field fields
  street streets road roads path bridge pub bar cafe café restaurant shop store salon parlour parlor
  parlours parlors studio gym office room kitchen garden yard park station pier jetty dock harbour
  harbor boardwalk fountain stove cake cakes bread loaf pie pies cookie cookies biscuit biscuits
  scone scones glaze pattern prints fabric leather wood stone marble ceramic
 vinyl records seat seats rail rails font typeface logo joint pipe pipes valve hose nozzle needle needles pin pins
  nail-polish handle handles blade blades saws axe spade shovel rake
  kettlebell dumbbell barbell racket umbrella umbrellas kite kites balloon balloons lantern lanterns
  jukebox bucket buckets drawer drawers locker lockers fence fences gate gates railing railings 
   pillar pillars column columns arch arches ladder ladders stair stairs staircase banister
  bannister doorframe beam beams rafter rafters tile tiles brick bricks cobbles pavement kerb curb
  lamp-post lamppost streetlamp streetlight bollard    seesaw trampoline tent tents
  hammock quilt duvet sheet sheets napkin napkins tablecloth saucer saucers teacup teacups pitcher
  decanter carafe flask thermos tumbler goblet chalice urn cauldron wok skillet griddle colander sieve
  whisk ladle spatula grater corkscrew opener tray trays trolley cart wheelbarrow tractor tractors
  lorry scooter moped motorcycle helicopter yacht dinghy raft ferry tram tugboat barge submarine rocket
  satellite telescope microscope globe atlas map maps compass calendar diary journal envelope
  envelopes parcel parcels letter letters ticket tickets receipt coin coins wallet purse keys keyring
   padlock   rope ropes cable cables wire wires   bath bathtub shower toilet
  basin radiator heater cooker hob aga fireplace hearth mantel mantelpiece chimney chimneys log logs
  bonfire campfire barbecue   headphones earbuds keyboard keyboards printer router
  charger   controller joystick ukulele banjo mandolin harp flute clarinet saxophone
  trumpet trombone tuba accordion harmonica xylophone organ cloak veil bonnet beret fedora trilby
  stetson helmet balaclava visor hood hoods mittens sandal sock slipper boot shoe  clog
  wellington wellingtons tabard blouson cagoule mac macintosh trenchcoat waders wetsuit swimsuit
  bikini trunks briefs  lingerie nightdress dressing-gown bathrobe onesie tutu bustier bodice
  girdle garter cufflinks tiepin brooch necklace bracelet bangle anklet earring earrings pendant
  locket tiara goggles monocle
`);

/**
 * Body words a thing can have ("a chair with thin legs", "a bottle with sloping shoulders"): after
 * "with", the owner of these is the noun before it. Hair, skin and eyes are never a thing's.
 */
export const OBJECT_PARTS = set(`frame frames legs leg arms arm neck necks shoulders shoulder waist waists teeth
  tooth temples nose noses mouth mouths lip lips face faces head heads back backs belly
  bellies body bodies feet foot hands hand fingers spine ribs bust ears ear toe toes heel heels knees
  elbow elbows skin hips tongue tongues`);

/** Light and its tools: a bare body word in a clause about light is where it falls ("a kicker grazing the hair"). */
export const LIGHT_WORDS = set(`light lights lighting lit key kicker rim fill backlight backlighting
  sidelight edge-light softbox softboxes strip reflector bounce flash strobe sun sunlight daylight
  lamp glow gobo snoot diffuser octabox catchlight catchlights beam beams spotlight spot fresnel
  tungsten led neon candlelight firelight moonlight sunbeam shaft shafts flare haze`);

/** Nouns that show other people: "a TV ... shows a red-haired newsreader" is not the person. */
export const MEDIA_NOUNS =
  set(`calendar calendars tv television screen screens monitor monitors magazine magazines poster
  posters billboard billboards newspaper newspapers paper book books cover covers painting paintings
  mural murals photo photos photograph photographs picture pictures postcard postcards card cards
  comic comics advert adverts ad ads film films movie movies documentary video videos show laptop
  phone tablet sign signs album flyer leaflet banner`);
export const MEDIA_VERBS = set(`shows show showing showed depicts depict depicting features featuring
  displays display displaying plays playing`);
/** Before a noun that is followed by "of": a made image ("framed sheets of ..."). */
export const MADE_IMAGE_MODIFIERS = set(`framed printed painted drawn sketched illustrated carved
  embroidered woven engraved`);

// ---- the body, feature by feature -------------------------------------------------------------

const tagged = (category: AppearanceCategory, words: string) => [...set(words)].map((w) => [w, category] as const);

/**
 * Parts of the body a descriptor can describe ("long slender fingers", "her legs are long"), with
 * the category a description of each one belongs to.
 */
export const BODY_FEATURES: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged('eyes', `eyes eye eyelids eyelid irises pupils lashes eyelashes`),
  ...tagged(
    'face',
    `face faces nose lips lip mouth chin chins jaw forehead brow brows eyebrows eyebrow
    ears ear earlobes earlobe cheeks cheek nostrils temples teeth tooth canines canine incisors incisor molars gums
    incisor molar premolar premolars eyetooth eyeteeth bone-structure
    t-zone jowls adam's-apple adam’s-apple`,
  ),
  ...tagged('skin', `skin complexion`),
  ...tagged('hair', `scalp crown`),
  ...tagged(
    'build',
    `hands hand fingers finger palms knuckles nails fingernails wrists wrist forearms
    forearm arms arm elbows shoulders shoulder legs leg thighs thigh calves knees knee ankles ankle feet
    breasts boobs fingertips fingertip underarms armpits thumb
    foot toes toenails shins hips bottom bum buttocks backside chest pecs abs biceps bicep bust torso neck collarbone collarbones curves limbs`,
  ),
  ...tagged('weight', `belly stomach tummy waist midriff midsection gut paunch`),
]);

/** Features that are named, not described, where light falls on them ("light grazing the hair"). */
export const BARE_FEATURES = set(`hair jawline jawlines cheekbones cheekbone dimples`);

/**
 * Features that also name common things ("a small chest", "tall palms", "purple irises", "rusty
 * nails"): described only with a possessive, or with a descriptor that is more than a size.
 */
export const AMBIGUOUS_FEATURES = set(`chest temples palms arms calves nails irises iris pupils bust
  canines canine limbs trunk hand crown bottom`);

/** Descriptors that say only how big something is: enough for a body part, not for a chest or palm. */
export const SIZE_WORDS = set(`big bigger large larger small smaller little tiny huge enormous massive
  heavy long longer short shorter wide narrow tall giant`);

/**
 * What a body part looks like: size, shape, texture, tone, marks, age and sex. Before a feature
 * ("long slender fingers") or after it with a verb ("her legs are long") they describe the person.
 * Poses and states (crossed, folded, raised, tired, bare, wet) are not here.
 */
export const BODY_DESCRIPTORS = set(`
  long short big large small tiny huge enormous massive little thick thin slender slim skinny narrow
  broad wide round rounded flat full plump chubby stubby stumpy bony knobbly knobby knotty muscular
  muscly muscled toned sculpted chiselled chiseled defined ripped shredded striated bulging flabby
  saggy sagging loose droopy drooping hairy furry freckled freckly spotted spotty scarred pockmarked
  pitted blemished wrinkled wrinkly lined creased weathered leathery gnarled veiny calloused callused
  rough smooth soft firm delicate dainty elegant graceful shapely petite stocky lanky gangly spindly
  wiry sinewy burly beefy brawny hefty meaty fleshy fat lean powerful athletic trim svelte curvy
  curvaceous voluptuous generous ample buxom crooked bowed bandy uneven asymmetrical asymmetric
  lopsided misshapen swollen puffy bloated protruding prominent pronounced jutting sunken hollow gaunt
  unlined unwrinkled wrinkle-free chapped cracked peeling crepey crepe-like papery paper-thin translucent mottled blotchy sharp pointed pointy angular square hooked aquiline bulbous snub upturned downturned button roman
  cleft dimpled double receding deep-set wide-set close-set almond hooded slanted bushy sparse thinning
  arched wonky gappy gapped buck chipped missing stained yellow yellowing yellowed discoloured
  discolored crowded overlapping perfect flawless clear dewy oily shiny greasy dry flaky ruddy rosy
  flushed sallow pale pallid ashen sunburnt sunburned tanned bronzed masculine feminine manly mannish
  womanly boyish girlish babyish androgynous pretty beautiful handsome attractive ugly plain striking gorgeous
  youthful wizened withered stooped arthritic prosthetic artificial inked tattooed pierced gold golden
  heavy strong weak tapering tapered six-pack bitten bitten-down knock-kneed pigeon-toed baby
  cauliflower lazy glass milky cloudy wandering gauged stretched greying graying grey gray silver
  white salt-and-pepper doughy pasty podgy chunky strapping hulking willowy lithe buff jacked squat
  rotund paunchy crinkly craggy haggard drawn flared veined beaky jowly stumpy rangy tubby fuller slimmer thinner thicker wider narrower sharper stronger smoother paler
  softer straighter whiter bigger smaller longer shorter sizeable sizable considerable off-centre
  off-center shaved waxed hairless squinty sticky-out sticking-out overdrawn overlined
`);

/** Parts of a feature that are also things: "nose — narrower bridge, upturned tip", "hair: lighter ends". */
export const FEATURE_PART_NOUNS = set(`bridge tip tips ends roots lobes lobe`);

/** Besides the person adjectives, traits asked in a degree: "less veiny", "not so squinty", "look less tired". */
export const DEGREE_TRAITS: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged('face', `veiny hollow bulbous squinty puffy jowly saggy droopy blotchy spotty mousy`),
  ...tagged('age', `tired lined crinkly`),
  ...tagged('weight', `flabby`),
  ...tagged('build', `delicate dainty`),
  ...tagged('hair', `frizzy`),
  ...tagged('skin', `sallow freckly crepey`),
]);

/** Comparatives that ask for a feature to be changed for the better: "a nicer nose", "a neater chin". */
export const EVALUATIVE_COMPARATIVES = set(`nicer better neater prettier cuter lovelier`);

/** Descriptors that fit only some features: "stretched earlobes", not "stretched arms". */
export const FEATURE_ONLY_DESCRIPTORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['stretched', set(`earlobes earlobe lobes`)],
  ['gauged', set(`earlobes earlobe lobes ears`)],
  ['lazy', set(`eye eyes`)],
  ['glass', set(`eye eyes`)],
  ['wandering', set(`eye eyes`)],
  ['milky', set(`eye eyes`)],
  ['cloudy', set(`eye eyes`)],
  ['baby', set(`teeth face`)],
  ['gold', set(`tooth teeth canine canines incisor incisors molar molars`)],
  ['pearly', set(`tooth teeth whites`)],
  ['even', set(`tooth teeth`)],
  ['golden', set(`skin complexion`)],
  ['white', set(`teeth tooth skin complexion`)],
  ['grey', set(`skin complexion`)],
  ['gray', set(`skin complexion`)],
  ['silver', set(`skin`)],
  ['salt-and-pepper', set(`scalp`)],
  ['greying', set(`temples brows eyebrows`)],
  ['graying', set(`temples brows eyebrows`)],
  ['yellow', set(`teeth tooth skin nails`)],
  ['bitten', set(`nails fingernails`)],
  ['bitten-down', set(`nails fingernails`)],
  ['hunched', set(`frame back build figure`)],
  ['broken', set(`nose teeth tooth`)],
  ['snaggle', set(`teeth tooth eyetooth eyeteeth incisor incisors canines`)],
  ['crossed', set(`eyes eye`)],
  ['lazy', set(`eye`)],
  ['bow', set(`legs`)],
  ['shaved', set(`scalp head`)],
  ['shaven', set(`scalp head`)],
  ['bad', set(`hip hips knee knees back leg ankle eye`)],
  ['barrel', set(`chest`)],
  ['clouded', set(`eye eyes`)],
  ['thinning', set(`crown hair scalp brows eyebrows`)],
]);

/** Hyphenated endings that make a descriptor of any word: "hawk-like", "moon-shaped", "honey-toned". */
export const DESCRIPTOR_ENDINGS =
  /-(like|shaped|toned|coloured|colored|tinted|stained|spotted|marked|scarred|set|thin|defined|kissed|damaged|lined)$/;

/** Before a verb after a feature: "her ears stick out", "his mouth droops". */
export const FEATURE_SHAPE_VERBS = set(`protrude protrudes protruding droop droops drooping sag sags
  sagging bulge bulges jut juts`);

/** Verbs that link a feature to its description: "her legs are long", "his skin looks sallow". */
export const LINKING_VERBS = set(`is are was were been look looks looked seem seems appear appears remain
  remains stay stays sit sits`);

/** Verbs that ask for what something is to be: "should be", "needs to look", "ought to read as". */
export const MODAL_VERBS = set(`should must could would will can shall might may need needs ought has have
  shouldn't mustn't can't won't`);

/** Marks on the body that are described wherever they are mentioned. Map: word → category. */
export const BODY_CONDITIONS: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged(
    'skin',
    `cellulite varicose-veins spider-veins pallor acne rosacea vitiligo blackheads whiteheads pimples pimple zits sunspots
    age-spots liver-spots eczema psoriasis hyperpigmentation melasma`,
  ),
  ...tagged(
    'body-marks',
    `keloid keloids pockmarks stretch-marks beauty-mark beauty-marks beauty-spot beauty-spots tramp-stamp tramp-stamps piercings
    port-wine-stain`,
  ),
  ...tagged(
    'face',
    `unibrow monobrow overbite underbite veneers nasolabial jowls double-chin cupid's-bow t-zone gummy
    buck-teeth dentures snaggletooth snaggle-toothed gap-toothed snaggleteeth`,
  ),
  ...tagged('age', `middle-age grandmotherly grandfatherly matronly eye-bags under-eye`),
  ...tagged('eyes', `heterochromia strabismus`),
  ...tagged('build', `dad-bod`),
  ...tagged(
    'condition',
    `stoma colostomy catheter arthritis arthritic prosthetic prosthesis prosthetics amputee amputees amputated paralysed
    paralyzed paraplegic quadriplegic scoliosis alopecia palsy parkinson's limb-difference cleft-palate goitre goiter cataract cataracts
    clubfoot club-foot achondroplasia bunion bunions insulin-pump harelip hearing-aid hearing-aids cochlear down's-syndrome down-syndrome hunchback hunchbacked hunched-back dwarfism albinism albino pregnant pregnancy`,
  ),
]);

/** After one of those: a thing named after it ("gummy bears", "a pregnant pause"). */
export const CONDITION_OBJECT_NEXT = set(`bears bear worms sweets candy candies pause treatment
  treatments cream creams product products clinic clinics test tests kit leaflet concealer concealers
  patch patches mask masks serum serums`);

/**
 * Marks and signs that describe the body when they sit on it: "a scar through his eyebrow",
 * "lines around her mouth", "bags under his eyes", "a ring in her lip". Map: word → category.
 */
export const LOCATED_MARKS: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged('age', `lines wrinkles creases furrows folds bags circles`),
  ...tagged(
    'body-marks',
    `slit slits mole moles scar scars scarring spots spot blemishes breakouts patches
    redness marks burn burns bruise bruises veins sunburn sunburns sun-damage`,
  ),
  ...tagged(
    'face',
    `braces aligners retainer filling fillings crown crowns cap caps implant implants grill grills grillz`,
  ),
  ...tagged('facial-hair', `down fuzz`),
  ...tagged('condition', `tremor hunch hump squint`),
]);

/** Jewellery through the skin: only in these places is it a piercing, not an accessory ("a lip ring"). */
export const PIERCING_JEWELLERY = set(`ring rings stud studs bar bars hoop hoops plug plugs barbell
  barbells gauges tunnels`);
export const PIERCING_PLACES = set(`septum lip lips tongue eyebrow eyebrows brow navel nose nostril
  belly-button bellybutton cheek chin earlobe earlobes lobe lobes cartilage helix tragus dermal bridge
  industrial`);
/** After "piercing": it is an adjective ("a piercing gaze", "a piercing whistle"), or a thing. */
export const PIERCING_ADJECTIVE_NEXT = set(`gaze gazes stare stares look looks eyes eye scream screams
  cry cries shriek whistle wind winds cold light sound sounds note notes voice glare blue green grey
  gray black brown hazel studio studios shop shops gun guns needle needles jewellery jewelry kit
  parlour parlor`);

/** Fixed phrases that describe the person wherever they appear. Map: phrase → category. */
export const FIXED_PHRASES: ReadonlyMap<string, AppearanceCategory> = new Map([
  ['face paint', 'makeup'],
  ['smoky eyes', 'makeup'],
  ['smokey eyes', 'makeup'],
  ['a smoky eye', 'makeup'],
  ['a smokey eye', 'makeup'],
  ['face-painted', 'makeup'],
  ['face-paint', 'makeup'],
  ['getting on in years', 'age'],
  ['on in years', 'age'],
  ['advanced in years', 'age'],
  ['long in the tooth', 'age'],
  ['past his prime', 'age'],
  ['past her prime', 'age'],
  ['past their prime', 'age'],
  ['of a certain age', 'age'],
  ['in his prime', 'age'],
  ['in her prime', 'age'],
  ['partially sighted', 'condition'],
  ['visually impaired', 'condition'],
  ['hearing impaired', 'condition'],
  ['hard of hearing', 'condition'],
  ['bun in the oven', 'condition'],
  ['in the family way', 'condition'],
  ['eating for two', 'condition'],
  ['turn back the clock on me', 'age'],
  ['turn back the clock on him', 'age'],
  ['turn back the clock on her', 'age'],
  ['pearly whites', 'face'],
  ['smoky eye', 'makeup'],
  ['smokey eye', 'makeup'],
  ['stretched lobes', 'body-marks'],
  ['stretched earlobes', 'body-marks'],
  ['no spring chicken', 'age'],
  ['silver fox type', 'hair'],
  ['silver fox vibe', 'hair'],
  ['silver fox vibes', 'hair'],
  ['silver fox look', 'hair'],
  ['into a silver fox', 'hair'],
  ['turn back the clock on my face', 'age'],
  ['bottle blonde', 'hair'],
  ['bottle blond', 'hair'],
  ['a tall drink of water', 'height'],
  ['legs for days', 'build'],
  ['junk in the trunk', 'weight'],
  ['a cut crease', 'makeup'],
  ['meat on my bones', 'weight'],
  ['meat on his bones', 'weight'],
  ['meat on her bones', 'weight'],
  ['meat on their bones', 'weight'],
  ['face for radio', 'face'],
  ['dragged through a hedge backwards', 'hair'],
]);

/** Colours a lip is painted: "a dark plum lip", "berry lips". */
export const LIP_COLOURS = set(`plum berry nude coral wine burgundy mauve cherry crimson scarlet matte
  glossy red pink bold brick orange rose fuchsia oxblood vampy gradient ombre ombré`);

/** Hair colours that show age where they grow: "the grey at his temples". */
export const GREYING_WORDS = set(`grey gray silver white salt-and-pepper greying graying silvering
  silvery`);

/** Nouns after "of" that name what a famous person looked like: "the face of a young <name>". */
export const LOOK_NOUNS = set(`face faces features looks look jawline smile eyes build physique body
  profile cheekbones nose complexion hair figure`);

/** After a name: "a <name> type", "<name>'s twin". */
export const NAMED_LOOK_NEXT = set(`type twin double lookalike look-alike doppelganger doppelgänger clone
  sister brother`);

/** Words that end like a person noun but are not one ("ottoman", "abdomen", "consist"). */
export const PERSON_SUFFIX_EXCEPTIONS = set(`ottoman ottomans talisman talismans walkman german roman caiman
  cayman doberman dobermans abdomen abdomens specimen specimens regimen semen omen omens stamen
  stamens acumen albumen bitumen consist persist subsist ramen hymen lumen gravamen rumen`);

/** A clause about water: "choppy waves in the harbour", "curls of surf" are the sea's. */
export const WATER_WORDS = set(`sea seas ocean harbour harbor lake river surf shore beach bay tide
  boat boats pier jetty water waters pond pool canal estuary coast surfers surfer`);

/** Before "tan" as a noun: a tan on the skin, not the colour of a thing ("a deep tan", "her farmer's tan"). */
export const TAN_MODIFIERS = set(`deep light golden dark fake spray spray-on farmer's healthy proper nice even
  bronze bronzed savage serious real permanent deeper darker glowing sun-kissed sunkissed faux summer
  holiday beach`);

/** Dental work that shows: a word near braces or aligners that makes them the teeth's, not trouser braces. */
export const DENTAL_CUES = set(`metal clear invisible train-track orthodontic ceramic lingual elastics bands
  teeth tooth grin smile smiling gums retainer invisalign`);

/** Joints a limb can end at: "her left arm ends just below the elbow". */
export const LIMB_JOINTS = set(`elbow elbows knee knees wrist wrists shoulder ankle ankles hip thigh`);

/** Aids and dressings worn for an injury or a condition: "his arm in a sling", "on crutches". */
export const MEDICAL_AIDS =
  set(`sling cast crutches crutch cane walking-frame walking-stick zimmer splint eyepatch eye-patch bandage bandages
  bandaged`);

/** Features described only after a possessive and a verb: "her body is soft and curvy". */
export const PREDICATE_ONLY_FEATURES = set(`body figure build frame physique`);

/** Verbs that change a feature: "age has thinned his lips", "the sun has bronzed her arms". */
export const SHAPING_VERBS = set(`aged thinned hollowed lined wrinkled weathered creased greyed grayed
  whitened yellowed thickened broadened reddened bronzed tanned sunburnt sunburned freckled
  silvered sagged`);

/** Nouns for how someone looks or smiles: a body compound before them is the person's ("a gap-toothed grin"). */
export const EXPRESSION_NOUNS = set(`smile smiles grin grins gaze stare expression appearance beauty
  presence silhouette stance`);

/** A garment's cut named after a body part: "a polo neck", "an empire waist", "dropped shoulders". */
export const GARMENT_CUTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'neck',
    set(`crew polo turtle roll cowl scoop boat v v- halter mock funnel sweetheart square round
    high low open`),
  ],
  ['waist', set(`empire dropped drop high low mid natural elasticated elastic belted cinched`)],
  ['shoulders', set(`dropped drop padded puff puffed structured raglan cold off`)],
  ['shoulder', set(`dropped drop padded puff puffed structured raglan cold off one`)],
  ['legs', set(`wide straight flared skinny slim tapered cropped`)],
  ['leg', set(`wide straight flared skinny slim tapered cropped`)],
  ['back', set(`open low racer`)],
]);

/** Body-part words whose possessive is only ever an animal's: "the calf's white face", never a leg's. */
export const ANIMAL_POSSESSORS = set(`calf calves`);

/** Materials no person's skin is likened to: a feature made of them is a thing's ("little cardboard faces"). */
export const THING_MATERIALS = set(`cardboard wooden wood tin lego plaster stuffed knitted rag felt cartoon foam
  papier-mache papier-mâché crochet crocheted`);

/** Before a feature: a costume piece worn over the face ("a fake white beard", "a red clown nose"). */
export const COSTUME_WORDS = set(`fake false stick-on stuck-on glue-on clip-on costume novelty joke joke-shop
  fancy-dress clown party-shop toy`);

/** The features a costume piece can be: "a fake beard", "elf ears", not "false eyelashes" (makeup). */
export const COSTUME_FEATURES = set(`beard beards moustache moustaches mustache mustaches tash goatee sideburns
  nose noses ears fangs horns`);

/** A group that counts people: "a row of students", "a gaggle of kids", "a line of residents". */
export const GROUP_NOUNS = set(`row rows group groups crowd crowds line lines class classes bunch handful couple pair
  circle gaggle queue band set party troop troupe squad team teams table tables family families cluster huddle
  semicircle ring panel choir audience`);

/** Verbs that bring in someone's words: what is quoted after them is said, not described. */
export const SPEECH_VERBS = set(`ask asks asking asked say says saying said shout shouts shouting shouted whisper
  whispers whispering whispered call calls calling called yell yells yelling tell tells telling told read reads
  reading sing sings singing sang chant chants chanting reply replies replying replied quip quips quipping joke jokes
  joking`);

/** Materials and toys that make a person noun a figure: "a toy soldier", "a china shepherdess". */
export const FIGURE_MATERIALS =
  set(`gingerbread chocolate marzipan sugar snow toy toys china porcelain plastic wooden cardboard plaster clay paper
  stuffed knitted tin wax ceramic marble bronze stone rag lego cartoon animated painted carved`);

/** After "in the": composition, not the body ("small in the frame"). */
export const FRAMING_NOUNS = set(`frame shot image picture composition foreground background distance
  photo crowd`);

/** What a smile says about the teeth: "a perfectly white smile", "a gummy grin". */
export const SMILE_DESCRIPTORS = set(`white whiter gummy toothless gappy gap-toothed metal braces
  crooked-toothed yellow yellowing lopsided crooked asymmetric asymmetrical wonky snaggle-toothed
  buck-toothed horsey`);

/** Words that say a smile's shape is the face's, not the moment's: "a smile that only ever lifts on the left". */
export const SMILE_SIDE_WORDS = set(`left right side corner`);
export const SMILE_HABIT_WORDS = set(`always only ever naturally permanently`);

/** Descriptors of the skin itself: a body part described with one is the skin's ("freckled shoulders"). */
export const SKIN_DESCRIPTORS = set(`freckled freckly spotted spotty scarred pockmarked pitted blemished
  sunburnt sunburned tanned bronzed pale pallid ruddy rosy flushed sallow ashen oily shiny greasy dry
  flaky dewy clear flawless sun-damaged sun-spotted sun-kissed`);

/** Verbs that edit the body: "slim her face", "smooth out the lines", "whiten his teeth". */
export const EDIT_VERBS = set(`slim thin smooth soften sharpen lighten darken whiten straighten widen
  narrow enlarge shrink plump tone tan bronze reshape contour remove erase hide airbrush
  retouch pluck shave wax dye bleach thicken even fill pin fix brighten shape iron feminise feminize
  masculinise masculinize broaden flatten`);
/** Besides body parts, what such an edit changes: "smooth out the lines", "remove the freckles". */
export const EDIT_TARGETS = set(`lines wrinkles bags circles spots freckles blemishes acne scars scar wart warts
  moles mole jawline cheekbones double-chin jowls pores`);

/** Verbs that add a feature to the person or take one away: "add a nose ring", "give me breasts", "remove my love handles". */
export const FEATURE_EDIT_VERBS = set(`add adds adding give gives giving remove removes removing lose losing
  erase erasing`);
/** Besides BODY_FEATURES, what such an edit adds or takes away, with its category. */
export const ADDED_FEATURES: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged('build', `breasts boobs cleavage six-pack six-packs muscles abs`),
  ...tagged('facial-hair', `beard beards moustache mustache goatee stubble sideburns`),
  ...tagged('body-marks', `freckles tattoo tattoos piercing piercings scar scars moles mole birthmark`),
  ...tagged('face', `dimples dimple wrinkles crow's-feet`),
  ...tagged('weight', `double-chin`),
]);
/** Features named in two words: "love handles", "adam's apple", "double chin". Map: first → second. */
export const FEATURE_PAIRS: ReadonlyMap<string, readonly [string, AppearanceCategory]> = new Map([
  ['love', ['handles', 'weight']],
  ["adam's", ['apple', 'face']],
  ['double', ['chin', 'weight']],
  ['dark', ['circles', 'face']],
  ['crow’s', ['feet', 'face']],
  ["crow's", ['feet', 'face']],
  ['crows', ['feet', 'face']],
  ['bingo', ['wings', 'weight']],
]);
/** A feature after "give me" that is an idiom, not a feature: "give me a hand". */
export const GIVEN_IDIOMS = set(`hand hands`);
/** Verbs that take or put weight on in a unit: "take off a stone", "add 30 pounds", "knock off ten kilos". */
export const WEIGHT_EDIT_VERBS = set(`add adding take taking knock knocking shave shaving drop dropping`);
/** A few shades or tones lighter: "a shade or two lighter", "two tones darker". */
export const SHADE_NOUNS = set(`shade shades tone tones`);
export const SHADE_COMPARATIVES = set(`lighter darker paler fairer tanner browner deeper`);

/**
 * Before "a customer's beard", "a model's cheek": a word that makes it what is acted on ("trimming",
 * "onto"), so the feature is that other person's; "has / with / like a dancer's body" describes the person.
 */
export const ACTED_ON_PREPOSITIONS = set(`onto on to into over across from at through around behind beside for
  toward towards against along under off`);
export const LIKENESS_WORDS = set(`has have had having with like got gets as is are was were be being`);

/** Words that negate an edit: "don't slim me down", "do not make me look younger", "never lighten her skin". */
export const NEGATIONS = set(`don't don’t dont didn't won't not never no without avoid nothing`);
/** After a negation, words that start a new ask: "don't change the pose, just make me slimmer". */
export const NEGATION_BREAKS = set(`but instead just only rather though although then except`);
/** Verbs that ask for a change, besides the edit verbs: "make me look younger", "render her older". */
export const CHANGE_VERBS = set(`make makes making made render turn give add remove take knock bulk fatten slim shift
  slimming smoothing smooth whitening lightening darkening airbrushing retouching editing edit change alter age
  de-age ageing aging de-aging de-ageing beautify`);

/** After "crop": where a camera crop cuts the frame ("a tight crop just above the eyebrows"), not a haircut. */
export const FRAME_CROP_NEXT = set(`just above below at from into framing around across through to right`);

// ---- what is left without them ----------------------------------------------------------------

/**
 * Words that carry no scene by themselves: what is left of a text after the appearance is taken
 * out reads as a scene only if it has words beyond these.
 */
export const STOP_WORDS = set(`a an the and or but nor so yet for of in on at to from by with without
  into onto over under above below across along around through between behind beside near off up
  down out about as like than then there here this that these those it its it's he she they we you i
  me him her them us my your his their our mine yours hers theirs is are was were be been being am
  has have had having do does did will would can could should may might must not no nor very quite
  really just also too both either neither each every all any some more most less least much many
  who whom whose which what when where why how while if because although though until unless
  wearing looks look looking seems appears who's she's he's they're i'm you're we're bit lot little`);

/**
 * Words that are left hanging when the phrase after them is taken out ("with", "and", "her", "on"):
 * removed when nothing but punctuation, a line's end or another such word follows.
 */
export const DANGLING_WORDS = set(`a an the his her their my your its our some this that with without
  and or but nor plus wearing having has have had is are was were be being looks look looking appears
  seems who which of in on at to for from by into onto under over around across along through as
  like than very quite slightly so really also both not no always never almost basically literally
  practically naturally clearly visibly noticeably rather somewhat`);

/** Nouns for someone famous for their looks: "the face of a film star". */
export const CELEBRITY_NOUNS = set(`star stars film-star movie-star starlet supermodel icon idol
  celebrity legend pin-up heartthrob`);

/** What a feature can have that shapes it: "her brows have a natural arch", "his nose has a bump". */
export const SHAPE_NOUNS = set(`arch curve bump hook gap kink tilt slant droop cleft dimple dent bend
  crook point upturn overbite underbite glow sheen tint undertone undertones flush`);

/** After "hair": a state of the moment ("his hair is wet from the rain", "hair dripping"). */
export const HAIR_STATES = set(`wet damp dripping soaked sopping sweaty blowing flying whipping
  plastered windswept`);

/** Descriptors that, said of a feature with a verb, are a passing state: "her eyes are wide", "his face is red". */
export const STATE_WORDS = set(`wide red pink flushed stained creased wet`);

/** Descriptors that a fronted feature takes as a treatment or a condition: "brows laminated", "nails ridged". */
export const FRONTED_FEATURE_DESCRIPTORS = set(`laminated microbladed tinted filled ridged brittle unpainted
  bitten close-set wide-set deep-set hooded`);

/** Descriptors that are an expression, not a trait, on these features: "wide eyes". */
export const DESCRIPTOR_EXCEPTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['wide', set(`eyes eye`)],
  ['stained', set(`fingers hands hand finger`)],
  // "the eyes should be sharp" is where the focus falls.
  ['sharp', set(`eyes eye`)],
  // "a signet ring on her little finger": the finger's name, not its size.
  ['little', set(`finger fingers toe toes`)],
]);

/** Thing nouns that are also a person's verbs: after a person noun they are what the person does ("a man ducks"). */
export const VERB_LIKE_NOUNS = set(`ducks duck seals bears bats matches watches plants records prints boxes
  signs drums tops ties crows swallows hawks ships trains fences logs rocks peaks dresses shoes coats
  suits caps pots pans cranes flies swings slides pins rings files hammers brushes combs irons
  mirrors tables chairs benches books fish fishes`);

/** After an ethnicity: the person's looks ("her Mediterranean looks", "Slavic features"). */
export const ETHNIC_LOOK_NOUNS = set(`looks features face complexion colouring coloring skin appearance`);

/** Verbs that ask for the person drawn differently, with no "look": "show him heavier", "render her older". */
export const SHOW_VERBS = set(`show shows showing render renders rendering draw draws drawing depict
  depicts depicting portray portrays portraying paint paints`);

/** Features a colour is a trait of ("her lips are a deep plum"); on others it is paint or mud. */
export const COLOURED_PARTS = set(`skin complexion eyes eye irises brows eyebrows eyebrow lashes
  eyelashes lips lip scalp cheeks cheek nose teeth tooth gums nails fingernails toenails temples`);

/** After a number: a measure, not an age or a weight ("25 minutes", "20 kilos of gear"). */
export const MEASURE_UNITS = set(`minutes minute hours hour days seconds metres meters miles km feet
  steps degrees percent pounds kilos dollars euros points`);

/** Comparatives of the body and what they change: "a little heavier than in the photo". */
export const COMPARATIVE_CATEGORIES: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...tagged('weight', `heavier thinner slimmer fatter skinnier chubbier plumper leaner`),
  ...tagged('age', `younger older`),
  ...tagged('height', `taller shorter`),
  ...tagged('build', `broader fitter`),
]);

/** Words that place someone else in the scene: "a tattooed bartender in the background". */
export const ELSEWHERE_WORDS = set(`background backgrounds extras passers-by passersby crowd nearby`);
/** Places in a scene that are apart from the person: "on the far side of the pitch", "at the next table". */
export const ELSEWHERE_PHRASES =
  /\b(the far (side|end|corner)|the next (table|seat|booth|bench|stall|desk|lane)|further (down|along|up)|out of focus|across the (room|street|road|aisle|bar|square|hall))\b/;

/** Groups of people a scene names before describing its members: "an elderly couple dance — he's ...". */
export const PEOPLE_GROUPS = set(`couple couples pair family families crowd crowds audience team teams squad choir
  troupe troop gaggle group groups party-goers regulars newlyweds chorus cast ensemble crew orchestra
  brigade section class staff band congregation committee panel jury cohort platoon gang posse entourage`);

/** What a title names: "Hair, the original Broadway cast album", "a copy of Freckles and Curls". */
export const TITLED_WORKS = set(`album albums book books novel novels film films movie movies song songs musical
  musicals show shows series magazine magazines record records single play plays poem poems comic podcast track
  lp ep soundtrack opera ballet anthology memoir bestseller`);

/** Looks a person pulls for a laugh ("tongue out, cross-eyed"), and the words that say it is clowning. */
export const PULLED_LOOKS = set(`cross-eyed boss-eyed goggle-eyed`);
export const CLOWNING_WORDS = set(`goof goofing goofy silly blooper bloopers gurning gurn mugging clowning tongue`);
/** Feelings a face can show: "a big surprised face" is an expression, not the face's looks. */
export const EMOTION_WORDS = set(`excited surprised shocked startled stunned amazed astonished happy sad angry cross
  grumpy scared frightened terrified worried puzzled confused bored delighted thrilled disgusted horrified
  embarrassed sheepish cheeky silly goofy sulky sulking pouty grinning beaming smiling laughing crying frowning
  serious brave straight poker thoughtful pensive curious hopeful proud guilty innocent sleepy tired-looking
  disappointed relieved determined focused`);

/** Person nouns of one sex: a man described where the person is only ever "she" is someone else. */
export const MALE_NOUNS = set(
  `man men guy guys boy boys lad lads gentleman gentlemen bloke blokes chap fella father dad husband son brother uncle grandfather grandpa king prince duke`,
);
export const FEMALE_NOUNS = set(
  `woman women girl girls lady ladies mother mum mom wife daughter sister aunt grandmother grandma queen princess duchess brunette blonde`,
);
/** Words that cast the person as someone ("make her a man with a beard", "show him as a woman"). */
/** Hair that is worn, not grown: what a colon after these says is the wig's ("wig on a stand: long waves"). */
export const WIG_WORDS = set(`wig wigs hairpiece hairpieces toupee toupees`);

/** Titles before a name: "Dr Okafor", "Mr Fenwick", "Chef Tomasz". */
export const PERSON_TITLES = set(`dr mr mrs ms miss prof professor chef coach captain sir dame`);

/** Made, not grown: a smile or grin so described is a thing's ("a carved toothless grin"). */
export const MADE_SMILE_WORDS = set(`carved stitched painted drawn sewn embroidered felt plastic wooden knitted
  printed`);

/**
 * Before someone a "who" clause goes on about: a preposition of place or company, or a verb of doing
 * something to or with them ("helps Mr Fenwick, who ...", "across from the guest, who ...").
 */
export const RELATIVE_OBJECT_LEADS = set(`from with beside behind alongside opposite near next to towards toward at
  past across between among help helps helping helped meet meets meeting greet greets greeting hug hugs
  hugging interview interviews interviewing thank thanks thanking serve serves serving teach teaches
  teaching coach coaches coaching watch watches watching join joins joining visit visits visiting tend
  tends tending treat treats treating feed feeds feeding dance dances dancing chat chats chatting talk
  talks talking examine examines examining assist assists assisting guide guides guiding welcome
  welcomes welcoming introduce introduces introducing`);

export const CASTING_WORDS = set(
  `make makes turn turns into as become becomes like show shows give gives render transform swap change want wants`,
);

/** Plurals of person nouns that name something else: shoes, or a pregnancy's count ("expecting twins"). */
export const NOT_PEOPLE_PLURALS = set(`trainers twins`);

/** Relatives and companions: "her grandmother", "his sister", "my toddler" is someone else than the person. */
export const KIN_NOUNS = set(`mother father mum mom dad mother's father's grandmother grandfather grandma grandpa
  granny grandad granddad nan nana brother sister brothers sisters sibling siblings cousin cousins uncle aunt
  auntie son sons daughter daughters twin niece nephew husband wife boyfriend girlfriend partner spouse fiancé
  fiancée friend friends colleague colleagues toddler baby kid kids child children grandchild grandson
  granddaughter parent parents grandparents neighbour neighbor boss mate mates bride groom best-man
  bridesmaid bridesmaids
  brother-in-law sister-in-law mother-in-law father-in-law son-in-law daughter-in-law in-laws stepmother
  stepfather stepson stepdaughter stepbrother stepsister grandkids grandchildren aunts uncles nieces nephews`);

/** Words after which a person noun is placed with a thing ("a woman in a wheelchair", "a jogger on blades"). */
export const PERSON_LINKS = set(`with in on wearing who whose`);

/** Person nouns that may well name the pictured person themselves; a role noun ("the barber") rarely does. */
export const GENERIC_PERSON_NOUNS = set(`man men woman women person persons people guy guys girl girls boy boys lady
  ladies gentleman gentlemen male males female females dude dudes lad lads gal gals fellow fella bloke chap
  individual adult adults teen teens kid kids child youngster subject model version self`);
/** Roles someone has towards the speaker who serves, teaches or hosts them: never the speaker. */
export const SERVED_ROLES = set(`client clients patient patients customer customers guest guests student students
  pupil pupils passenger passengers visitor visitors learner learners trainee trainees viewer viewers caller callers
  interviewee interviewees resident residents diner diners`);
/** Before a plain person noun, words that make it a role: "a flower girl", "the paper boy", "a delivery man". */
export const ROLE_MODIFIERS = set(`flower paper delivery sales cover chorus show ball page weather bin milk post
  ice-cream lollipop camera sound cabin errand stable farm shop choir altar`);

/** Verbs of an instruction to keep the person as they are ("leave his hair ...", "do not alter her skin tone"). */
export const KEEP_VERBS = set(`keep keeps leave preserve retain maintain alter modify change changes touch use
  faithful match`);

/** Words that, after bare features, say they stay as they are ("... untouched", "exactly as they are"). */
export const KEPT_STATES = set(`unchanged untouched unaltered alone identical intact same exactly precisely
  one-to-one as-is faithfully`);

/** Words between a keep verb and the features that make the features the change ("keep ... except my hair"). */
export const KEEP_EXCEPTIONS = set(`except but only make give turn add`);

/** Feature words that an instruction to keep them may name bare, and the words that join them in a list. */
export const KEPT_FEATURE_WORDS = set(`hair hairstyle hairline face faces features feature skin tone tones colour
  curls waves coils locs braids afro
  color age weight body build shape figure height beard moustache mustache stubble eyes eyebrows brows
  makeup make-up tattoos tattoo piercings piercing freckles wrinkles teeth smile complexion facial
  likeness identity and or the same my his her their your me him them own physique texture including
  subject's person's`);

/** How a text names the pictured person apart from the people around them ("the subject walks in"). */
export const SUBJECT_NAMES = set(`subject subject's user`);
/** Roles a video's own pictured person goes by: "the host interviews a pregnant woman". */
export const PRESENTER_ROLES = set(`host presenter narrator anchor newsreader vlogger youtuber streamer
  creator influencer podcaster speaker`);

/** Nouns for a topic or a product: a body word "of" or "for" them is what they are about ("causes of acne"). */
export const TOPIC_NOUNS =
  set(`shades range ranges cause causes treatment treatments symptom symptoms sign signs explainer
  explainers article articles lecture lectures talk guide guides tutorial tutorials video videos vlog vlogs
  podcast diagram diagrams chart charts infographic leaflet leaflets pamphlet brochure cure cures remedy
  remedies research study studies campaign awareness shampoo shampoos conditioner conditioners cream
  creams serum serums product products routine routines tips advice clinic clinics textbook lesson
  lessons class course documentary history science biology anatomy screening ad ads advert commercial
  brand brands range line kit kits salon salons poster posters book books magazine magazines`);

/** What a video, an event or a place is, after a body or beauty word that is its subject ("lipstick review", "acne myths"). */
export const GENRE_NOUNS = set(`review reviews haul hauls channel channels convention conventions expo expos fair
  fairs myth myths episode episodes series segment segments special specials tutorial tutorials masterclass
  workshop workshops launch launches unboxing giveaway giveaways swatches dupe dupes challenge challenges podcast
  podcasts vlog vlogs explainer explainers awareness clinic clinics studio studios parlour parlors parlor shop
  shops brand brands collection collections trend trends comparison comparisons test tests demo demos`);

/** What "than" may compare the person with: "darker than in the photo", "than in my reference". */
export const REFERENCE_NOUNS = set(`reference ref photo photos photograph picture pic pics original selfie selfies
  headshot upload uploads image images snapshot portrait source`);

/** Conditions named by their device: "a stoma bag", "a prosthetic leg" stay the person's. */
export const DEVICE_CONDITIONS = set(`stoma colostomy catheter prosthetic prosthesis hearing-aid
  hearing-aids cochlear`);

// ---- rules-22: pregnancy, fields, aids, nails, life stages ----------------------------------------

/** Words that always say the person is pregnant: "third trimester", "preggo", "a mum-to-be". */
export const PREGNANCY_WORDS = set(`trimester trimesters preggo preggers preggy mum-to-be mom-to-be mother-to-be
  mums-to-be moms-to-be mothers-to-be mama-to-be momma-to-be`);
/** Words near "the bump" that make it a pregnancy: "remove the bump, she's had the baby". */
export const PREGNANCY_CUES = set(`pregnant pregnancy expecting trimester trimesters baby babies weeks months
  due prenatal antenatal maternity preggo preggers oven crib cot nursery`);
/** Descriptors a pregnancy bump takes: "her big round bump", "a small bump under the blouse". */
export const BUMP_DESCRIPTORS = set(`big round small little tiny huge visible growing neat pregnant baby
  massive bigger rounder noticeable`);
/** After "N months" or "N weeks": still pregnant ("eight months gone", "six months along"). */
export const GESTATION_NEXT = set(`gone along pregnant in`);

/**
 * A label opening a field of a form ("age: 45", "build: stocky"), and what its value says.
 * Map: label → category.
 */
export const FIELD_LABELS: ReadonlyMap<string, AppearanceCategory> = new Map([
  ['age', 'age'],
  ['height', 'height'],
  ['weight', 'weight'],
  ['build', 'build'],
  ['body', 'build'],
  ['body-type', 'build'],
  ['physique', 'build'],
  ['figure', 'build'],
  ['frame', 'build'],
  ['ethnicity', 'ethnicity'],
  ['bump', 'condition'],
  ['skin', 'skin'],
  ['complexion', 'skin'],
  ['colouring', 'skin'],
  ['coloring', 'skin'],
  ['hair', 'hair'],
  ['eyes', 'eyes'],
  ['eye', 'eyes'],
]);

/** Labels of a field whose value describes a feature or mark: "wrinkles: deep", "nose: small, straight". */
export const FEATURE_FIELD_LABELS: ReadonlyMap<string, AppearanceCategory> = new Map([
  ...[...set(`wrinkles scars scar moles mole freckles tattoos tattoo piercings birthmark`)].map(
    (w) => [w, 'body-marks'] as const,
  ),
  ...[...set(`nose lips jaw jawline cheekbones cheeks chin teeth forehead ears`)].map((w) => [w, 'face'] as const),
  ...[...set(`brows eyebrows lashes`)].map((w) => [w, 'eyes'] as const),
  ...[...set(`beard moustache mustache stubble`)].map((w) => [w, 'facial-hair'] as const),
  ...[...set(`nails hands feet`)].map((w) => [w, 'build'] as const),
]);
/** Words that describe a mark or feature as a field's value: "wrinkles: deep", "freckles: faint". */
export const FEATURE_FIELD_VALUES = set(`deep faint heavy fine visible prominent subtle pronounced noticeable
  crooked gapped big small large tiny thin full sparse bushy size wide narrow`);
/** A feature field's value that keeps the person as they are: "nose: as in the photo", "teeth: unchanged". */
export const KEPT_FIELD_VALUES = set(`same as unchanged keep kept reference ref original per n/a na none no natural
  default from untouched leave like match matching identical real own`);

/** A second word of a field's label: "skin tone:", "hair colour:", "eye color:", "body type:". */
export const FIELD_LABEL_SECONDS = set(`type shape tone tones colour color colours colors style length texture
  shade undertone undertones`);
/** Words in a field's value that qualify a colour without being one: "skin: warm olive", "eyes: ice blue". */
export const FIELD_VALUE_QUALIFIERS = set(`warm cool neutral ice icy deep light dark medium rich soft natural
  very quite fairly bright pale`);
/** Colours that say a skin, hair or eye colour only as a field's value: "skin: ivory" (not "an ivory vase"). */
export const FIELD_VALUE_COLOURS = set(`ivory beige umber mahogany espresso cocoa mocha peach peachy toffee
  biscuit sand almond walnut cinnamon chestnut platinum emerald sapphire jade topaz turquoise cobalt steel slate
  honey caramel olive copper`);

/** Verbs and prepositions that put a mobility or sensory aid on the person: "uses a cane", "on crutches". */
export const AID_USE_WORDS = set(`uses use using used needs need needing relies relying leans leaning walks
  walking gets getting with on in from`);
/** Aids that, used by someone, show a condition: "uses forearm crutches", "with a white cane". */
export const MOBILITY_AIDS = set(`crutches crutch cane canes wheelchair wheelchairs walker rollator
  walking-frame walking-stick zimmer mobility-scooter power-chair power-wheelchair powerchair hearing-aid hearing-aids
  prosthetic prosthesis`);
/** Before one of those: it is a thing named after it ("a cane chair", "a candy cane", "sugar cane"). */
export const AID_THING_PREVIOUS = set(`candy sugar bamboo rattan wicker toy dog sky street`);
/** After one of those: a thing ("a cane chair", "a wheelchair ramp", "a walker's map"). */
export const AID_THING_NEXT = set(`chair chairs seat seats toad toads sugar ramp ramps lift lifts access iron list
  accessible space spaces basket baskets furniture rack racks`);

/** Descriptors of a manicure: "acrylic nails", "chipped black polish", "French-tipped". */
export const NAIL_DESCRIPTORS = set(`acrylic acrylics gel gels manicured painted polished chipped french
  french-tipped press-on stiletto almond almond-shaped coffin coffin-shaped square-tipped glittery glitter
  long longer bitten chewed bitten-down lacquered varnished`);
export const NAIL_WORDS = set(`nails fingernails toenails nail-polish nail-varnish manicure pedicure`);
/** After a nail word: hardware or a product on a shelf ("nail gun", "nails in a jar"). */
export const NAIL_OBJECT_NEXT = set(`gun guns file files clipper clippers salon salons bar bars bottle bottles
  art kit kits remover polish-remover box boxes jar jars tin tins head heads`);

/** Stages of life a person can be drawn as: "a toddler version of her", "render me as a toddler". */
export const LIFE_STAGE_NOUNS = set(`baby infant toddler child kid teenager teen schoolboy schoolgirl
  pensioner granny grandma grandpa grandad old-man old-woman old-lady pre-teen preteen adolescent`);
/** Verbs that render the person as something: "render me as", "turn her into", "show him as". */
export const RENDER_VERBS = set(`render renders rendered show shows showed draw draws drew paint depict
  depicts imagine picture turn turns turned make makes made reimagine portray recreate generate`);

/**
 * The words of a request rather than of a description: what a short label or a pick among
 * candidates is made of ("Take 1 again", "Look 2 please"). The learned check alone refuses no
 * sentence made only of these and numbers; it needs at least one word that says what is wanted.
 */
export const REQUEST_WORDS = set(`look looks looking make take please pls plz again number no version
  try another one me my i you want like can could would need just get give do it this that the a an
  of for pick option candidate round attempt`);

/**
 * Things made in a face's or a body's likeness: any feature said of them is theirs ("a latex alien
 * mask with bulging eyes", "mannequin heads", "a mummy with a leathery face").
 */
export const LIKENESS_THINGS = set(`mask masks mannequin mannequins dummy dummies mummy mummies skull skulls
  scarecrow scarecrows snowman snowmen robot robots android androids gargoyle gargoyles idol idols
  doll dolls puppet puppets statue statues bust busts figurine figurines sculpture sculptures`);

/**
 * After a body or beauty word, a trade, a product or a crew rather than the person: "makeup brand",
 * "hair and makeup team", "piercing aftercare", "a prosthetics workshop".
 */
export const TRADE_NOUNS = set(`brand brands artist artists team teams department dept crew crews credit
  credits styling stylist stylists launch line range company companies studio studios shop shops
  parlour parlor salon salons workshop workshops lab labs clinic clinics aftercare care course courses
  school academy tutorial tutorials counter counters trailer trailers station stations chair chairs
  kit kits supplies supply business industry trade product products technician technicians designer
  designers masterclass masterclasses class classes lesson lessons demo demos demonstration and &`);
/** Trades that run together with "and" or "&": "hair and makeup", "makeup & prosthetics". */
export const TRADE_WORDS = set(`hair makeup make-up grooming nails prosthetics prosthetic piercing piercings
  tattoo tattoos wardrobe styling sfx`);

/** Words of tone in a photograph: "creamy highlights", "lifted shadows" are the image's, not hair. */
export const TONAL_WORDS = set(`shadows shadow overexposed underexposed exposure grade grading graded contrast
  midtones blacks whites lut film grain portra kodak fuji cinestill stock blown crushed`);

/** Things that have an eye: "a storm with a huge eye", "a needle with a narrow eye". */
export const EYED_THINGS = set(`storm storms hurricane hurricanes cyclone cyclones typhoon typhoons needle
  needles potato potatoes peacock feather feathers`);

/** An animal's possessive that names a part of the person: "crow's feet" are lines by the eyes. */
export const POSSESSIVE_BODY_IDIOMS = set(`crow's crows'`);

/** Plural person nouns that are also garments or shoes: "joggers on a wiry frame" are trousers. */
export const GARMENT_HOMONYMS = set(`joggers runners trainers boxers sliders creepers`);

/** Containers whose plural contents are things: "shelves of prosthetic hands", "a box of fake teeth". */
export const CONTAINER_NOUNS = set(`shelf shelves rack racks box boxes tray trays row rows jar jars bag bags case cases
  bin bins crate crates display pile piles heap drawer drawers`);
/** Meats named for the animal, before its part: "pork cheeks", "beef shin", "lamb shoulder". */
export const MEAT_WORDS = set(`pork beef lamb veal mutton venison chicken duck goat ox pig pigs cod salmon monkfish`);
/** Words in -ing that are no verb: "a wedding", "the morning", "a Viking". */
export const ING_NOUNS = set(`morning evening wedding ceiling building clothing darling sibling pudding stocking
  earring offspring lightning duckling something anything nothing everything icing painting drawing clipping bedding
  seating lighting setting ending opening meeting booking viking string spring awning railing siding landing outing
  saying`);
/** Verbs in -ing that make the speaker someone ("I'm portraying a bald man", "me becoming an old woman"). */
export const BECOMING_VERBS = set(`portraying impersonating cosplaying becoming playing dressing posing channelling
  channeling embodying being looking turning transforming morphing aging ageing going`);
/** What a group named as a clause's subject does: "the chorus are having greasepaint applied", "the cast rehearse". */
export const GROUP_ACTS = set(`are is were was have has having sit sits stand stands wait waits rehearse rehearses
  rehearsing sing sings dance dances perform performs cheer cheers gather gathers watch watches`);
