import { useEffect } from 'react';

export const SITE_NAME = 'Vitrine';

/** "Cart" → "Cart · Vitrine"; nothing (still loading) → "Vitrine". */
export function pageTitle(title: string | null | undefined): string {
  const t = title?.trim();
  return t ? `${t} · ${SITE_NAME}` : SITE_NAME;
}

/**
 * Names the browser tab (and history, bookmarks, screen readers' page announcement) after
 * the page. Pass null while the name is loading. On leaving, the tab gets back the title it
 * had, so a page without a title of its own does not keep the last one's.
 */
export function usePageTitle(title: string | null | undefined): void {
  const text = pageTitle(title);
  useEffect(() => {
    const before = document.title;
    document.title = text;
    return () => {
      document.title = before;
    };
  }, [text]);
}
