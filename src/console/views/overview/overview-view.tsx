/**
 * The site at a glance for a chosen period: headline figures, consent
 * decisions, acceptance per policy version, traffic, top pages, referrers,
 * devices, browsers, conversations and leads. Each figure says what it counts.
 */
import { useState } from 'preact/hooks';
import { useLocation, useSearch } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { SiteStats } from '../../../protocol/admin';
import { consentMethod } from '../../../protocol/consent-choice';
import { useAccount, useClient } from '../../api/client-context';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { RankingTable } from '../../components/ranking-table';
import { ScrollRegion } from '../../components/scroll-region';
import { TimeChart } from '../../components/time-chart';
import { useResource } from '../../components/use-resource';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { overviewTexts } from '../../i18n/overview-texts';
import { browserTimeZone, dayCount, isValidPeriod, lastDays, type Period } from './period';
import { PeriodPicker } from './period-picker';

const methodColours = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5'] as const;

export function OverviewView({ site }: { site: string }) {
  const texts = useTexts(overviewTexts);
  const client = useClient();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const [timeZone] = useState(browserTimeZone);
  const asked = { from: search.get('from') ?? '', to: search.get('to') ?? '' };
  const period: Period = isValidPeriod(asked) ? asked : lastDays(30, timeZone);
  const stats = useResource(
    () => client.stats(site, period.from, period.to, timeZone),
    [site, period.from, period.to, timeZone],
  );

  return (
    <section class="overview">
      <PageHeading title={texts.title} site={site} />
      <PeriodPicker
        period={period}
        timeZone={timeZone}
        onChange={(next) => navigate(`/?from=${next.from}&to=${next.to}`)}
      />
      <p class="muted small">{formatText(texts.timeZoneNote, { tz: timeZone })}</p>
      {stats.state === 'failed' && <LoadProblem error={stats.error} onRetry={stats.reload} />}
      {stats.data === null ? (
        stats.state === 'loading' && <Loading />
      ) : (
        <Figures stats={stats.data} />
      )}
    </section>
  );
}

