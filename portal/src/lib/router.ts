/**
 * A few screens need no router library: the path is the state, links push history entries, and the back button
 * works. `navigate` is the only way the portal changes screens.
 */
import { useSyncExternalStore, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => notify());

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname + window.location.search,
  );
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, search: url.searchParams };
}

/** For Cloudscape's `onFollow`: a plain click navigates in place; a modified click opens a tab as usual. */
export function followLink(event: CustomEvent<{ href?: string; external?: boolean }>): void {
  const href = event.detail.href;
  if (!href || event.detail.external) return;
  event.preventDefault();
  navigate(href);
}

export function onLinkClick(href: string) {
  return (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}
