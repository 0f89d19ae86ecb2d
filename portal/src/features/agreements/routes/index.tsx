import type { RouteTable } from '../../../lib/router';

/** Agreements: the list, a draft's terms, proposals, versions and their diff, signatures, risks and planning. */
export const agreementRoutes: RouteTable = () => undefined;
