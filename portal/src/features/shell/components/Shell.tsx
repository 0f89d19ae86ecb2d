import { useState, type ReactNode } from 'react';
import Button from '@cloudscape-design/components/button';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import { messages } from '../../../messages';
import { formatTime } from '../../../lib/format';
import { followLink, navigate } from '../../../lib/router';
import { isVendor, signOut, type Session } from '../../../lib/session';
import { activeHref } from '../sections';
import styles from './Shell.module.css';

const t = messages;

/**
 * Whether the side navigation is open, kept outside the component: the frame may mount again (a sign-in, a
 * suspended screen) and must not forget that the person opened or closed it. Narrow windows start closed.
 */
let navigationOpenChoice: boolean | undefined;
const wide = () => window.matchMedia('(min-width: 688px)').matches;

/** The frame of every signed-in screen: who is signed in at the top, the screens at the side. */
export function Shell({ session, path, children }: { session: Session; path: string; children: ReactNode }) {
  const [navigationOpen, setNavigationOpen] = useState(() => navigationOpenChoice ?? wide());
  const toggle = (open: boolean) => {
    navigationOpenChoice = open;
    setNavigationOpen(open);
  };
  const items = isVendor(session)
    ? [
        { type: 'link' as const, text: t.nav.dashboard, href: '/' },
        { type: 'link' as const, text: t.nav.partners, href: '/partners' },
        { type: 'link' as const, text: t.nav.agreements, href: '/agreements' },
        { type: 'link' as const, text: t.nav.alerts, href: '/alerts' },
        { type: 'link' as const, text: t.nav.performance, href: '/performance' },
      ]
    : [
        { type: 'link' as const, text: t.nav.myPartner, href: '/' },
        { type: 'link' as const, text: t.nav.agreements, href: '/agreements' },
        { type: 'link' as const, text: t.nav.alerts, href: '/alerts' },
        { type: 'link' as const, text: t.nav.performance, href: '/performance' },
      ];
  return (
    <>
      <div id="top-nav" className={styles.top}>
        <TopNavigation
          identity={{ href: '/', title: t.appName, onFollow: followLink }}
          utilities={[
            {
              type: 'menu-dropdown',
              text: session.email,
              description: `${t.roles[session.role]} · ${t.sessionEnds(formatTime(session.expiresAt))}`,
              iconName: 'user-profile',
              items: [{ id: 'sign-out', text: t.nav.signOut }],
              onItemClick: ({ detail }) => {
                if (detail.id !== 'sign-out') return;
                signOut('signed-out');
                navigate('/', { replace: true });
              },
            },
          ]}
        />
      </div>
      <div className={styles.body}>
        {navigationOpen ? (
          <nav className={styles.navigation} aria-label={t.nav.navigation}>
            <div className={styles.close}>
              <Button
                variant="icon"
                iconName="angle-left"
                ariaLabel={t.nav.navigationClose}
                onClick={() => toggle(false)}
              />
            </div>
            <SideNavigation
              header={{ href: '/', text: t.appName }}
              activeHref={activeHref(items, path)}
              items={items}
              onFollow={(event) => {
                followLink(event);
                if (!wide()) toggle(false);
              }}
            />
          </nav>
        ) : (
          <div className={styles.rail}>
            <Button variant="icon" iconName="menu" ariaLabel={t.nav.navigationOpen} onClick={() => toggle(true)} />
          </div>
        )}
        <main className={styles.main}>{children}</main>
      </div>
    </>
  );
}
