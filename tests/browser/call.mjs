// The call page in a real browser: Chromium's fake microphone plays a French question (AUDIO_WAV);
// the page calls with the keyboard alone, the service answers over WebRTC. Records what the page
// hears, measures voice-to-voice latency (end of the question in the microphone → first answer
// audio heard), presses a keypad key, audits the page with axe, keeps a screenshot, hangs up.
// Writes ARTEFACT_DIR/call-result.json and ARTEFACT_DIR/call-answer.wav (16 kHz, what was heard
// after the question) for the Rust test (tests/web_call.rs) to check.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { args, launch, audit, screenshot, fail } from './lib.mjs';

const { base, artefacts, audio } = args();
if (!audio) fail('AUDIO_WAV is required');

/** 16-bit mono WAV bytes. */
function wav(samples, rate) {
  const b = Buffer.alloc(44 + samples.length * 2);
  b.write('RIFF', 0); b.writeUInt32LE(36 + samples.length * 2, 4); b.write('WAVE', 8);
  b.write('fmt ', 12); b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24); b.writeUInt32LE(rate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34);
  b.write('data', 36); b.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((s, i) => b.writeInt16LE(s, 44 + i * 2));
  return b;
}

const context = await launch(audio);
const page = await context.newPage();
const logs = [];
page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
const result = { captions: [], latency_ms: null, violations: [], screenshot: null, states: [] };
try {
  await page.goto(`${base}/appeler`);
  if ((await page.getAttribute('html', 'lang')) !== 'fr') fail('the page is not lang="fr"');
  result.screenshot_idle = await screenshot(page, artefacts, 'appeler-avant');
  result.violations_idle = await audit(page);

  // Keyboard only: focus the call button and press Space (Enter is used on the keypad below).
  await page.focus('#appeler');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => window.standardiste.state === 'connected' && window.standardiste.remote, null, { timeout: 30000 });
  result.states.push(await page.textContent('#etat'));
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  if (focused !== 'raccrocher') fail(`focus should move to Raccrocher once connected, is on ${focused}`);

  // Listen to the microphone and to the assistant on one clock: 1024-sample blocks at 48 kHz.
  await page.evaluate(() => {
    const p = window.standardiste;
    const ctx = new AudioContext({ sampleRate: 48000 });
    const tap = (stream, keep) => {
      const node = ctx.createScriptProcessor(1024, 1, 1);
      const blocks = [];
      node.onaudioprocess = (e) => {
        const x = e.inputBuffer.getChannelData(0);
        let sum = 0;
        for (let i = 0; i < x.length; i++) sum += x[i] * x[i];
        const b = { at: performance.now(), rms: Math.sqrt(sum / x.length) };
        if (keep) {
          // 48 kHz → 16 kHz: average each three samples.
          const s = new Int16Array(x.length / 3);
          for (let i = 0; i < s.length; i++) s[i] = Math.max(-32768, Math.min(32767, ((x[3 * i] + x[3 * i + 1] + x[3 * i + 2]) / 3) * 32767));
          b.samples = s;
        }
        blocks.push(b);
      };
      const mute = ctx.createGain();
      mute.gain.value = 0;
      ctx.createMediaStreamSource(stream).connect(node);
      node.connect(mute).connect(ctx.destination);
      return blocks;
    };
    p.heard = tap(p.remote, true);
    p.spoken = tap(p.mic, false);
  });

  // The question is asked after the welcome; wait for its caption, then the answer's.
  await page.waitForFunction(() => {
    const c = window.standardiste.captions;
    const q = c.findIndex((x) => x.who === 'caller');
    return q >= 0 && c.slice(q + 1).some((x) => x.who === 'assistant');
  }, null, { timeout: 120000 });
  // Let the answer play out (until 1.5 s of quiet after it starts, at most 25 s).
  await page.waitForFunction(() => {
    const p = window.standardiste;
    const q = p.captions.find((x) => x.who === 'caller');
    const after = p.heard.filter((b) => b.at > q.at);
    const loud = after.filter((b) => b.rms > 0.01);
    if (!loud.length) return false;
    const last = loud[loud.length - 1].at;
    const now = after.length ? after[after.length - 1].at : 0;
    return now - last > 1500 || now - loud[0].at > 25000;
  }, null, { timeout: 60000, polling: 250 });

  const measured = await page.evaluate(() => {
    const p = window.standardiste;
    const q = p.captions.find((x) => x.who === 'caller');
    // The question ends at the last loud microphone block before its caption came back.
    const spoke = p.spoken.filter((b) => b.rms > 0.01 && b.at < q.at);
    const end = spoke.length ? spoke[spoke.length - 1].at : null;
    const first = end === null ? null : p.heard.find((b) => b.at > end + 50 && b.rms > 0.01);
    const answer = p.heard.filter((b) => end !== null && b.at > end);
    const samples = [];
    answer.forEach((b) => samples.push(...b.samples));
    return { latency: first ? first.at - end : null, samples, heardLoud: p.heard.filter((b) => b.rms > 0.01).length };
  });
  result.latency_ms = measured.latency === null ? null : Math.round(measured.latency);
  result.heard_loud_blocks = measured.heardLoud;
  writeFileSync(join(artefacts, 'call-answer.wav'), wav(measured.samples, 16000));

  // The keypad with the keyboard: 9 repeats the last answer.
  const before = await page.evaluate(() => window.standardiste.captions.length);
  await page.focus('#clavier button[data-key="9"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.standardiste.captions.slice(n).some((x) => x.who === 'assistant'), before, { timeout: 20000 });
  result.keypad = 'ok';

  result.screenshot = await screenshot(page, artefacts, 'appeler');
  result.violations = await audit(page);
  result.captions = await page.evaluate(() => window.standardiste.captions.map(({ who, text }) => ({ who, text })));
  const liveAttrs = await page.evaluate(() => [document.getElementById('etat').getAttribute('aria-live'), document.getElementById('sous-titres').getAttribute('aria-live')]);
  if (liveAttrs.some((a) => a !== 'polite')) fail(`live regions missing: ${liveAttrs}`);

  await page.click('#raccrocher');
  await page.waitForFunction(() => window.standardiste.state === 'ended', null, { timeout: 10000 });
  result.states.push(await page.textContent('#etat'));
  if (await page.evaluate(() => document.activeElement && document.activeElement.id) !== 'appeler') fail('focus should return to Appeler after hanging up');

  // Text resized to 200 %: nothing is cut off sideways.
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) fail(`at 200 % text the page scrolls sideways by ${overflow} px`);
  result.screenshot_200 = await screenshot(page, artefacts, 'appeler-texte-200');
} catch (e) {
  result.error = String(e);
  result.captions = await page.evaluate(() => window.standardiste && window.standardiste.captions.map(({ who, text }) => ({ who, text }))).catch(() => []);
  result.page_log = logs;
  try { result.screenshot = await screenshot(page, artefacts, 'appeler-failed'); } catch { /* best effort */ }
}
writeFileSync(join(artefacts, 'call-result.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));
await context.close();
process.exit(result.error ? 1 : 0);
