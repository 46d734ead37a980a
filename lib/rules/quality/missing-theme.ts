import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

/** Themes every Qlik Cloud tenant has (Qlik help "Applying themes": Sense Horizon, Sense Classic, Sense Breeze, Sense Focus, Carbon). */
const BUILT_IN_THEMES = new Set(['sense', 'sense-breeze', 'horizon', 'card', 'focus', 'sense-focus', 'carbon', 'sense-carbon']);

export default defineRule({
  code: 'Q09',
  name: 'missing-theme',
  category: 'quality',
  severity: 'error',
  summary: 'The app uses a custom theme that is not installed on this tenant.',
  why: {
    text: 'An app whose theme is missing falls back to the default theme: colours, fonts and sizes change for every user without notice.',
    sources: [SOURCES.qsdaFlagLevels, SOURCES.themes],
  },
  howToFix: 'Import the theme on the tenant, or choose an installed theme in the app options.',
  severityReason:
    "Kept at error for want of evidence either way: Qlik's help on themes (Uploading and managing themes, Custom themes) does not say what an app shows when its theme is not installed, so whether users get a working app in a default theme or a broken one is undocumented. If Qlik documents a fallback to a default theme, this becomes a warning.",
  options: z.object({}),
  needs: ['themes'],
  check(ctx) {
    const theme = ctx.snapshot.app.theme;
    if (!theme || BUILT_IN_THEMES.has(theme)) return;
    const installed = new Set((ctx.snapshot.themes ?? []).flatMap((t) => [t.id, t.name, t.qextFilename].filter((x): x is string => !!x)));
    if (installed.has(theme)) return;
    ctx.report({
      target: ctx.index.appTarget(),
      message: `The app uses theme "${theme}", which is neither built in nor installed on this tenant.`,
      data: { theme },
      content: theme,
    });
  },
});
