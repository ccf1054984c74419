// The page's state lives in the URL's query string, so a link reproduces a view.

/** The current query parameters. */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** Sets (string) or removes (null) query parameters, replacing the history entry (no reload). */
export function setParams(update: Record<string, string | null>): void {
  const params = currentParams();
  for (const [key, value] of Object.entries(update)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  window.history.replaceState(null, '', query === '' ? window.location.pathname : `?${query}`);
}
