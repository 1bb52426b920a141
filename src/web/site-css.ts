// The one stylesheet, served from /assets/site.css (the CSP allows styles from this origin only, no inline ones).
// High contrast, visible focus, readable at 200% zoom, no layout that needs a script.
export const SITE_CSS = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --accent: #0b5cab; --accent-dark: #084785;
  --ok: #1e6b35; --warn: #8a5300; --bad: #a4262c; --paper: #ffffff; --wash: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--wash); }
a { color: var(--accent); }
a:hover { color: var(--accent-dark); }
:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .75rem 1.5rem;
  background: #14324f; color: #fff; }
header.site a { color: #fff; }
header.site .brand { margin: 0; font-weight: 700; font-size: 1.15rem; }
header.site .brand a { text-decoration: none; }
header.site nav ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header.site .sign-out { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; }
header.site .sign-out .link { color: #fff; }
main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1.5rem; }
main:focus { outline: none; }
h1 { font-size: 1.8rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 0 0 .75rem; }
section.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1.25rem 1.5rem;
  margin: 0 0 1.25rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.25rem; margin: 0 0 1.25rem; }
.grid > section.card { margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.notice { padding: .75rem 1rem; border-radius: 6px; border-left: 6px solid; background: var(--paper); }
.notice.success { border-color: var(--ok); }
.notice.error { border-color: var(--bad); }
.status { display: inline-block; padding: .1rem .6rem; border-radius: 999px; font-weight: 600; font-size: .9rem;
  border: 2px solid currentColor; }
.status.ok { color: var(--ok); }
.status.never_synced, .status.disconnected { color: var(--muted); }
.status.failing, .status.reconnect_needed { color: var(--bad); }
.status.held { color: var(--warn); }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
caption { text-align: left; font-weight: 600; padding: 0 0 .5rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--wash); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
form.inline { display: inline-block; margin: 0 .5rem .5rem 0; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { font-weight: 600; }
.choice { display: block; font-weight: 400; margin: .25rem 0; }
input[type=text], input[type=search], input[type=url], select { font: inherit; padding: .4rem .5rem;
  border: 2px solid var(--muted); border-radius: 4px; min-width: 16rem; max-width: 100%; }
input.feed { width: 100%; font-family: ui-monospace, monospace; font-size: .9rem; }
button, a.button { font: inherit; font-weight: 600; display: inline-block; padding: .5rem 1.1rem; border-radius: 4px;
  border: 2px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button:hover, a.button:hover { background: var(--accent-dark); color: #fff; }
button.secondary { background: var(--paper); color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
button.link { background: none; border: 0; padding: 0; text-decoration: underline; font-weight: 400; }
.hint { color: var(--muted); font-size: .92rem; margin: .25rem 0 .75rem; }
.counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 1rem; list-style: none;
  padding: 0; margin: 0 0 1.25rem; }
.counts li { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; }
.counts a { text-decoration: none; color: inherit; display: block; }
.counts .number { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
.counts .failing .number, .counts .reconnect .number { color: var(--bad); }
.counts .held .number { color: var(--warn); }
.counts .ok .number { color: var(--ok); }
.counts .zero .number { color: var(--ink); }
dd code { word-break: break-all; }
svg.chart { width: 100%; height: auto; }
svg.chart .succeeded { fill: #2f7ec1; }
svg.chart .throttled { fill: #d98b00; }
svg.chart .failed { fill: var(--bad); }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart line.axis { stroke: var(--muted); }
.legend { display: flex; gap: 1.25rem; list-style: none; padding: 0; margin: .5rem 0; font-size: .9rem; }
.legend span { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -2px; }
.legend .succeeded { background: #2f7ec1; } .legend .throttled { background: #d98b00; } .legend .failed { background: var(--bad); }
code { font-family: ui-monospace, monospace; font-size: .92em; }
footer.site { max-width: 72rem; margin: 2rem auto; padding: 0 1.5rem; color: var(--muted); font-size: .9rem; }
`;
