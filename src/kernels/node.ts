import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { type Flavour, instantiateKernels, type Kernels } from './instantiate.ts';

export type { Flavour, Kernels };

const BUILD_DIR = new URL('../../build/', import.meta.url);

export type FlavourChoice = Flavour | 'auto';

/**
 * Loads the kernels from build/ (made by `npm run build`). 'auto' takes the relaxed-SIMD (FMA) build when
 * this engine validates it and falls back to plain SIMD; Node 20 needs a V8 flag for relaxed SIMD, set here
 * before anything is compiled. The plain build is bit-for-bit deterministic; the relaxed one may fuse.
 */
export async function loadKernels(
  choice: FlavourChoice = 'auto',
  memory?: WebAssembly.Memory,
): Promise<Kernels> {
  if (choice !== 'simd') setFlagsFromString('--experimental-wasm-relaxed-simd');
  const flavour = choice === 'auto' ? await bestFlavour() : choice;
  const bytes = await readKernelBytes(flavour);
  if (!WebAssembly.validate(bytes)) {
    throw new Error(`the ${flavour} kernel build does not validate on this engine`);
  }
  return instantiateKernels(await WebAssembly.compile(bytes), flavour, memory);
}

async function bestFlavour(): Promise<Flavour> {
  return WebAssembly.validate(await readKernelBytes('relaxed')) ? 'relaxed' : 'simd';
}

async function readKernelBytes(flavour: Flavour): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await readFile(new URL(`kernels.${flavour}.wasm`, BUILD_DIR)));
  } catch {
    throw new Error(`build/kernels.${flavour}.wasm is missing: run \`npm run build\``);
  }
}
