// CSV for spreadsheet users: RFC 4180 quoting, a UTF-8 byte-order mark so Excel reads Chinese
// correctly, and cells that would start a formula (= + - @) prefixed with an apostrophe so a
// project name cannot run as a formula when the file is opened (CSV injection).

function cell(v) {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (arrays) to CSV text with a BOM and CRLF line ends. */
export function toCsv(rows) {
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
