// language_switcher.h — installs the interface translation (the app's :/i18n/rwkv-desktop_<lang>.qm, built from
// i18n/*.ts, and Qt's own for dialog buttons) and swaps it at run time: the Settings page's language choice takes
// effect at once through QQmlEngine::retranslate(). Used by main.cpp.
#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>

class QCoreApplication;
class QQmlEngine;
class QTranslator;

namespace rwkv::gui {

class LanguageSwitcher : public QObject {
    Q_OBJECT
    /// The languages with a translation, as locale names ("en", "zh_CN", "zh_TW"), and their names in that language.
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(QStringList nativeNames READ nativeNames CONSTANT)
public:
    explicit LanguageSwitcher(QCoreApplication& app);

    /// Installs the translation for `language` (a locale name; empty = the system locale) and makes it the default
    /// QLocale. A language without a translation (the C locale too) gets the English one, the plural forms of the
    /// source text ("1 chat", "3 chats"), and one it named says so on stderr once.
    /// Retranslates `engine`'s bindings when one is set, and Qt's own dialog button labels in every window
    /// (relabelStandardButtons: Qt 6.4 writes them once).
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

signals:
    /// After a switch: C++ texts built earlier (status lines) should be rebuilt.
    void languageChanged();

private:
    QCoreApplication& app_;
    QTranslator* own_ = nullptr;
    QTranslator* qt_ = nullptr;
    QTranslator* qtDialogs_ = nullptr;  ///< i18n/qt-dialogs_<lang>.ts: Qt's file dialog strings Qt's own lacks
    QQmlEngine* engine_ = nullptr;
};

}  // namespace rwkv::gui
