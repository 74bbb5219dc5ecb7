/**
 * Where a spec saves a screenshot of a view. Normal runs write into test-results/ so that `npm test`
 * leaves the working tree clean; `DLLAB_UPDATE_SCREENSHOTS=1 npx playwright test` refreshes the
 * pictures in docs/screenshots that the README shows.
 */
export function screenshotPath(name: string): string {
  return process.env.DLLAB_UPDATE_SCREENSHOTS
    ? `docs/screenshots/${name}.png`
    : `test-results/screenshots/${name}.png`
}
