// The contract between the shell (main.ts) and each view: a view mounts once into its root and is shown or
// hidden as the tabs and the URL change.

/** What the shell gives a view: the URL's query parameters and a way to change them. */
export interface ViewContext {
  /** The current query parameters (read-only: change them with setParams). */
  readonly params: URLSearchParams;
  /** Sets (string) or removes (null) query parameters; replaces the history entry, so no reload. */
  setParams(update: Record<string, string | null>): void;
}

/** A mounted view. */
export interface View {
  show(): void;
  hide(): void;
}

/** Builds a view into `root` (called once, when the page loads). */
export type MountView = (root: HTMLElement, ctx: ViewContext) => View;
