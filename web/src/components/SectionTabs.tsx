import { Link, NavLink, useLocation } from 'react-router-dom';
import { usePageTitle } from '../lib/title';

export interface SectionTab {
  to: string;
  label: string;
  /** Whether the tab is the current section; left out, the tab is current on its own URL. */
  active?: boolean;
}

/** A console's section tabs; with `title` (the console's name), they name the page "Section · Console". */
export function SectionTabs({
  label,
  tabs,
  className,
  title,
}: {
  label: string;
  tabs: readonly SectionTab[];
  className?: string;
  title?: string;
}) {
  const { pathname } = useLocation();
  const current = tabs.find((t) => t.active ?? (pathname === t.to || pathname.startsWith(`${t.to}/`)));
  usePageTitle(title ? (current ? `${current.label} · ${title}` : title) : null);
  return (
    <ul className={className ? `nav nav-tabs mb-3 ${className}` : 'nav nav-tabs mb-3'} aria-label={label}>
      {tabs.map((tab) => (
        <li key={tab.to} className="nav-item">
          {tab.active === undefined ? (
            <NavLink className="nav-link" to={tab.to}>
              {tab.label}
            </NavLink>
          ) : (
            <Link className={tab.active ? 'nav-link active' : 'nav-link'} aria-current={tab.active ? 'page' : undefined} to={tab.to}>
              {tab.label}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
