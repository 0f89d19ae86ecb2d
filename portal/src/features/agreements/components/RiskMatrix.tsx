import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import { formatNumber } from '../../../lib/format';
import type { Risk } from '../api/agreements';

const t = messages.agreements.risks;
const levels = [1, 2, 3, 4, 5] as const;

/** Score bands (likelihood x impact): the colours of a heat map, dark text on light, white on the critical red. */
export const bands = [
  { id: 'low', max: 4, background: '#d7f0d2', color: '#0f141a' },
  { id: 'medium', max: 9, background: '#fbe7a1', color: '#0f141a' },
  { id: 'high', max: 14, background: '#f9c58b', color: '#0f141a' },
  { id: 'critical', max: 25, background: '#c0201b', color: '#ffffff' },
] as const;
export const bandOf = (score: number) => bands.find((b) => score <= b.max) ?? bands[3];

/**
 * The register as a 5 x 5 grid: impact up, likelihood across, each cell the number of risks there, coloured by
 * its score. Every cell is a button (Tab reaches it, Enter chooses it) that filters the list below to that cell.
 */
export function RiskMatrix({
  risks,
  selected,
  onSelect,
}: {
  risks: Risk[];
  selected: { likelihood: number; impact: number } | undefined;
  onSelect: (cell: { likelihood: number; impact: number } | undefined) => void;
}) {
  const count = (likelihood: number, impact: number) =>
    risks.filter((r) => r.likelihood === likelihood && r.impact === impact).length;
  const cellStyle = { width: 72, height: 52, padding: 2 };
  return (
    <SpaceBetween size="s">
      <table style={{ borderCollapse: 'separate', borderSpacing: 3 }}>
        <caption style={{ textAlign: 'start', paddingBottom: 4 }}>
          <Box variant="small">{t.matrixCaption}</Box>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Box variant="small" fontWeight="bold">
                {`${t.impact} ↓ / ${t.likelihood} →`}
              </Box>
            </th>
            {levels.map((l) => (
              <th key={l} scope="col" style={{ width: 72 }}>
                <Box variant="small">{`${l} ${t.levels[l]}`}</Box>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...levels].reverse().map((impact) => (
            <tr key={impact}>
              <th scope="row" style={{ textAlign: 'end', paddingInlineEnd: 8 }}>
                <Box variant="small">{`${impact} ${t.impacts[impact]}`}</Box>
              </th>
              {levels.map((likelihood) => {
                const n = count(likelihood, impact);
                const band = bandOf(likelihood * impact);
                const isSelected = selected?.likelihood === likelihood && selected.impact === impact;
                return (
                  <td key={likelihood} style={cellStyle}>
                    <button
                      type="button"
                      aria-label={t.cell(likelihood, impact, n)}
                      aria-pressed={isSelected}
                      onClick={() => onSelect(isSelected ? undefined : { likelihood, impact })}
                      style={{
                        width: '100%',
                        height: '100%',
                        border: isSelected ? '3px solid #0f141a' : '1px solid rgba(15, 20, 26, 0.2)',
                        borderRadius: 6,
                        background: band.background,
                        color: band.color,
                        fontSize: n ? 18 : 14,
                        fontWeight: n ? 700 : 400,
                        cursor: 'pointer',
                      }}
                    >
                      {n ? formatNumber(n) : ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <SpaceBetween size="m" direction="horizontal">
        {bands.map((b) => (
          <span key={b.id} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span
              aria-hidden
              style={{ width: 14, height: 14, borderRadius: 3, background: b.background, display: 'inline-block' }}
            />
            <Box variant="small">{t.bands[b.id]}</Box>
          </span>
        ))}
      </SpaceBetween>
    </SpaceBetween>
  );
}
