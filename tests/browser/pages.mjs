// Browser test of the residents' pages and the clerks' desk, in headless Chromium on loopback:
// text mode with and without JavaScript, keyboard-only use, the desk's log-in, inbox, mark-done,
// CSRF refusal, town-file check, log-out, the log-in rate limit; axe-core (WCAG 2.1 A/AA) on
// every page with zero serious or critical violations, a screenshot of each.
//   node tests/browser/pages.mjs BASE_URL ARTEFACT_DIR
// Environment: CLERK_NAME, CLERK_PASSWORD (an account that exists), SEEDED_MESSAGE (text of a
// message already in the store), TOWN_FILE (the town file the service uses; it is broken and
// restored to check that errors are shown by line).
import { readFileSync, writeFileSync } from 'node:fs';
import { args, launch, audit, screenshot, fail } from './lib.mjs';

const { base, artefacts } = args();
const env = (k) => process.env[k] || fail(`${k} is not set`);
const clerk = env('CLERK_NAME');
const password = env('CLERK_PASSWORD');
const seeded = env('SEEDED_MESSAGE');
const townFile = env('TOWN_FILE');
const SATURDAY = 'la mairie est-elle ouverte samedi ?';
const UNKNOWN = 'quelle est la couleur préférée du maire';
const report = { axe: {}, screenshots: [] };
// The Saturday answer: the sample town's mairie opens 9 h to 12 h on Saturdays (said 'aujourd'hui'
// on a Saturday; a Saturday holiday would make it 'fermé').
const saturdayAnswer = (text) => /samedi|aujourd'hui/i.test(text) && /9 h à 12 h|fermé/.test(text);

function ensure(cond, message) {
  if (!cond) fail(message);
}

/** axe-core on the page (zero serious/critical), then a screenshot. */
async function check(page, name) {
  const violations = await audit(page);
  report.axe[name] = violations.length;
  ensure(violations.length === 0, `${name}: ${violations.join('; ')}`);
  const path = await screenshot(page, artefacts, name);
  report.screenshots.push(path);
  console.log(`page ${name}: axe 0 serious/critical; screenshot ${path}`);
}

/** Presses Tab until the focused element matches `selector` (at most 30 times); fails otherwise. */
async function tabTo(page, selector, what) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      ensure(outline !== 'none', `${what}: the keyboard focus is not visible (outline ${outline})`);
      return i + 1;
    }
  }
  return fail(`${what} (${selector}) is not reached with the Tab key`);
}

/** The page fits a 320 px wide window (WCAG reflow, i.e. 1280 px at 400 %): no horizontal scroll. */
async function reflows(page, name) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.setViewportSize(size);
  ensure(overflow <= 0, `${name}: ${overflow} px of horizontal scrolling at 320 px wide`);
}

const context = await launch();
const page = await context.newPage();
page.setDefaultTimeout(20000);

// Home: language, skip link first, keyboard to the text mode.
await page.goto(`${base}/`);
ensure((await page.getAttribute('html', 'lang')) === 'fr', 'home: lang is not fr');
await page.keyboard.press('Tab');
ensure((await page.evaluate(() => document.activeElement?.textContent)) === 'Aller au contenu', 'home: the first Tab does not reach the skip link');
await page.keyboard.press('Enter');
ensure(await page.evaluate(() => document.activeElement?.id === 'contenu'), 'home: the skip link does not move the focus to the main content');
ensure(await page.locator('main a[href="/appeler"]').count() === 1, 'home: no link to /appeler');
ensure(await page.locator('footer a[href="/accessibilite"]').count() === 1, 'home: no accessibility statement in the footer');
await reflows(page, 'home');
await check(page, 'home');
await tabTo(page, 'main a[href="/ecrire"]', 'home: the link to the text mode');
await Promise.all([page.waitForURL(`${base}/ecrire`), page.keyboard.press('Enter')]);

