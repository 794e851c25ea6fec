// han_fonts.h — the fonts that draw Han characters in the forms of the interface language. Han unification gives 直,
// 骨, 誤, 海, 述, 令 one code point each, drawn differently in Japanese, Simplified and Traditional Chinese; for a
// character the app's font lacks, Qt 6.4 asks fontconfig for the fonts of the *system* locale (QFontconfigDatabase::
// fallbacksForFamily adds its default language to the pattern), so the window in Japanese on a zh_CN system drew
// Chinese forms, and in Traditional Chinese Simplified ones (session 47's review). A font whose family list names the
// language's CJK face (QFont::setFamilies: each family is tried in turn for a character) draws them as the language
// writes them. The CJK face comes first, as on a Japanese or Chinese system (its Latin letters are Source Sans's): Qt 6.4 keeps one font engine per *first* family, with the fallbacks it was first made with (the
// QFontCache key leaves the other families out), so after a switch from 日本語 to 繁體中文 "DejaVu Sans, Noto Sans CJK
// TC" still drew the JP forms of "DejaVu Sans, Noto Sans CJK JP" (tried in session 48). Used by LanguageSwitcher,
// which hands the lists to QML (Theme.font).
#pragma once

#include <QFont>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace rwkv::gui {

/// The installed face (QFontDatabase::hasFamily) that draws Han characters as `language` writes them: Noto Sans CJK JP
/// (Debian's fonts-noto-cjk; Source Han Sans JP, the same design, next) for Japanese, SC for Simplified Chinese, TC for
/// Traditional, HK first for Hong Kong and Macao; when `monospace`, the "Noto Sans Mono CJK" face first. Empty for a
/// language that does not write Han (English) and where none of them is installed.
QString hanFamily(const QLocale& language, bool monospace);

/// The family list of a font like `base` (the app's font, or "monospace") for `language`: hanFamily(), then the family
/// fontconfig resolves `base` to ("DejaVu Sans" for "Sans Serif" here) for what the CJK face lacks. `base`'s own
/// families where hanFamily() is empty: the system's choice, as before.
QStringList hanFamilies(const QFont& base, const QLocale& language, bool monospace);

}  // namespace rwkv::gui
