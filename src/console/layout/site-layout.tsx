/**
 * One site's views under `/admin/sites/{site}/`, with the site's navigation.
 * A site the account does not have shows the same "not found" as an unknown
 * page, and the server answered that page with 404 already.
 */
import { Route, Switch } from 'wouter-preact';
import { useAccount } from '../api/client-context';
import { NotFound } from '../components/not-found';
import { ConversationsView } from '../views/conversations/conversations-view';
import { LeadDetail } from '../views/leads/lead-detail';
import { LeadsInbox } from '../views/leads/leads-inbox';
import { OverviewView } from '../views/overview/overview-view';
import { RightsView } from '../views/rights/rights-view';
import { SnippetView } from '../views/snippet/snippet-view';
import { WebhookView } from '../views/webhook/webhook-view';
import { SiteNav } from './site-nav';

export function SiteLayout({ site }: { site: string }) {
  const { account } = useAccount();
  const known = account.sites.find((candidate) => candidate.id === site);
  if (known === undefined) {
    return (
      <main id="content" class="page" tabIndex={-1}>
        <NotFound />
      </main>
    );
  }
  return (
    <div class="site-layout">
      <SiteNav site={known} sites={account.sites} />
      <main id="content" class="page" tabIndex={-1}>
        <Switch>
          <Route path="/">
            <OverviewView site={site} />
          </Route>
          <Route path="/leads">
            <LeadsInbox site={site} />
          </Route>
          <Route path="/leads/:id">{(params) => <LeadDetail site={site} id={params.id} />}</Route>
          <Route path="/rights">
            <RightsView site={site} />
          </Route>
          <Route path="/conversations">
            <ConversationsView site={site} />
          </Route>
          <Route path="/webhook">
            <WebhookView site={site} />
          </Route>
          <Route path="/snippet">
            <SnippetView site={site} />
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </main>
    </div>
  );
}
