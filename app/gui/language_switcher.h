// language_switcher.h — installs the interface translation (the app's :/i18n/rwkv-desktop_<lang>.qm, built from
// i18n/*.ts, and Qt's own for dialog buttons) and swaps it at run time: the Settings page's language choice takes
// effect at once through QQmlEngine::retranslate(), and so do the fonts that draw Han characters in the language's
// forms (han_fonts.h). Used by main.cpp.
#pragma once

#include <QFont>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;
class QQmlEngine;
class QTranslator;

namespace rwkv::gui {

class LanguageSwitcher : public QObject {
    Q_OBJECT
    /// The languages with a translation, as locale names ("en", "zh_CN", "zh_TW"), and their names in that language.
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(QStringList nativeNames READ nativeNames CONSTANT)
    /// The family lists of the language's fonts (hanFamilies): the CJK face that draws Han characters as the language
    /// writes them, then the app's face ("Noto Sans CJK JP", "DejaVu Sans" for ja); as the system has them in English.
    /// monoFamilies: the same for "monospace" (code). Theme.font() and Theme.monoFont() read them.
    Q_PROPERTY(QStringList fontFamilies READ fontFamilies NOTIFY languageChanged)
    Q_PROPERTY(QStringList monoFamilies READ monoFamilies NOTIFY languageChanged)
public:
    explicit LanguageSwitcher(QCoreApplication& app);

    /// Installs the translation for `language` (a locale name; empty = the system locale) and makes the default
    /// QLocale numberLocale()'s. A language without a translation (the C locale too) gets the English one, the plural
    /// forms of the source text ("1 chat", "3 chats"), and one it named says so on stderr once. Qt's own catalogue
    /// (dialog buttons) follows the text shown: English for a language without our translation (`de`), never German
    /// buttons inside English pages.
    /// Retranslates `engine`'s bindings when one is set, and Qt's own dialog button labels in every window
    /// (relabelStandardButtons: Qt 6.4 writes them once). With a QGuiApplication, the application font takes
    /// fontFamilies() (what is made later without a font of its own: the start-up windows, Qt's dialogs).
    void apply(const QString& language);
    /// The QML engine to retranslate after later apply() calls.
    void setEngine(QQmlEngine* engine) { engine_ = engine; }

    QStringList languages() const;
    QStringList nativeNames() const;
    /// The language of the translation installed by the last apply(), one of languages(): "zh_CN" for apply("zh") or
    /// apply("zh_CN"), "zh_TW" for apply("zh_TW") or apply("zh_HK"), "en" for a language without a translation (the
    /// English source text is shown).
    QString current() const;
    /// The locale whose catalogues (ours, Qt's) serve `locale`: Chinese by its script, zh_TW for Traditional (zh_TW,
    /// zh_HK, zh_MO, zh_Hant) and zh_CN for Simplified (zh, zh_CN, zh_SG, zh_Hans); any other locale as it is.
    static QLocale catalogueLocale(const QLocale& locale);
    /// The locale that writes numbers and dates (the default QLocale, QML's Qt.locale()) for the locale `asked`:
    /// itself where the text is in its language (`translated`: its catalogue was found) or it is an English one
    /// (en_GB, en_IN), else English (en_US), the language the text is then shown in ("1,234", never "1.234" in
    /// English sentences under `--lang de`).
    static QLocale numberLocale(const QLocale& asked, bool translated);

    QStringList fontFamilies() const { return fontFamilies_; }
    QStringList monoFamilies() const { return monoFamilies_; }
    /// `font` with `families` (QFont::setFamilies): for QML, whose font type has no `families` in Qt 6.4.
    Q_INVOKABLE QFont withFamilies(QFont font, const QStringList& families) const;

signals:
    /// After a switch: C++ texts built earlier (status lines) should be rebuilt.
    void languageChanged();

private:
    QCoreApplication& app_;
    QTranslator* own_ = nullptr;
    QTranslator* qt_ = nullptr;
    QTranslator* qtDialogs_ = nullptr;  ///< i18n/qt-dialogs_<lang>.ts: Qt's file dialog strings Qt's own lacks
    QQmlEngine* engine_ = nullptr;
    QStringList fontFamilies_;
    QStringList monoFamilies_;
    std::optional<QFont> systemFont_;  ///< the application font before the first apply(): English's
};

}  // namespace rwkv::gui
