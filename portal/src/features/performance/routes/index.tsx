import { lazy } from 'react';
import { matchPath, type RouteTable } from '../../../lib/router';

const AlertInboxPage = lazy(() => import('./AlertInboxPage'));
const SlaListPage = lazy(() => import('./SlaListPage'));
const SlaPage = lazy(() => import('./SlaPage'));
const ScorecardPage = lazy(() => import('./ScorecardPage'));
const MetricUploadPage = lazy(() => import('./MetricUploadPage'));

/** Performance: the alert inbox, scorecards, SLA definitions and metric reporting. */
export const performanceRoutes: RouteTable = (path, search, session) => {
  if (matchPath('/alerts', path)) return <AlertInboxPage session={session} search={search} />;
  if (matchPath('/performance', path)) return <SlaListPage session={session} search={search} />;
  const scorecard = matchPath('/partners/:partnerId/scorecard', path);
  if (scorecard) return <ScorecardPage partnerId={scorecard.partnerId!} search={search} />;
  const sla = matchPath('/partners/:partnerId/slas/:slaId', path);
  if (sla) return <SlaPage session={session} partnerId={sla.partnerId!} slaId={sla.slaId!} />;
  const upload = matchPath('/partners/:partnerId/metrics/upload', path);
  if (upload) return <MetricUploadPage partnerId={upload.partnerId!} />;
  return undefined;
};
