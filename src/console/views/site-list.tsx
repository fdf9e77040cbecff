/** The start page: the sites this account may see, with what waits in each. */
import { Link } from 'wouter-preact';
import { useAccount } from '../api/client-context';
import { PageHeading } from '../components/page-heading';
import { useFormat } from '../i18n/format';
import { useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';

export function SiteList() {
  const texts = useTexts(shellTexts);
  const format = useFormat();
  const { account } = useAccount();
  return (
    <section>
      <PageHeading title={texts.sitesTitle} />
      {account.sites.length === 0 ? (
        <p>{texts.noSites}</p>
      ) : (
        <>
          <p class="muted">{texts.sitesIntro}</p>
          <ul class="site-cards">
            {account.sites.map((site) => (
              <li key={site.id} class="card site-card">
                <Link href={`/sites/${site.id}/`} class="site-card__name">
                  {site.id}
                </Link>
                <p class="site-card__facts">
                  {site.newLeads > 0 && (
                    <span class="badge badge--accent">
                      {format.count(texts, 'newLeadsBadge', site.newLeads)}
                    </span>
                  )}
                  {site.overdueRights > 0 ? (
                    <span class="badge badge--danger">
                      {format.count(texts, 'overdueBadge', site.overdueRights)}
                    </span>
                  ) : (
                    site.openRights > 0 && (
                      <span class="badge">{format.count(texts, 'openBadge', site.openRights)}</span>
                    )
                  )}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
