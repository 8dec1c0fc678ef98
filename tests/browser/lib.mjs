// Shared helpers of the browser tests: Debian's headless Chromium kept on loopback, an axe-core
// audit, screenshots kept as test artefacts. Each test script is run by a Rust test (tests/web_*.rs)
// as `node tests/browser/NAME.mjs BASE_URL ARTEFACT_DIR [AUDIO_WAV]` and exits non-zero on failure.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

// Chromium's profile folders, removed when the script exits, whether it passes or fails.
const profiles = [];
process.on('exit', () => {
  for (const dir of profiles) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A profile still being written by a dying browser: the system's temp cleaning takes it.
    }
  }
});

/** The command line: base URL, artefact folder, optional 48 kHz mono WAV for the fake microphone. */
export function args() {
  const [base, artefacts, audio] = process.argv.slice(2);
  if (!base || !artefacts) {
    console.error('usage: node SCRIPT.mjs BASE_URL ARTEFACT_DIR [AUDIO_WAV]');
    process.exit(2);
  }
  mkdirSync(artefacts, { recursive: true });
  return { base: base.replace(/\/$/, ''), artefacts, audio };
}

/** Headless Chromium that reaches loopback only; `audio` plays as the microphone when given;
 * `options` adds to the context's options (e.g. `{ javaScriptEnabled: false }`). */
export async function launch(audio, options = {}) {
  const flags = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ];
  if (audio) flags.push(`--use-file-for-fake-audio-capture=${audio}`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'standardiste-chromium-'));
  profiles.push(userDataDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/lib/chromium/chromium',
    headless: true,
    args: flags,
    locale: 'fr-FR',
    ...options,
  });
  return context;
}

/** The serious and critical axe-core violations on the page (WCAG 2.1 A and AA rules). */
export async function audit(page) {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol rather than a <script> tag: a page's Content-Security-Policy
  // (no inline scripts) then stays in force for everything else.
  await page.evaluate(source);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot as ARTEFACT_DIR/NAME.png and returns its path. */
export async function screenshot(page, artefacts, name) {
  const path = join(artefacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fails the test with a message (exit code 1). */
export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}
