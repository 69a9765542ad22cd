/**
 * A seeded random source, so a scenario that picks "a random moment" can be replayed: the seed is
 * printed with the scenario, and FAULTS_SEED=<seed> repeats it.
 */
export function seededRandom(): { seed: number; next: () => number } {
  const seed = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  let state = seed >>> 0;
  // mulberry32: small, fast and good enough to pick a victim and a moment
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, next };
}
