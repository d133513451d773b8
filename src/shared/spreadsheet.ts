// A cell a spreadsheet would read as a formula, made plain text (OWASP CSV
// injection): any text starting with = + - @, a tab or a carriage return —
// or their full-width forms, which WPS and LibreOffice also accept — gets a
// leading apostrophe. Every export cell goes through this, `-1+HYPERLINK(…)`
// included: no number is ever exported as text that starts with a sign.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export const spreadsheetText = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