// Text mode with JavaScript, keyboard only: the answer is added, announced, and the focus stays
// in the question field.
await tabTo(page, '#question', 'text mode: the question field');
await page.keyboard.type(SATURDAY);
await tabTo(page, '#formulaire button[type=submit]', 'text mode: the send button');
await page.keyboard.press('Enter');
await page.waitForFunction(() => /La mairie répond/.test(document.getElementById('annonce')?.textContent ?? ''));
const jsAnswer = await page.locator('#reponse').textContent();
ensure(saturdayAnswer(jsAnswer), `text mode (JS): unexpected answer: ${jsAnswer}`);
ensure(page.url() === `${base}/ecrire`, 'text mode (JS): the page was reloaded');
ensure(await page.evaluate(() => document.activeElement?.id === 'question'), 'text mode (JS): the focus left the question field');
console.log(`text mode with JavaScript: « ${SATURDAY} » → « ${jsAnswer.replace('La mairie :', '').trim()} »`);
// « Écouter la réponse »: the answer spoken by the service's voice.
const listen = await page.locator('#reponse audio').getAttribute('src');
const wav = await page.request.get(`${base}${listen}`);
const wavBytes = (await wav.body()).length;
ensure(wav.status() === 200 && wav.headers()['content-type'] === 'audio/wav' && wavBytes > 16000, `text mode: the spoken answer is missing (${wav.status()}, ${wavBytes} bytes)`);
ensure((await page.locator('#reponse audio').getAttribute('aria-label')) === 'Écouter la réponse', 'text mode: the audio control has no label');
console.log(`text mode: « Écouter la réponse » gives ${wavBytes} bytes of WAV`);
// A question the town file cannot answer: it reaches the clerks' list.
await page.fill('#question', UNKNOWN);
await page.keyboard.press('Tab');
await page.keyboard.press('Enter');
await page.waitForFunction(() => document.querySelectorAll('#fil li').length >= 5);
await reflows(page, 'ecrire');
await check(page, 'ecrire');

// Text mode without JavaScript: POST, redirect, the answer takes the focus; a written message.
const nojs = await launch(undefined, { javaScriptEnabled: false });
const plain = await nojs.newPage();
plain.setDefaultTimeout(20000);
await plain.goto(`${base}/ecrire`);
await plain.fill('#question', SATURDAY);
await Promise.all([plain.waitForURL(`${base}/ecrire#reponse`), plain.click('#formulaire button[type=submit]')]);
const plainAnswer = await plain.locator('#reponse').textContent();
ensure(saturdayAnswer(plainAnswer), `text mode (no JS): unexpected answer: ${plainAnswer}`);
ensure(await plain.locator('#reponse').evaluate((el) => el === document.activeElement), 'text mode (no JS): the answer does not take the focus');
console.log(`text mode without JavaScript: « ${plainAnswer.replace('La mairie :', '').trim()} » (focused)`);
await plain.click('#laisser-message summary');
await plain.fill('#nom', 'Jeanne Test');
await plain.fill('#rappel', 'jeanne@example.org');
await plain.fill('#message', 'Message écrit : la rampe de la salle des fêtes est cassée.');
await Promise.all([plain.waitForURL(`${base}/ecrire#reponse`), plain.click('#laisser-message button[type=submit]')]);
ensure(/transmis/.test(await plain.locator('#reponse').textContent()), 'text mode (no JS): the message was not confirmed');
await screenshot(plain, artefacts, 'ecrire-sans-js').then((p) => report.screenshots.push(p));
await nojs.close();

// The accessibility statement.
await page.goto(`${base}/accessibilite`);
const statement = await page.locator('main').textContent();
for (const part of ['partiellement conforme', 'Défenseur des droits', 'axe-core', 'Voies de recours']) {
  ensure(statement.includes(part), `statement: « ${part} » missing`);
}
await check(page, 'accessibilite');

