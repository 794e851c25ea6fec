// language_switcher.cpp — see language_switcher.h.
#include "language_switcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QQmlEngine>
#include <QTextStream>
#include <QTranslator>
#include <QWindow>

#include "han_fonts.h"
#include "standard_button_labels.h"

namespace rwkv::gui {

LanguageSwitcher::LanguageSwitcher(QCoreApplication& app) : QObject(&app), app_(app) {}

QStringList LanguageSwitcher::languages() const {
    QStringList out;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("rwkv-desktop_*.qm")});
    for (const QString& f : files) out << f.mid(13, f.size() - 13 - 3);  // rwkv-desktop_<lang>.qm
    if (!out.contains(QStringLiteral("en"))) out.prepend(QStringLiteral("en"));
    return out;
}

QStringList LanguageSwitcher::nativeNames() const {
    QStringList out;
    for (const QString& l : languages()) {
        const QLocale locale(l);
        QString name = locale.nativeLanguageName();
        if (locale.language() == QLocale::Chinese)
            name = locale.script() == QLocale::TraditionalChineseScript ? QStringLiteral("繁體中文")
                                                                       : QStringLiteral("简体中文");
        else if (!name.isEmpty())
            name[0] = name[0].toUpper();
        out << (name.isEmpty() ? l : name);
    }
    return out;
}

QString LanguageSwitcher::current() const {
    const QString file = own_ ? QFileInfo(own_->filePath()).completeBaseName() : QString();  // rwkv-desktop_<lang>
    return file.startsWith(QLatin1String("rwkv-desktop_")) ? file.mid(13) : QStringLiteral("en");
}

QFont LanguageSwitcher::withFamilies(QFont font, const QStringList& families) const {
    font.setFamilies(families);
    return font;
}

QLocale LanguageSwitcher::catalogueLocale(const QLocale& locale) {
    // Chinese has two catalogues, by script: zh_TW (Traditional) and zh_CN (Simplified). QTranslator::load(QLocale)
    // looks only for the locale's own territory ("zh_HK" → rwkv-desktop_zh_Hant_HK, _zh_HK, _zh_Hant; Qt's qt_zh_HK
    // does not exist either), so Hong Kong and Macao got English, and so did Singapore's Simplified zh_SG. Hong Kong
    // and Macao write Traditional characters: zh_TW's words (檔案, 設定, 資料夾) read there far better than
    // Simplified ones or English, and Qt itself ships Traditional Chinese as zh_TW only.
    if (locale.language() != QLocale::Chinese) return locale;
    return QLocale(locale.script() == QLocale::TraditionalChineseScript ? QStringLiteral("zh_TW")
                                                                        : QStringLiteral("zh_CN"));
}

QLocale LanguageSwitcher::numberLocale(const QLocale& asked, bool translated) {
    // With a catalogue (zh_HK's zh_TW too, en_IN's English), numbers and dates as the user's own locale writes them.
    // Without one the text is English, and so are its numbers: `--lang de` wrote "1.234 tokens" in English sentences
    // and the C locale "1234" ungrouped (session 52). Plain English (en_US), not English of the asked territory:
    // CLDR's en_DE groups as German does.
    if (translated || asked.language() == QLocale::English) return asked;
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

void LanguageSwitcher::apply(const QString& language) {
    const QLocale asked = language.isEmpty() ? QLocale::system() : QLocale(language);
    const QLocale locale = catalogueLocale(asked);
    const StandardButtonLabels before = standardButtonLabels();
    for (QTranslator* t : {own_, qt_, qtDialogs_}) {
        if (!t) continue;
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    // A QQmlApplicationEngine installs Qt's own catalogue for the QLocale current when it loads its first file (a
    // QTranslator child of the engine, QQmlApplicationEnginePrivate::init) and never replaces it; ours (qt_) holds the
    // same strings. Left installed, Qt's button words stayed in the first language: session 39's check, after
    // 简体中文 → English, still read 是 / 否 and 打开 / 取消 (translate("QPlatformTheme", "&Yes") gave "是(&Y)").
    if (engine_)
        for (QTranslator* t : engine_->findChildren<QTranslator*>(Qt::FindDirectChildrenOnly)) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    own_ = new QTranslator(this);
    const bool found = own_->load(locale, QStringLiteral("rwkv-desktop"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (!found && !language.isEmpty() && asked.language() != QLocale::English)
        QTextStream(stderr) << "rwkv-desktop: no translation for " << language << "; using English\n";
    // English otherwise, from its own file: the source text's "%n chat(s)" gets its plural forms there ("1 chat", "3
    // chats"). Under the C locale (LANG=C.UTF-8, a bare system) none was loaded and the window read "3 chat(s)"
    // (session 38's trial).
    if (found || own_->load(QStringLiteral(":/i18n/rwkv-desktop_en.qm"))) QCoreApplication::installTranslator(own_);
    QLocale::setDefault(numberLocale(asked, found));  // Qt.locale(), QLocale(): numbers and dates of the text shown
    // Qt's own words (dialog buttons, the file dialog) in the language our text is shown in: a language without our
    // catalogue shows English, and `--lang de` read "Abbrechen" / "Öffnen" on Qt's buttons inside English pages
    // (qtbase_de.qm loaded; session 53's lows2).
    const QLocale shown = found ? locale : QLocale(QLocale::English, QLocale::UnitedStates);
    qt_ = new QTranslator(this);
    if (qt_->load(shown, QStringLiteral("qt"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt_);
    // What Qt's own catalogue lacks for its QML file dialog ("File name", "Filter"; i18n/qt-dialogs_<lang>.ts).
    qtDialogs_ = new QTranslator(this);
    if (qtDialogs_->load(shown, QStringLiteral("qt-dialogs"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(qtDialogs_);
    // Han characters in the forms of the language asked (直 as Japanese writes it in 日本語, whatever the system's
    // locale); English and the languages that do not write Han keep the system's fonts. Not for --help (no fonts).
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        if (!systemFont_) systemFont_ = QGuiApplication::font();
        fontFamilies_ = hanFamilies(*systemFont_, asked, false);
        QFont mono(QStringLiteral("monospace"));  // Theme.monoFamily
        mono.setStyleHint(QFont::TypeWriter);
        monoFamilies_ = hanFamilies(mono, asked, true);
        const QFont font =
            fontFamilies_ == systemFont_->families() ? *systemFont_ : withFamilies(*systemFont_, fontFamilies_);
        if (QGuiApplication::font() != font) QGuiApplication::setFont(font);  // English untouched: the system's
    }
    if (engine_) {
        engine_->retranslate();
        // Qt's own button labels (Cancel, Yes, No, Open) are not bindings: written again here.
        QList<QObject*> windows;
        for (QWindow* w : QGuiApplication::allWindows()) windows << w;
        relabelStandardButtons(windows, before, standardButtonLabels());
    }
    emit languageChanged();
}

}  // namespace rwkv::gui
