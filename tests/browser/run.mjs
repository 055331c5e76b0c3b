// Headless Chromium checks of the rendered callouts. Uses the system
// chromium (/usr/bin/chromium): never downloads a browser.
//
//   ./build-fixture.sh out && node run.mjs out
//
// Screenshots land in out/screenshots/ for a human to look at.
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import assert from "node:assert/strict";

const outDir = path.resolve(process.argv[2] || "out");
const site = path.join(outDir, "book", "book");
const shots = path.join(outDir, "screenshots");
fs.mkdirSync(shots, { recursive: true });

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".woff2": "font/woff2", ".png": "image/png" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(site, url.endsWith("/") ? url + "index.html" : url);
  if (!file.startsWith(site) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bp-chromium-"));
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let failures = 0;
async function check(name, body) {
  try { await body(); console.log(`ok   ${name}`); }
  catch (error) { failures++; console.log(`FAIL ${name}\n     ${error.stack || error}`); }
}

function contrast(fg, bg) {
  const lum = (c) => {
    const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: "/usr/bin/chromium", headless: true, args, viewport: { width: 1100, height: 900 },
});
const page = context.pages()[0] || (await context.newPage());
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
await page.goto(`${base}/callouts.html`);

const quiz = page.locator(".bp-quiz");
const q = (n) => quiz.locator(".bp-question").nth(n);

await check("script marks the page and shows the controls", async () => {
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains("bp-js")));
  assert.ok(await q(0).locator(".bp-check").isVisible());
});

await check("quiz: answer single, multiple and short questions", async () => {
  await q(0).getByLabel("Phantom read").check();
  await q(0).locator(".bp-check").click();
  assert.equal((await q(0).locator(".bp-feedback").textContent()).trim(), "Correct.");
  assert.ok(await q(0).locator(".bp-explain").isVisible(), "explanation opens");
  await q(1).getByLabel("Redis").check();
  await q(1).locator(".bp-check").click();
  assert.match(await q(1).locator(".bp-feedback").textContent(), /Not quite/);
  // Keyboard only: type the short answer and press Enter.
  await q(2).locator("input[type=text]").focus();
  await page.keyboard.type("  SERIALIZABLE ");
  await page.keyboard.press("Enter");
  assert.equal((await q(2).locator(".bp-feedback").textContent()).trim(), "Correct.");
  assert.equal((await quiz.locator(".bp-score").textContent()).trim(), "2 of 3 correct");
  await quiz.screenshot({ path: path.join(shots, "quiz-light.png") });
});

await check("quiz: progress survives a reload (localStorage)", async () => {
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("blueprint:")));
  assert.equal(keys.length, 3, keys.join());
  await page.reload();
  assert.ok(await q(0).evaluate((el) => el.classList.contains("bp-right")));
  assert.ok(await q(1).evaluate((el) => el.classList.contains("bp-wrong")));
  assert.equal(await q(0).getByLabel("Phantom read").isChecked(), true);
});

await check("quiz: retry missed clears only the wrong answers, reset clears all", async () => {
  await quiz.locator(".bp-retry").click();
  assert.ok(await q(1).evaluate((el) => !el.classList.contains("bp-wrong")));
  assert.equal(await q(1).getByLabel("Redis").isChecked(), false);
  assert.ok(await q(0).evaluate((el) => el.classList.contains("bp-right")));
  assert.equal(await page.evaluate(() => document.activeElement.name), await q(1).locator("input").first().getAttribute("name"));
  await q(1).getByLabel("Redis").check();
  await q(1).getByLabel("DynamoDB").check();
  await q(1).locator(".bp-check").click();
  assert.equal((await quiz.locator(".bp-score").textContent()).trim(), "3 of 3 correct");
  await quiz.locator(".bp-reset").click();
  assert.equal(await quiz.locator(".bp-question.bp-right, .bp-question.bp-wrong").count(), 0);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("blueprint:")).length), 0);
});

await check("flashcards: flip with the mouse and with the keyboard, shuffle keeps every card", async () => {
  const deck = page.locator(".bp-flashcards");
  const card = deck.locator(".bp-card").first();
  assert.equal(await card.locator(".bp-card-back").isVisible(), false);
  await card.locator(".bp-flip").click();
  assert.ok(await card.locator(".bp-card-back").isVisible());
  assert.equal(await card.locator(".bp-flip").getAttribute("aria-expanded"), "true");
  const second = deck.locator(".bp-card").nth(1);
  await second.locator(".bp-flip").focus();
  await page.keyboard.press("Space");
  assert.ok(await second.locator(".bp-card-back").isVisible());
  await deck.screenshot({ path: path.join(shots, "flashcards-flipped.png") });
  await deck.locator(".bp-shuffle").click();
  assert.equal(await deck.locator(".bp-card").count(), 2);
  assert.equal(await deck.locator(".bp-card.bp-flipped").count(), 0);
});

await check("interview: expands with Enter on the summary", async () => {
  const box = page.locator(".bp-interview");
  assert.equal(await box.locator(".bp-body").isVisible(), false);
  await box.locator("summary").focus();
  await page.keyboard.press("Enter");
  assert.ok(await box.locator(".bp-body").isVisible());
  assert.match(await box.locator(".bp-body").innerText(), /Say what you optimise for first/);
});