// The desk: log-in with the keyboard.
await page.goto(`${base}/admin`);
ensure(page.url() === `${base}/admin/connexion`, `desk: /admin did not lead to the log-in page (${page.url()})`);
await check(page, 'admin-connexion');
await tabTo(page, '#nom', 'desk: the name field');
await page.keyboard.type(clerk);
await page.keyboard.press('Tab');
await page.keyboard.type(password);
await Promise.all([page.waitForURL(`${base}/admin/messages`), page.keyboard.press('Enter')]);
const inbox = await page.locator('main').textContent();
ensure(inbox.includes(seeded), 'desk: the seeded message is not in the inbox');
ensure(inbox.includes('06 12 34 56 78'), "desk: the message's callback number is not shown");
ensure(inbox.includes('la rampe de la salle des fêtes') && inbox.includes('jeanne@example.org'), 'desk: the written message is not in the inbox');
await check(page, 'admin-messages');
// Mark the seeded message done, with the keyboard.
const article = page.locator('article.message', { hasText: seeded });
await article.locator('button').focus();
await Promise.all([page.waitForURL(/\/admin\/messages\?traite=\d+$/), page.keyboard.press('Enter')]);
ensure(await page.locator('[role=status]', { hasText: 'marqué comme traité' }).count() === 1, 'desk: no confirmation after mark-done');
ensure(!(await page.locator('main').textContent()).includes(seeded), 'desk: the message marked done is still listed as open');
await page.goto(`${base}/admin/messages?tous=1`);
ensure(/Traité le/.test(await page.locator('article.message', { hasText: seeded }).textContent()), 'desk: the message is not shown as done');
// A form without the session's token is refused.
const forged = await page.request.post(`${base}/admin/messages/traiter`, { form: { id: '1', csrf: 'not-the-token' } });
ensure(forged.status() === 403, `desk: a POST with a wrong CSRF token got ${forged.status()}, not 403`);
// Calls by outcome, questions left unanswered.
await page.goto(`${base}/admin/appels`);
ensure(await page.locator('table caption', { hasText: "Aujourd'hui" }).count() === 1, 'desk: no table of today\'s calls');
await check(page, 'admin-appels');
await page.goto(`${base}/admin/questions`);
ensure((await page.locator('main').textContent()).includes(UNKNOWN), 'desk: the unanswered question is not listed');
await check(page, 'admin-questions');
// The town file: valid, then broken (the error names its line), then restored and reloaded.
await page.goto(`${base}/admin/commune`);
ensure((await page.locator('main').textContent()).includes('Le fichier est valide'), 'desk: the town file is not reported valid');
await check(page, 'admin-commune');
const good = readFileSync(townFile, 'utf8');
const badLine = good.split('\n').length + 2;
writeFileSync(townFile, `${good}\n[[faq]]\nquestions = 42\n`);
await page.click('form[action="/admin/commune/recharger"] button');
const broken = await page.locator('[role=alert]').textContent();
ensure(broken.includes(`ligne ${badLine}`) && broken.includes('questions = 42'), `desk: the town file error does not show line ${badLine}: ${broken}`);
await screenshot(page, artefacts, 'admin-commune-erreur').then((p) => report.screenshots.push(p));
writeFileSync(townFile, good);
await Promise.all([page.waitForURL(`${base}/admin/commune?recharge=1`), page.click('form[action="/admin/commune/recharger"] button')]);
ensure(await page.locator('[role=status]', { hasText: 'rechargé' }).count() === 1, 'desk: no confirmation of the reload');
// Log-out: the desk is closed again.
await Promise.all([page.waitForURL(`${base}/admin/connexion`), page.click('form.sortie button')]);
await page.goto(`${base}/admin/messages`);
ensure(page.url() === `${base}/admin/connexion`, 'desk: still signed in after log-out');

// Five wrong passwords, then the sixth attempt waits, even with the right password.
async function attempt(pw) {
  await page.fill('#nom', clerk);
  await page.fill('#mot_de_passe', pw);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${base}/admin/connexion` && r.request().method() === 'POST'),
    page.click('form[action="/admin/connexion"] button'),
  ]);
  await page.waitForLoadState();
  return res;
}
for (let i = 1; i <= 5; i++) {
  const res = await attempt(`faux-mot-de-passe-${i}`);
  ensure(res.status() === 401, `log-in: wrong password ${i} got ${res.status()}, not 401`);
}
const sixth = await attempt(password);
const wait = Number(sixth.headers()['retry-after']);
ensure(sixth.status() === 429 && wait > 0, `log-in: the 6th attempt got ${sixth.status()} (Retry-After ${wait}), not 429`);
ensure(/attendez \d+ secondes/.test(await page.locator('#probleme').textContent()), 'log-in: the wait is not explained');
ensure(page.url() === `${base}/admin/connexion`, 'log-in: the 6th attempt signed in');
console.log(`log-in: 5 wrong passwords answered 401; the 6th (right password) refused with 429, Retry-After ${wait} s`);
await check(page, 'admin-connexion-ralentie');

await context.close();
console.log(`RESULT ${JSON.stringify(report)}`);
