/**
 * A few screens need no router library: the path is the state, links push history entries, and the back button
 * works. `navigate` is the only way the portal changes screens.
 */
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import type { Session } from './session';

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

/**
 * The parameters of `path` when it matches `pattern` (`/partners/:partnerId`), undefined otherwise. Parameters
 * are decoded; a segment never matches across a slash.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const value = got[i]!;
    if (segment.startsWith(':')) {
      if (!value) return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) return undefined;
  }
  return params;
}

/** A query string from the values that are set, for links to filtered lists (`/alerts?severity=critical`). */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * A feature's screens: the element for a path it owns (lazily loaded, so a screen's code downloads when it is first
 * opened), undefined for a path it does not know. The app asks each feature's table in turn.
 */
export type RouteTable = (path: string, search: URLSearchParams, session: Session) => ReactNode | undefined;
