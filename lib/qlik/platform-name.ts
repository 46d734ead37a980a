// The Qlik products Qlarity tells apart (lib/qlik/platform.ts decides which one serves a tab) and
// their names, without zod: the popup's first render names the product.
export const QLIK_PLATFORMS = ['qlik-cloud', 'qlik-cloud-gov', 'qseow', 'qlik-sense-desktop', 'cloud-console', 'unknown'] as const;
type QlikPlatform = (typeof QLIK_PLATFORMS)[number];

const PLATFORM_NAMES: Record<QlikPlatform, string> = {
  'qlik-cloud': 'Qlik Cloud',
  'qlik-cloud-gov': 'Qlik Cloud Government',
  qseow: 'Qlik Sense Enterprise on Windows',
  'qlik-sense-desktop': 'Qlik Sense Desktop',
  'cloud-console': 'Qlik Cloud console',
  unknown: 'Unknown Qlik product',
};

/** The product's name as users know it. */
export function platformName(platform: QlikPlatform): string {
  return PLATFORM_NAMES[platform];
}
