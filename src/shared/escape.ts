// The one HTML escaper, for pages and documents alike: text and attribute
// values (quoted with " or ') are both safe with these five characters encoded.
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
