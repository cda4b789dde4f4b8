import { Link, NavLink } from 'react-router-dom';

export interface SectionTab {
  to: string;
  label: string;
  /** Whether the tab is the current section; left out, the tab is current on its own URL. */
  active?: boolean;
}

/** A console's section tabs. */
export function SectionTabs({ label, tabs, className }: { label: string; tabs: readonly SectionTab[]; className?: string }) {
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
