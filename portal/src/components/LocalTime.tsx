import Box from '@cloudscape-design/components/box';
import { messages } from '../messages';
import { formatDateTime, formatWallClock, viewerTimeZone } from '../lib/format';

/**
 * An instant in the viewer's time zone, and beside it the partner's local time when the partner lives in another
 * zone, kept short so it fits a table cell: "Mar 3, 2027, 10:00 AM (3:30 PM in Asia/Kolkata)", with the day when the
 * partner's differs from the viewer's.
 */
export function LocalTime({ at, partnerTimeZone }: { at: string; partnerTimeZone?: string | undefined }) {
  const viewer = formatDateTime(at);
  if (!partnerTimeZone || sameOffset(at, partnerTimeZone)) return <time dateTime={at}>{viewer}</time>;
  return (
    <span>
      <time dateTime={at}>{viewer}</time>{' '}
      <Box variant="small" display="inline">
        ({messages.common.localTime(formatWallClock(at, partnerTimeZone), partnerTimeZone)})
      </Box>
    </span>
  );
}

/** Same wall-clock time in both zones at that instant: nothing to add. */
function sameOffset(at: string, zone: string): boolean {
  return formatWallClock(at, zone) === formatWallClock(at, viewerTimeZone());
}
