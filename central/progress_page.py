"""The page a receipt's QR code opens (issue 19.2): ``GET /p/<case_no>#<lookup_code>``.

One static page, in Chinese, with no build step and nothing from elsewhere: its style and script are
inline and allowed by their hashes in the Content-Security-Policy.  The script reads the case number
from the path and the lookup code from the fragment (a browser never sends the fragment, so the code
stays out of access logs), asks ``/v1/progress`` in a POST body, and shows the timeline, what to do
next, the masked name and, once approved, the amount.  Without a code (or with a wrong one) it asks
for the code printed on the receipt.  Large text, one column, fit for a 360 px wide phone; headings,
labels, an ordered list with ``aria-current`` and a live region for screen readers.
"""

from __future__ import annotations

import base64
import hashlib

_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
       font-size: 19px; line-height: 1.6; color: #1b1b1b; background: #f4f6f8; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.45rem; margin: 0.4rem 0 0.8rem; color: #8a1c1c; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }
.card { background: #fff; border-radius: 0.6rem; padding: 0.8rem 1rem; margin: 0.8rem 0;
        box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.state { font-size: 1.35rem; font-weight: bold; color: #0b5394; }
.amount { font-size: 1.35rem; font-weight: bold; color: #1f6130; }
ol.steps { list-style: none; padding: 0; margin: 0; }
ol.steps li { padding: 0.45rem 0 0.45rem 2.2rem; position: relative; border-left: 3px solid #c9d1d9;
              margin-left: 0.7rem; }
ol.steps li::before { position: absolute; left: -0.85rem; top: 0.45rem; width: 1.5rem; height: 1.5rem;
                      border-radius: 50%; text-align: center; line-height: 1.5rem; font-size: 0.9rem;
                      background: #c9d1d9; color: #fff; content: ""; }
ol.steps li.done::before { content: "✓"; background: #1f6130; }
ol.steps li.current { font-weight: bold; }
ol.steps li.current::before { content: "●"; background: #0b5394; }
ol.steps li.stopped { font-weight: bold; color: #a61b1b; }
ol.steps li.stopped::before { content: "✕"; background: #a61b1b; }
ol.steps li.todo { color: #5f6b76; }
label { display: block; font-weight: bold; margin-bottom: 0.4rem; }
input { font-size: 1.3rem; width: 100%; padding: 0.55rem; border: 2px solid #5f6b76; border-radius: 0.4rem;
        letter-spacing: 0.15rem; text-transform: uppercase; }
button { font-size: 1.15rem; margin-top: 0.7rem; width: 100%; padding: 0.65rem; border: 0; border-radius: 0.4rem;
         background: #0b5394; color: #fff; }
input:focus, button:focus { outline: 3px solid #f1a208; outline-offset: 2px; }
.muted { color: #4a5560; font-size: 0.95rem; }
.number { display: block; font-size: 1.1rem; white-space: nowrap; letter-spacing: 0.02rem; }
h2[tabindex]:focus { outline: none; }
.alert { color: #a61b1b; font-weight: bold; }
[hidden] { display: none !important; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var path = location.pathname;
  var caseNo = decodeURIComponent(path.slice(path.lastIndexOf("/p/") + 3)).trim().toUpperCase();
  $("case-no").textContent = caseNo || "（无）";

  function say(text, alert) {
    var box = $("message");
    box.textContent = text;
    box.className = alert ? "alert" : "";
  }
  function askForCode(text) {
    $("details").hidden = true;
    $("ask").hidden = false;
    say(text, true);
    $("code").focus();
  }
  function when(iso) {
    try {
      return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long",
        day: "numeric", hour: "2-digit", minute: "2-digit" });
    } catch (e) { return iso; }
  }
  function render(answer) {
    $("ask").hidden = true;
    say("");
    $("state").textContent = answer.state_label;
    $("applicant").textContent = answer.applicant;
    var hasAmount = typeof answer.amount_yuan === "number";
    $("amount-line").hidden = !hasAmount;
    if (hasAmount) { $("amount").textContent = answer.amount_yuan.toLocaleString("zh-CN"); }
    var steps = $("steps");
    steps.textContent = "";
    answer.steps.forEach(function (step) {
      var item = document.createElement("li");
      item.className = step.status;
      item.textContent = step.label + "：" + step.status_text;
      if (step.status === "current" || step.status === "stopped") { item.setAttribute("aria-current", "step"); }
      steps.appendChild(item);
    });
    $("next").textContent = answer.next_step;
    var missing = $("missing");
    missing.textContent = "";
    missing.hidden = answer.missing_materials.length === 0;
    answer.missing_materials.forEach(function (name) {
      var item = document.createElement("li");
      item.textContent = name;
      missing.appendChild(item);
    });
    $("updated").textContent = when(answer.updated_at);
    $("details").hidden = false;
    $("state-heading").focus();
  }
  function look(code) {
    say("正在查询……");
    fetch(new URL("../v1/progress", location.href), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ case_no: caseNo, lookup_code: code }), cache: "no-store"
    }).then(function (response) {
      if (response.status === 200) { return response.json().then(render); }
      if (response.status === 404 || response.status === 422) {
        askForCode("受理编号与查询码不符，请核对受理回执上的查询码后重新输入。");
      } else if (response.status === 429) {
        say("查询码输错次数过多，请一小时后再试。", true);
      } else {
        say("暂时无法查询，请稍后再试。", true);
      }
    }).catch(function () { say("网络连接失败，请检查网络后再试。", true); });
  }
  $("ask").addEventListener("submit", function (event) {
    event.preventDefault();
    var code = $("code").value.replace(/[\\s-]/g, "");
    if (code) { look(code); }
  });
  var code = decodeURIComponent(location.hash.replace(/^#/, "")).replace(/[\\s-]/g, "");
  if (code) { look(code); } else { askForCode("请输入受理回执上的查询码。"); }
})();
"""

_BODY = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>技能提升补贴 办理进度查询</title>
<style>{style}</style>
</head>
<body>
<main>
<h1>技能提升补贴 办理进度</h1>
<p>受理编号<strong id="case-no" class="number"></strong></p>
<p id="message" role="status" aria-live="polite"></p>
<form id="ask" class="card" hidden>
  <label for="code">查询码（印在受理回执上）</label>
  <input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="16"
         required>
  <button type="submit">查询</button>
</form>
<section id="details" hidden aria-labelledby="state-heading">
  <div class="card">
    <h2 id="state-heading" tabindex="-1">当前状态：<span id="state" class="state"></span></h2>
    <p>申请人：<span id="applicant"></span></p>
    <p id="amount-line" hidden>补贴金额：<span id="amount" class="amount"></span>元</p>
  </div>
  <div class="card">
    <h2>下一步</h2>
    <p id="next"></p>
    <ul id="missing" hidden aria-label="需补正的材料"></ul>
  </div>
  <div class="card">
    <h2>办理进程</h2>
    <ol id="steps" class="steps"></ol>
  </div>
  <p class="muted">更新时间：<span id="updated"></span></p>
</section>
<p class="muted">本页面只显示办理进度，不收集任何个人信息。如有疑问，请联系受理窗口或拨打12333。</p>
</main>
<script>{script}</script>
</body>
</html>
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


PAGE_HTML = _BODY.format(style=_STYLE, script=_SCRIPT)
HEADERS = {
    "Content-Security-Policy": (f"default-src 'none'; script-src {_hash(_SCRIPT)}; style-src {_hash(_STYLE)}; "
                                "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

__all__ = ["HEADERS", "PAGE_HTML"]
