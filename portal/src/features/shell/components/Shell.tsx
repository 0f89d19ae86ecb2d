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
      ]
    : [
        { type: 'link' as const, text: t.nav.myPartner, href: '/' },
        { type: 'link' as const, text: t.nav.agreements, href: '/agreements' },
        { type: 'link' as const, text: t.nav.alerts, href: '/alerts' },
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
            activeHref={items.some((i) => i.href === path) ? path : '/'}
            items={items}
            onFollow={followLink}
          />
        }
        content={children}
      />
    </>
  );
}
