// math_text.h — TeX math in a reply shown as Unicode text. Chat models write formulas in TeX ("\(x^2\)", "$$\frac{a}{b}$$");
// Qt's Markdown reader has no math, so before this the window showed the source, its "\(" even read as an escaped "(".
// No TeX engine is in Debian's Qt; a formula becomes the Unicode a person would type for it (x², ∑ᵢ₌₁ⁿ, √(a+b), α ≤ β),
// which any font with math symbols draws and which copies as text. Tested in tests/app/test_math_text.cpp.
#pragma once

#include <QString>
#include <QStringView>

namespace rwkv::app {

/// One TeX math expression (without its delimiters) as Unicode text. Handles what chat models write: Greek letters,
/// operators and relations (\times → ×, \leq → ≤, \to → →; relations and binary operators spaced), super- and subscripts
/// (Unicode's raised / lowered characters where every character has one, else "^(…)" / "_(…)"), \frac (a/b, ½), \sqrt
/// (√x, √(a+b), ∛x), accents (\hat x → x̂, \vec v → v⃗, \bar, \overline …), \mathbb (ℝ), font and text commands (their
/// text), \left / \right (the delimiter), function names (\sin → sin), spaces (\quad …), matrices and cases
/// (`&` a space, `\\` a new line in `display` math, "; " inline; pmatrix / bmatrix / vmatrix bracketed). A minus is
/// "−" (U+2212), a prime "′". An unknown command stays as written, with its groups ("\foo{x}"), so nothing is lost.
/// Never fails: unbalanced braces or a trailing "\" give text, not an error. Not Markdown-escaped (renderMath does that).
QString texToUnicode(QStringView tex, bool display = false);

/// `markdown` (one prose part of a reply) with each TeX math span replaced by texToUnicode's text, escaped so that
/// Markdown reads it as text. Spans: `$$…$$` and `\[…\]` (display), `\(…\)` and `$…$` (inline). A `$…$` counts only
/// as Pandoc's rule has it — no space just inside either `$`, the closing `$` not followed by a digit, no blank line
/// inside — with no other `$` or backtick inside (a `$` ends inline math in TeX; a code span binds tighter), and only
/// when it looks like math (a TeX command, one of ^_=+<>(){} or a digit, or at most 3 characters):
/// "costs $5 and $10" and "$HOME/$PATH" stay as written. `\$` is a dollar sign. Code spans (`…`) are left as they are;
/// an unclosed span (a reply still being written) stays as written until its closing delimiter comes. A display
/// span's new lines keep the indentation of the line it starts on (inside a list item it stays in the item).
QString renderMath(const QString& markdown);

}  // namespace rwkv::app