function Figures({ stats }: { stats: SiteStats }) {
  const texts = useTexts(overviewTexts);
  const format = useFormat();
  const { account } = useAccount();
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const days = dayCount(stats);
  const decisions = sum(consentMethod.options.map((method) => sum(stats.consent.byMethod[method])));
  const accepts = sum(stats.consent.byMethod.accept);
  const views = sum(stats.traffic.pageViews);
  const conversations = sum(stats.conversations);
  const leads = sum(stats.leads);
  const deviceName = (label: string) =>
    label === 'mobile' || label === 'tablet' || label === 'desktop'
      ? texts[label]
      : label === 'other'
        ? texts.other
        : label;
  const browserName = (label: string) =>
    label === 'other' ? texts.other : label.charAt(0).toUpperCase() + label.slice(1);

  const headline: Array<[string, string, string]> = [
    [texts.totalDecisions, format.number(decisions), texts.totalDecisionsDef],
    [
      texts.acceptRate,
      decisions === 0 ? '–' : format.percent(accepts / decisions),
      texts.acceptRateDef,
    ],
    [texts.totalViews, format.number(views), texts.totalViewsDef],
    [texts.totalVisitors, format.number(stats.traffic.visitorsInPeriod), texts.totalVisitorsDef],
    [
      texts.totalConversations,
      account.conversationsStored ? format.number(conversations) : '–',
      texts.totalConversationsDef,
    ],
    [texts.totalLeads, format.number(leads), texts.totalLeadsDef],
  ];

  return (
    <>
      <dl class="headline">
        {headline.map(([label, value, definition]) => (
          <div key={label} class="card headline__item">
            <dt>{label}</dt>
            <dd class="headline__value">{value}</dd>
            <dd class="definition">{definition}</dd>
          </div>
        ))}
      </dl>
      <div class="chart-grid">
        <TimeChart
          title={texts.decisions}
          definition={texts.decisionsDef}
          days={stats.days}
          kind="stacked-bars"
          series={consentMethod.options.map((method, index) => ({
            label: texts[method],
            values: stats.consent.byMethod[method],
            color: methodColours[index] ?? '--chart-1',
          }))}
          tableLabel={texts.showTable}
          dayLabel={texts.day}
          summary={formatText(texts.summaryDecisions, {
            decisions: format.count(texts, 'decisionsCount', decisions),
            days: format.count(texts, 'daysCount', days),
          })}
        />
        <div class="card">
          <h2 id="acceptance-title">{texts.acceptance}</h2>
          <p class="definition">{texts.acceptanceDef}</p>
          {stats.consent.byPolicyVersion.length === 0 ? (
            <p class="muted">{texts.noDecisions}</p>
          ) : (
            <ScrollRegion label={texts.acceptance}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{texts.policyVersion}</th>
                    <th scope="col" class="num">
                      {texts.totalDecisions}
                    </th>
                    <th scope="col" class="num">
                      {texts.analytics}
                    </th>
                    <th scope="col" class="num">
                      {texts.marketing}
                    </th>
                    <th scope="col" class="num">
                      {texts.acceptedAll}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.consent.byPolicyVersion.map((row) => (
                    <tr key={row.policyVersion}>
                      <th scope="row">{row.policyVersion}</th>
                      <td class="num">{format.number(row.decisions)}</td>
                      <td class="num">{format.percent(row.analytics / row.decisions)}</td>
                      <td class="num">{format.percent(row.marketing / row.decisions)}</td>
                      <td class="num">{format.percent(row.acceptedAll / row.decisions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </div>
        <TimeChart
          title={texts.traffic}
          definition={texts.trafficDef}
          days={stats.days}
          kind="lines"
          series={[
            { label: texts.pageViews, values: stats.traffic.pageViews, color: '--chart-1' },
            { label: texts.visitors, values: stats.traffic.visitors, color: '--chart-2' },
          ]}
          tableLabel={texts.showTable}
          dayLabel={texts.day}
          summary={formatText(texts.summaryTraffic, {
            views: format.count(texts, 'pageViewsCount', views),
            visitors: format.count(texts, 'visitorsCount', Math.max(0, ...stats.traffic.visitors)),
            days: format.count(texts, 'daysCount', days),
          })}
        />
        <TimeChart
          title={texts.activity}
          definition={texts.activityDef}
          days={stats.days}
          kind="lines"
          series={[
            ...(account.conversationsStored
              ? [{ label: texts.conversations, values: stats.conversations, color: '--chart-3' }]
              : []),
            { label: texts.leads, values: stats.leads, color: '--chart-4' },
          ]}
          tableLabel={texts.showTable}
          dayLabel={texts.day}
          summary={formatText(texts.summaryActivity, {
            conversations: format.count(texts, 'conversationsCount', conversations),
            leads: format.count(texts, 'leadsCount', leads),
            days: format.count(texts, 'daysCount', days),
          })}
        />
      </div>
      {!account.conversationsStored && <p class="muted small">{texts.notStored}</p>}
      <div class="ranking-grid">
        <RankingTable
          title={texts.topPaths}
          definition={texts.topPathsDef}
          labelHeading={texts.path}
          countHeading={texts.views}
          rows={stats.traffic.topPaths}
          empty={texts.none}
        />
        <RankingTable
          title={texts.referrers}
          definition={texts.referrersDef}
          labelHeading={texts.origin}
          countHeading={texts.views}
          rows={stats.traffic.referrers}
          empty={texts.none}
        />
        <RankingTable
          title={texts.devices}
          definition={texts.devicesDef}
          labelHeading={texts.device}
          countHeading={texts.visits}
          rows={stats.traffic.devices}
          empty={texts.none}
          describe={deviceName}
        />
        <RankingTable
          title={texts.browsers}
          definition={texts.browsersDef}
          labelHeading={texts.browser}
          countHeading={texts.visits}
          rows={stats.traffic.browsers}
          empty={texts.none}
          describe={browserName}
        />
      </div>
    </>
  );
}