await check("decision: keyboard walk to a recommendation, then start over", async () => {
  const box = page.locator(".bp-decision");
  assert.equal(await box.locator(".bp-flow > li:visible").count(), 1);
  await box.getByRole("button", { name: "No" }).first().focus();
  await page.keyboard.press("Enter");
  assert.match(await box.locator(".bp-current .bp-ask").innerText(), /lookup by one key/);
  await box.locator(".bp-current").getByRole("button", { name: "Yes" }).focus();
  await page.keyboard.press("Space");
  assert.match(await box.locator(".bp-current").innerText(), /key-value store such as DynamoDB/);
  assert.match(await box.locator(".bp-path").innerText(), /No → Yes/);
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains("bp-outcome")));
  await box.screenshot({ path: path.join(shots, "decision-outcome.png") });
  await box.locator(".bp-restart").click();
  assert.match(await box.locator(".bp-current .bp-ask").innerText(), /multi-row transactions/);
});

await check("tradeoff options sit side by side", async () => {
  const options = page.locator(".bp-option");
  const [a, b] = [await options.nth(0).boundingBox(), await options.nth(1).boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1, JSON.stringify([a, b]));
  await page.locator(".bp-tradeoff").screenshot({ path: path.join(shots, "tradeoff-light.png") });
});

await check("dark theme (navy and coal): readable contrast", async () => {
  for (const theme of ["navy", "coal", "ayu", "rust", "light"]) {
    await page.evaluate((t) => localStorage.setItem("mdbook-theme", t), theme);
    await page.reload();
    assert.ok(await page.evaluate((t) => document.documentElement.classList.contains(t), theme), theme);
    for (const sel of [".bp-quiz", ".bp-pitfall", ".bp-option", ".bp-card"]) {
      const [fg, bg] = await page.locator(sel).first().evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.color, s.backgroundColor];
      });
      const ratio = contrast(fg, bg);
      assert.ok(ratio >= 4.5, `${theme} ${sel}: ${fg} on ${bg} = ${ratio.toFixed(2)}`);
    }
    if (theme === "navy") {
      await page.locator(".bp-quiz").screenshot({ path: path.join(shots, "quiz-navy.png") });
    }
  }
});

await check("design doc: findings highlighted and linked to the rule page", async () => {
  await page.goto(`${base}/design.html`);
  const mark = page.locator("mark.bp-finding").first();
  assert.equal((await mark.innerText()).trim(), "total DOUBLE PRECISION");
  const link = page.locator(".bp-findings a.bp-rule").first();
  await link.click();
  await page.waitForURL(/16-reference\/rules\/schema-float-for-money\.html/);
  assert.match(await page.locator("main").innerText(), /What it does/);
  await page.goto(`${base}/design.html`);
  await page.locator(".bp-design-doc").first().screenshot({ path: path.join(shots, "design-doc.png") });
});

await check("injection: nothing in user text executes, even on hover", async () => {
  await page.goto(`${base}/evil.html`);
  for (const el of await page.locator("main *").all()) {
    if (await el.isVisible()) { await el.hover({ force: true, timeout: 500 }).catch(() => {}); }
  }
  for (const link of await page.locator("main .bp-flashcards a").all()) {
    assert.equal(await link.getAttribute("href"), "#");
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.ok((await page.locator("main").innerText()).includes("<script>window.__pwned=1</script>"));
  await page.locator(".bp-quiz").screenshot({ path: path.join(shots, "evil-quiz.png") });
});

assert.deepEqual(errors, [], "no script errors on the pages");
await context.close();

// JavaScript off: the text is there and readable.
const noJsDir = fs.mkdtempSync(path.join(os.tmpdir(), "bp-chromium-nojs-"));
const noJs = await chromium.launchPersistentContext(noJsDir, {
  executablePath: "/usr/bin/chromium", headless: true, args, javaScriptEnabled: false, viewport: { width: 1100, height: 900 },
});
const plain = noJs.pages()[0] || (await noJs.newPage());
await check("JS off: questions, answers, explanations and card backs are in the page", async () => {
  await plain.goto(`${base}/callouts.html`);
  const text = await plain.locator("main").textContent();
  for (const t of ["Which anomaly does Repeatable Read still allow", "Answer: C. Phantom read",
    "The standard only forbids phantoms", "Atomicity: all of a transaction", "Ten countries hold most users",
    "A key-value store such as DynamoDB."]) {
    assert.ok(text.includes(t), t);
  }
  assert.ok(await plain.locator(".bp-card-back").first().isVisible(), "card backs show without JS");
  assert.equal(await plain.locator(".bp-check").first().isVisible(), false, "dead buttons hidden");
  assert.ok(await plain.locator(".bp-outcome").first().isVisible(), "whole decision flow listed");
  await plain.locator("details.bp-answer summary").first().click();
  assert.ok(await plain.locator(".bp-explain").first().isVisible(), "details open without JS");
  await plain.screenshot({ path: path.join(shots, "nojs.png"), fullPage: false });
});
await check("print.html holds the callouts' text", async () => {
  await plain.goto(`${base}/print.html`);
  const text = await plain.locator("main").textContent();
  assert.ok(text.includes("Serializable behaves as if transactions ran one at a time."));
  await plain.emulateMedia({ media: "print" });
  assert.ok(await plain.locator(".bp-explain").first().isVisible(), "answers visible when printing");
});
await noJs.close();
server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
fs.rmSync(noJsDir, { recursive: true, force: true });
console.log(failures ? `${failures} check(s) failed` : "all browser checks passed");
process.exit(failures ? 1 : 0);
