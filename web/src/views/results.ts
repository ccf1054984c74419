import type { MountView } from '../view.ts';

/** Results viewer: a placeholder until the viewer lands. */
export const mountResults: MountView = (root) => {
  root.innerHTML = '<p>The results viewer is not built yet.</p>';
  return { show: () => {}, hide: () => {} };
};
