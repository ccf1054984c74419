import type { MountView } from '../view.ts';

/** Train in the browser: a placeholder until the trainer view lands. */
export const mountTrain: MountView = (root) => {
  root.innerHTML = '<p>Training in the browser is not built yet.</p>';
  return { show: () => {}, hide: () => {} };
};
