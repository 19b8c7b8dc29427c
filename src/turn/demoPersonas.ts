// The people of the demo tenant the local Playground user can act as (src/bot/localActAs.ts); the configuration
// reads DEV_ACT_AS against this list, so it sits below both.
export const DEMO_PERSONAS = ['megan', 'alex', 'lee', 'adele'] as const;
export type DemoPersona = (typeof DEMO_PERSONAS)[number];
