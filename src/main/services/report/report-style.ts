/**
 * The report's CSS, inside the page (it must stand alone: no files, no network). On screen a readable
 * column; printed (the browser's print, or Electron's printToPDF) A4 with 15 mm margins, tables and
 * figures never split across pages, headings kept with what follows them.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 24px; max-width: 900px; color: #1a1a1a; background: #fff;
  font: 14px/1.5 "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Segoe UI",
    "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 2px; border-bottom: 2px solid #2a6f97; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.subtitle { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #c8c8c8; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef3f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.settings th { width: 30%; }
table.settings td { overflow-wrap: anywhere; }
tr.total td { font-weight: 600; border-top: 2px solid #888; }
.headline { font-size: 20px; font-weight: 600; margin: 4px 0 8px; }
figure { margin: 12px 0 20px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 13px; color: #444; margin-top: 4px; }
ul.notes { color: #555; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  figure svg { max-height: 240mm; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
