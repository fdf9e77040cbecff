/**
 * The signed-in console: the account, the language, the routes. Pages live
 * under `/admin/`; every site's views under `/admin/sites/{site}/`.
 */
import { useState } from 'preact/hooks';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter-preact';
import type { Locale } from '../protocol/common';
import { AccountContext, ClientContext } from './api/client-context';
import type { AdminClient } from './api/create-admin-client';
import { Announcer } from './components/announcer';
import { Loading, LoadProblem } from './components/load-problem';
import { NavigatedContext, useHasNavigated } from './components/navigation-focus';
import { NotFound } from './components/not-found';
import { useResource } from './components/use-resource';
import { applyLocale, LocaleContext } from './i18n/locale';
import { ConsoleHeader } from './layout/console-header';
import { SiteLayout } from './layout/site-layout';
import { SiteList } from './views/site-list';

export interface ConsoleAppProps {
  client: AdminClient;
  initialLocale: Locale;
}

export function ConsoleApp({ client, initialLocale }: ConsoleAppProps) {
  const [locale, setLocale] = useState(initialLocale);
  const account = useResource(() => client.account(), [client]);
  const changeLocale = (next: Locale) => {
    applyLocale(next);
    setLocale(next);
  };

  return (
    <LocaleContext.Provider value={locale}>
      <ClientContext.Provider value={client}>
        <Announcer>
          <Router base="/admin">
            {account.data === null ? (
              <main id="content" class="shell-loading" tabIndex={-1}>
                {account.state === 'failed' ? (
                  <LoadProblem error={account.error} onRetry={account.reload} />
                ) : (
                  <Loading />
                )}
              </main>
            ) : (
              <AccountContext.Provider value={{ account: account.data, refresh: account.reload }}>
                <Shell onLocale={changeLocale} />
              </AccountContext.Provider>
            )}
          </Router>
        </Announcer>
      </ClientContext.Provider>
    </LocaleContext.Provider>
  );
}

function Shell({ onLocale }: { onLocale: (locale: Locale) => void }) {
  const [location] = useLocation();
  const navigated = useHasNavigated(location);
  return (
    <NavigatedContext.Provider value={navigated}>
      <ConsoleHeader onLocale={onLocale} />
      <Switch>
        <Route path="/">
          <main id="content" class="page" tabIndex={-1}>
            <SiteList />
          </main>
        </Route>
        <Route path="/sites/:site" nest>
          {(params) => <SiteLayout site={params.site} />}
        </Route>
        <Route path="/sites/:site">
          {(params) => <Redirect to={`/sites/${params.site}/`} replace />}
        </Route>
        <Route>
          <main id="content" class="page" tabIndex={-1}>
            <NotFound />
          </main>
        </Route>
      </Switch>
    </NavigatedContext.Provider>
  );
}
