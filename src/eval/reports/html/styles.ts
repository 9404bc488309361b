/** report.html's stylesheet: WhatsApp-like chats on a quiet page. Inlined, no web fonts. */
export const REPORT_CSS = `
:root {
  --green: #008069; --green-dark: #075e54; --bubble-out: #d9fdd3; --bubble-in: #ffffff;
  --chat-bg: #efeae2; --page: #f4f5f7; --card: #ffffff; --ink: #111b21; --muted: #667781;
  --line: #e3e6ea; --good: #25a55f; --fair: #e5a50a; --bad: #d93f3f; --skip: #9aa5ad; --judge: #7b61ff;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page); }
header.top { background: var(--green-dark); color: #fff; padding: 20px 28px 18px; }
header.top h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
header.top .sub { opacity: .85; font-size: 13px; }
header.top code { background: rgba(255,255,255,.12); padding: 1px 5px; border-radius: 4px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 60px; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr)); gap: 12px; margin: -38px 0 20px; }
.figure { background: var(--card); border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
.figure .value { font-size: 22px; font-weight: 650; }
.figure .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.figure .note { color: var(--muted); font-size: 12px; }
.figure.big .value { font-size: 30px; }
.good { color: var(--good); } .fair { color: var(--fair); } .bad { color: var(--bad); }
.banner { border-radius: 10px; padding: 12px 16px; margin: 0 0 16px; background: #fff4e5; border: 1px solid #f3d19c; }
.banner.bad { background: #fdecec; border-color: #f2b8b8; color: var(--ink); }
.banner.ok { background: #e9f7ef; border-color: #b7e1c6; }
.banner ul { margin: 6px 0 0; padding-left: 20px; }
section.card { background: var(--card); border-radius: 10px; padding: 14px 18px; margin-bottom: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
section.card h2 { font-size: 15px; margin: 0 0 10px; }
h2.cases-heading { font-size: 16px; margin: 8px 0 10px; } h2.cases-heading .note { color: var(--muted); font-weight: 400; font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
.charts section.card { margin: 0; }
.chart-label { font-size: 11px; fill: var(--muted); }
.chart-value { font-size: 11px; fill: var(--ink); }
.chart-empty { color: var(--muted); font-style: italic; }
.bar-track { fill: #eef0f2; } .bar-good { fill: var(--good); } .bar-fair { fill: var(--fair); } .bar-bad { fill: var(--bad); }
.bar-latency { fill: #53bdeb; } .bar-agent { fill: var(--green); } .bar-judge { fill: var(--judge); }
.axis { stroke: #c9cfd4; } .marker { stroke: var(--ink); stroke-dasharray: 3 3; }
table.grid { border-collapse: collapse; width: 100%; font-size: 13px; }
table.grid th, table.grid td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: right; }
table.grid th:first-child, table.grid td:first-child { text-align: left; }
table.grid th { color: var(--muted); font-weight: 600; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 10px; align-items: center;
  background: var(--page); padding: 10px 0; margin-bottom: 6px; border-bottom: 1px solid var(--line); }
.filters label { font-size: 12px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
.filters select, .filters input[type=search] { font: inherit; padding: 5px 8px; border: 1px solid #cfd5da; border-radius: 6px; background: #fff; }
.filters input[type=search] { min-width: 220px; }
.filters button { font: inherit; font-size: 12px; padding: 5px 10px; border: 1px solid #cfd5da; border-radius: 6px; background: #fff; cursor: pointer; }
#shown-count { margin-left: auto; color: var(--muted); font-size: 13px; }
details.case { background: var(--card); border-radius: 10px; margin: 10px 0; box-shadow: 0 1px 3px rgba(0,0,0,.06); overflow: hidden; }
details.case > summary { list-style: none; cursor: pointer; padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
details.case > summary::-webkit-details-marker { display: none; }
details.case > summary::before { content: "▸"; color: var(--muted); width: 10px; }
details.case[open] > summary::before { content: "▾"; }
.case-id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.case-title { font-weight: 600; }
.case-meta { margin-left: auto; color: var(--muted); font-size: 12px; }
.pill { display: inline-block; font-size: 11px; font-weight: 600; padding: 2px 8px; border-radius: 999px; text-transform: uppercase; letter-spacing: .03em; }
.pill.passed { background: #dff4e7; color: #15703c; } .pill.failed { background: #fde2e2; color: #a02020; }
.pill.error { background: #3b3b3b; color: #fff; } .pill.critical { background: var(--bad); color: #fff; }
.pill.change { background: #fff0d6; color: #8a5a00; } .pill.change.up { background: #dff4e7; color: #15703c; }
.tag { font-size: 11px; color: var(--green-dark); background: #e7f5f1; padding: 1px 7px; border-radius: 999px; }
.case-error { margin: 0 14px 10px; padding: 8px 12px; background: #2b2b2b; color: #ffd7d7; border-radius: 8px;
  font-family: ui-monospace, monospace; font-size: 12px; white-space: pre-wrap; }
.chat { background: var(--chat-bg); padding: 14px 16px 8px; display: flex; flex-direction: column; gap: 4px; }
.bubble { max-width: min(620px, 78%); padding: 6px 9px 4px; border-radius: 8px; box-shadow: 0 1px .5px rgba(11,20,26,.13);
  white-space: pre-wrap; overflow-wrap: anywhere; position: relative; }
.bubble.in { align-self: flex-start; background: var(--bubble-in); border-top-left-radius: 0; }
.bubble.out { align-self: flex-end; background: var(--bubble-out); border-top-right-radius: 0; }
.bubble.out.fail { box-shadow: 0 0 0 2px var(--bad); }
.bubble.out + .bubble.out, .bubble.in + .bubble.in { border-radius: 8px; }
.bubble .meta { display: block; text-align: right; font-size: 10.5px; color: var(--muted); margin-top: 2px; white-space: nowrap; }
.turn-sep { align-self: center; font-size: 11px; color: var(--muted); background: #e1f2fb; padding: 2px 10px; border-radius: 8px; margin: 8px 0 4px; }
.scores { align-self: flex-end; max-width: min(620px, 78%); display: flex; flex-wrap: wrap; gap: 4px; justify-content: flex-end; margin: 2px 0 2px; }
.chip { font-size: 11px; padding: 1px 7px; border-radius: 999px; border: 1px solid transparent; background: #fff; }
.chip.pass { border-color: #a6dcb9; color: #15703c; } .chip.fail { border-color: #f0a9a9; color: #a02020; background: #fff5f5; }
.chip.skipped { border-color: #cdd3d8; color: var(--muted); font-style: italic; } .chip.uncertain { border-color: var(--fair); }
.reasons { align-self: flex-end; max-width: min(620px, 78%); margin: 0 0 4px; padding: 6px 10px; list-style: none;
  background: #fff5f5; border-left: 3px solid var(--bad); border-radius: 6px; font-size: 12px; }
.reasons li + li { margin-top: 3px; } .reasons b { font-weight: 600; }
details.trace { align-self: stretch; margin: 2px 0 6px; font-size: 12px; }
details.trace > summary { cursor: pointer; color: var(--muted); text-align: right; }
.trace-body { background: #fff; border-radius: 8px; padding: 8px 10px; margin-top: 4px; }
.trace-body .intents { margin-bottom: 6px; }
.span { border-top: 1px solid var(--line); padding: 5px 0; }
.span-head { display: flex; gap: 8px; flex-wrap: wrap; }
.span-head .kind { font-weight: 600; } .span-head .nums { margin-left: auto; color: var(--muted); font-variant-numeric: tabular-nums; }
.span-error { color: var(--bad); }
.span pre { margin: 4px 0 0; background: #f6f8fa; padding: 6px 8px; border-radius: 6px; max-height: 220px; overflow: auto;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 11.5px; }
details.prompt { margin-top: 4px; } details.prompt > summary { cursor: pointer; color: var(--muted); font-size: 11px; }
.message .role { font-size: 11px; font-weight: 600; text-transform: uppercase; color: var(--muted); margin-top: 4px; }
.message pre { max-height: 360px; }
.intents.fallback { color: var(--bad); }
.span .detail-name { color: var(--muted); font-size: 11px; margin-top: 4px; }
.empty { text-align: center; color: var(--muted); padding: 30px; }
.conversation-verdict { display: flex; flex-direction: column; gap: 4px; }
#simulations > h2 .note { color: var(--muted); font-weight: 400; font-size: 13px; }
details.sim { border-top: 1px solid var(--line); padding: 8px 0; } details.sim > summary { cursor: pointer; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
dl.persona { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; font-size: 13px; }
dl.persona dt { color: var(--muted); } dl.persona dd { margin: 0; }
table.verdicts { margin-bottom: 8px; } table.verdicts td:last-child, table.verdicts th:last-child { text-align: left; }
details.sim .chat { border-radius: 8px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 30px; }
`;
