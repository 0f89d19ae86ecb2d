/** `npm start` runs this first: the portal it serves is never older than the portal's sources. */
import { ensurePortalBuild } from './build.ts';

void ensurePortalBuild().then(
  (built) => console.log(built ? 'Portal built (portal/dist).' : 'Portal build is current (portal/dist).'),
  (error: unknown) => {
    console.error('The portal did not build:', error);
    process.exit(1);
  },
);
