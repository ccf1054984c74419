// Online batches drawn inside the kernels' memory, bit for bit as src/task draws them in TypeScript (the
// reference these are tested against): xoshiro128** words (src/task/rng.ts `fill`), Walker alias draws of the
// skills (src/task/alias.ts), uniform task bits (src/task/batch.ts `sampleBatch`), and the targets
// (src/task/labels.ts `batchParities`/`batchLabels`).

/** Fills `count` words at `out` with xoshiro128** outputs from the 4-word state at `state`, and updates it. */
function fillWords(state: usize, out: usize, count: i32): void {
  let s0 = load<u32>(state);
  let s1 = load<u32>(state, 4);
  let s2 = load<u32>(state, 8);
  let s3 = load<u32>(state, 12);
  for (let i = 0; i < count; i++) {
    store<u32>(out + ((<usize>i) << 2), rotl<u32>(s1 * 5, 7) * 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
  }
  store<u32>(state, s0);
  store<u32>(state, s1, 4);
  store<u32>(state, s2, 8);
  store<u32>(state, s3, 12);
}

/**
 * n fresh samples: 2n words into `scratch` for the skills' alias draws (column ⌊w·skills/2^32⌋, kept if the
 * next word is below its threshold, else its alias), then n·words words of task bits, the bits above n_b in
 * each sample's last word cleared with `keep`.
 */
export function sampleOnline(
  state: usize,
  n: i32,
  skills: i32,
  threshold: usize,
  alias: usize,
  words: i32,
  keep: u32,
  scratch: usize,
  skill: usize,
  bits: usize,
): void {
  fillWords(state, scratch, 2 * n);
  for (let i = 0; i < n; i++) {
    const w = scratch + ((<usize>i) << 3);
    const col = <i32>((<u64>load<u32>(w) * <u64>skills) >> 32);
    const accept = <f64>load<u32>(w, 4) < load<f64>(threshold + ((<usize>col) << 3));
    store<i32>(skill + ((<usize>i) << 2), accept ? col : load<i32>(alias + ((<usize>col) << 2)));
  }
  fillWords(state, bits, n * words);
  if (keep != 0xffffffff) {
    const last = bits + ((<usize>(words - 1)) << 2);
    for (let i = 0; i < n; i++) {
      const p = last + ((<usize>(i * words)) << 2);
      store<u32>(p, load<u32>(p) & keep);
    }
  }
}

/**
 * Each sample's target from the parity of its own skill's bits (masks: skills × words): the parity itself
 * (0 even, 1 odd) when `pm` = 0, else +S for even and −S for odd.
 */
export function batchTargets(skill: usize, bits: usize, words: i32, n: i32, masks: usize, pm: i32, S: f32, out: usize): void {
  if (words == 2) {
    // Two words (33 to 64 task bits, Michaud's 50): one 64-bit and and popcount per sample.
    for (let i = 0; i < n; i++) {
      const k = load<i32>(skill + ((<usize>i) << 2));
      const odd = <i32>popcnt<u64>(load<u64>(bits + ((<usize>i) << 3)) & load<u64>(masks + ((<usize>k) << 3))) & 1;
      store<f32>(out + ((<usize>i) << 2), pm ? (odd ? -S : S) : <f32>odd);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = bits + ((<usize>(i * words)) << 2);
    const m = masks + ((<usize>(load<i32>(skill + ((<usize>i) << 2)) * words)) << 2);
    let v: u32 = 0;
    for (let w = 0; w < words; w++) v ^= load<u32>(x + ((<usize>w) << 2)) & load<u32>(m + ((<usize>w) << 2));
    const odd = popcnt<u32>(v) & 1;
    store<f32>(out + ((<usize>i) << 2), pm ? (odd ? -S : S) : <f32>odd);
  }
}
