import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import { formatNumber } from '../../../lib/format';
import { followLink } from '../../../lib/router';

/**
 * A chart's figures as links to the lists behind them: the chart shows the shape, these open the partners or
 * alerts a figure counts, and they are what a keyboard or screen-reader user follows.
 */
export function FigureLinks({
  label,
  items,
}: {
  label: string;
  items: { text: string; count: number; href: string }[];
}) {
  return (
    <nav aria-label={messages.dashboard.figureLinks(label)}>
      <SpaceBetween direction="horizontal" size="m">
        {items.map((item) => (
          <Link key={item.href} href={item.href} onFollow={followLink}>
            {messages.dashboard.figure(item.text, formatNumber(item.count))}
          </Link>
        ))}
      </SpaceBetween>
    </nav>
  );
}
