/**
 * The site's navigation: a site switcher when the account has several, and
 * one link per view, the current one marked with `aria-current="page"`. The
 * leads link carries the count of new leads; rights requests the open ones,
 * red when any is overdue.
 */
import { Link, useLocation } from 'wouter-preact';
import type { AdminSite } from '../../protocol/admin';
import { useFormat } from '../i18n/format';
import { useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';

type ViewKey = 'overview' | 'leads' | 'rights' | 'conversations' | 'webhook' | 'snippet';

const views: ReadonlyArray<{ key: ViewKey; path: string }> = [
  { key: 'overview', path: '/' },
  { key: 'leads', path: '/leads' },
  { key: 'rights', path: '/rights' },
  { key: 'conversations', path: '/conversations' },
  { key: 'webhook', path: '/webhook' },
  { key: 'snippet', path: '/snippet' },
];

export function SiteNav({ site, sites }: { site: AdminSite; sites: readonly AdminSite[] }) {
  const texts = useTexts(shellTexts);
  const format = useFormat();
  const [location, navigate] = useLocation();
  const current = (path: string) =>
    path === '/' ? location === '/' : location === path || location.startsWith(`${path}/`);

  return (
    <nav class="site-nav" aria-label={texts.siteNav}>
      {sites.length > 1 && (
        <div class="site-nav__switch">
          <label for="site-switch">{texts.chooseSite}</label>
          <select
            id="site-switch"
            value={site.id}
            onChange={(event) => {
              const next = (event.currentTarget as HTMLSelectElement).value;
              navigate(`~/admin/sites/${next}${location === '/' ? '/' : location}`);
            }}
          >
            {sites.map((option) => (
              <option key={option.id} value={option.id}>
                {option.id}
              </option>
            ))}
          </select>
        </div>
      )}
      {sites.length === 1 && <p class="site-nav__site">{site.id}</p>}
      <ul class="site-nav__links">
        {views.map(({ key, path }) => (
          <li key={key}>
            <Link href={path} aria-current={current(path) ? 'page' : undefined}>
              <span>{texts[key]}</span>
              {key === 'leads' && site.newLeads > 0 && (
                <span class="badge badge--accent">
                  {format.count(texts, 'newLeadsBadge', site.newLeads)}
                </span>
              )}
              {key === 'rights' && site.openRights > 0 && (
                <span class={site.overdueRights > 0 ? 'badge badge--danger' : 'badge'}>
                  {site.overdueRights > 0
                    ? format.count(texts, 'overdueBadge', site.overdueRights)
                    : format.count(texts, 'openBadge', site.openRights)}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
