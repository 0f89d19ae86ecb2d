import type { ReactNode } from 'react';
import AppLayout from '@cloudscape-design/components/app-layout';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import { messages } from '../../../messages';
import { formatTime } from '../../../lib/format';
import { followLink, navigate } from '../../../lib/router';
import { isVendor, signOut, type Session } from '../../../lib/session';

const t = messages;

/** The frame of every signed-in screen: who is signed in at the top, the screens at the side. */
export function Shell({ session, path, children }: { session: Session; path: string; children: ReactNode }) {
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
      <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
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
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        ariaLabels={{
          navigation: t.nav.navigation,
          navigationToggle: t.nav.navigationOpen,
          navigationClose: t.nav.navigationClose,
        }}
        navigation={
          <SideNavigation
            header={{ href: '/', text: t.appName }}
            activeHref={activeHref(items, path)}
            items={items}
            onFollow={followLink}
          />
        }
        content={children}
      />
    </>
  );
}

/** The section a screen belongs to stays highlighted on its detail pages (/partners/p-1 highlights Partners). */
function activeHref(items: { href: string }[], path: string): string {
  const section = items.filter((i) => i.href !== '/' && (path === i.href || path.startsWith(`${i.href}/`)));
  return section[0]?.href ?? '/';
}
