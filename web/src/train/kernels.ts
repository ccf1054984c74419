/// <reference types="vite/client" />
// The WASM kernels in a browser: the same builds as `npm run build` makes for Node (build/), fetched by URL.
import relaxedUrl from '../../../build/kernels.relaxed.wasm?url';
import simdUrl from '../../../build/kernels.simd.wasm?url';
import { type Flavour, instantiateKernels, type Kernels } from '../../../src/kernels/instantiate.ts';

const BUILDS: [Flavour, string][] = [
  ['relaxed', relaxedUrl],
  ['simd', simdUrl],
];

/**
 * The relaxed-SIMD build where this browser validates it, else the plain SIMD one (as src/kernels/node.ts
 * chooses in Node). The kernels' memory is shared, which a browser allows only on a cross-origin isolated
 * page (COOP/COEP headers, as `emergence serve` sends).
 */
export async function loadBrowserKernels(): Promise<Kernels> {
  if (!globalThis.crossOriginIsolated) {
    throw new Error(
      'training needs a cross-origin isolated page (shared WebAssembly memory): open it with `emergence serve`',
    );
  }
  for (const [flavour, url] of BUILDS) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the ${flavour} kernel build did not load (${response.status})`);
    const bytes = await response.arrayBuffer();
    if (WebAssembly.validate(bytes)) return instantiateKernels(await WebAssembly.compile(bytes), flavour);
  }
  throw new Error('this browser runs neither kernel build: it needs WebAssembly SIMD');
}
