// What the sandbox's HeyGen account starts with, known without starting the simulator.

/** The simulator's seeded avatar group: sandbox mode's default HEYGEN_AVATAR_GROUP_ID. */
export const SANDBOX_GROUP_ID = 'grp_sandbox_default';
