// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).

export default {
  "app.title": "ConvTrace",
};
