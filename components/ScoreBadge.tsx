// The score as a number in its colour band (0–49 poor, 50–89 needs work, 90–100 good) with the
// band's one-sentence meaning; the formula is in the docs, not here.
import { SCORE_BAND_MEANING, SCORE_BAND_NAME, scoreBand } from '../lib/analyze/score';
import type { Formatter } from '../lib/report/format';

interface Props {
  value: number;
  fmt: Formatter;
  /** what is scored, e.g. "Quality score"; shown before the number for screen readers */
  label?: string;
  /** show the band's meaning under the number */
  explain?: boolean;
  size?: 'large' | 'small';
  testId?: string;
}

export function ScoreBadge({ value, fmt, label = 'Score', explain = false, size = 'small', testId = 'score' }: Props) {
  const band = scoreBand(value);
  const shown = fmt.number(Math.round(value));
  return (
    <div class={`score-badge score-${size}`} data-band={band}>
      <span class={`score-value band-${band}`} aria-label={`${label} ${shown} of 100: ${SCORE_BAND_NAME[band]}`} data-testid={testId} role="img">
        {shown}
      </span>
      {explain ? (
        <span class="score-meaning" data-testid={`${testId}-meaning`}>
          {SCORE_BAND_MEANING[band]}
        </span>
      ) : (
        <span class="score-band" aria-hidden="true">
          {SCORE_BAND_NAME[band]}
        </span>
      )}
    </div>
  );
}
