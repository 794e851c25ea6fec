// test_language_switch.cpp — a language switch at run time reaches Qt's own words too (LanguageSwitcher,
// app/gui/language_switcher.cpp; standard_button_labels.cpp). Session 39's trial: started with 简体中文 saved and
// switched to American English in Settings, the "Delete model" question's buttons still read 是 / 否, the file
// dialogs' 打开 / 取消, the Edit dialog's 取消. Qt's catalogue was swapped (qtCatalogueFollowsTheLanguage passed
// before the fix too); Qt 6.4's DialogButtonBox writes a standard button's label once, when it makes it, and
// QQmlEngine::retranslate() does not reach it (dialogButtonsFollowTheLanguage failed: "是" for "Yes").
// Qt's zh_CN catalogue (qtbase_zh_CN.qm, Debian's qt6-translations-l10n) is read from QLibraryInfo's folder: without
// it the suite skips. Offscreen platform, Basic style as the app. The app's own catalogues are in this binary's
// resources as in the app's (:/i18n, tests/app/CMakeLists.txt), so the numbers follow the language shown as there
// (numbersFollowTheLanguageShown).
#include <QFile>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QtTest>

#include <memory>

#include "language_switcher.h"
#include "standard_button_labels.h"

class TestLanguageSwitch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void qtCatalogueFollowsTheLanguage();
    void qtCatalogueIsEnglishWithoutOurs_data();
    void qtCatalogueIsEnglishWithoutOurs();
    void chineseGetsItsScriptsCatalogue_data();
    void chineseGetsItsScriptsCatalogue();
    void japaneseGetsJapanese_data();
    void japaneseGetsJapanese();
    void applicationEnginesCatalogueGoes();
    void dialogButtonsFollowTheLanguage_data();
    void dialogButtonsFollowTheLanguage();
    void mnemonicsAreDroppedAsQtDoes_data();
    void mnemonicsAreDroppedAsQtDoes();
    void numbersFollowTheLanguageShown_data();
    void numbersFollowTheLanguageShown();

private:
    std::unique_ptr<rwkv::gui::LanguageSwitcher> languages_;
};

void TestLanguageSwitch::initTestCase() {
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm")))
        QSKIP("Qt's zh_CN catalogue (qtbase_zh_CN.qm) is not installed");
    languages_ = std::make_unique<rwkv::gui::LanguageSwitcher>(*QCoreApplication::instance());
}

// The translators installed follow the language: Qt's zh_CN catalogue goes when English comes.
void TestLanguageSwitch::qtCatalogueFollowsTheLanguage() {
    languages_->apply(QStringLiteral("zh_CN"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    languages_->apply(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("&Yes"));
    languages_->apply(QStringLiteral("zh_CN"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("是(&Y)"));
    languages_->apply(QStringLiteral("en"));
}

// A language with no catalogue of ours shows English pages, and Qt's buttons in them are English too: `--lang de`
// (or a German system) loaded qtbase_de.qm and read "Abbrechen" / "&Ja" on Qt's buttons beside English text (session
// 53's lows2). A language with our catalogue keeps Qt's (zh_CN's 取消).
void TestLanguageSwitch::qtCatalogueIsEnglishWithoutOurs_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("ours");
    QTest::addColumn<QString>("cancel");
    QTest::addColumn<QString>("yes");
    QTest::newRow("de") << "de" << "en" << "Cancel" << "&Yes";
    QTest::newRow("de_AT") << "de_AT" << "en" << "Cancel" << "&Yes";
    QTest::newRow("fr_FR") << "fr_FR" << "en" << "Cancel" << "&Yes";
    QTest::newRow("zh_CN") << "zh_CN" << "zh_CN" << "取消" << "是(&Y)";
}

void TestLanguageSwitch::qtCatalogueIsEnglishWithoutOurs() {
    QFETCH(QString, language);
    QFETCH(QString, ours);
    QFETCH(QString, cancel);
    QFETCH(QString, yes);
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(qtDir + QStringLiteral("/qtbase_de.qm")) || !QFile::exists(qtDir + QStringLiteral("/qtbase_fr.qm")))
        QSKIP("Qt's de and fr catalogues (qtbase_de.qm, qtbase_fr.qm) are not installed");
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QCOMPARE(languages_->current(), ours);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), cancel);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), yes);
    QCOMPARE(QCoreApplication::translate("QFileDialog", "&Open"), language.startsWith(QLatin1String("zh"))
                                                                       ? QStringLiteral("打开(&O)")
                                                                       : QStringLiteral("&Open"));
}

// Chinese has a catalogue per script, zh_CN (Simplified) and zh_TW (Traditional), ours and Qt's; QTranslator::load
// looks for the locale's own territory only, so a Hong Kong or Macao system (zh_HK, zh_MO: Traditional) and a
// Singapore one (zh_SG: Simplified) got English — "Save" here — before catalogueLocale chose by script.
void TestLanguageSwitch::chineseGetsItsScriptsCatalogue_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("catalogue");
    QTest::addColumn<QString>("save");  // Qt's own word for a dialog's Save button
    const QString traditional = QStringLiteral("儲存"), simplified = QStringLiteral("保存");
    QTest::newRow("zh_TW") << "zh_TW" << "zh_TW" << traditional;
    QTest::newRow("zh_HK") << "zh_HK" << "zh_TW" << traditional;
    QTest::newRow("zh_MO") << "zh_MO" << "zh_TW" << traditional;
    QTest::newRow("zh_Hant") << "zh_Hant" << "zh_TW" << traditional;
    QTest::newRow("zh_CN") << "zh_CN" << "zh_CN" << simplified;
    QTest::newRow("zh_SG") << "zh_SG" << "zh_CN" << simplified;
    QTest::newRow("zh") << "zh" << "zh_CN" << simplified;
    QTest::newRow("zh_Hans_HK") << "zh_Hans_HK" << "zh_CN" << simplified;
}

void TestLanguageSwitch::chineseGetsItsScriptsCatalogue() {
    QFETCH(QString, language);
    QFETCH(QString, catalogue);
    QFETCH(QString, save);
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_TW.qm")))
        QSKIP("Qt's zh_TW catalogue (qtbase_zh_TW.qm) is not installed");
    QCOMPARE(rwkv::gui::LanguageSwitcher::catalogueLocale(QLocale(language)).name(), catalogue);
    const QLocale other(QStringLiteral("de_AT"));
    QCOMPARE(rwkv::gui::LanguageSwitcher::catalogueLocale(other), other);
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Save"), save);
    QCOMPARE(QLocale().name(), QLocale(language).name());  // numbers and dates still as the locale asked writes them
}

// Japanese has one catalogue, ja (ours: rwkv-desktop_ja.qm; Qt's: qt_ja.qm): a Japanese system (ja_JP) and the bare
// language (ja) both get it, and the locale stays as asked (no script to choose by, unlike Chinese).
void TestLanguageSwitch::japaneseGetsJapanese_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("ja_JP") << "ja_JP";
    QTest::newRow("ja") << "ja";
}

void TestLanguageSwitch::japaneseGetsJapanese() {
    QFETCH(QString, language);
    if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_ja.qm")))
        QSKIP("Qt's ja catalogue (qtbase_ja.qm) is not installed");
    QCOMPARE(rwkv::gui::LanguageSwitcher::catalogueLocale(QLocale(language)).name(), QStringLiteral("ja_JP"));
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("キャンセル"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("はい(&Y)"));
    QCOMPARE(QLocale().name(), QStringLiteral("ja_JP"));
}

// The app's QML engine is a QQmlApplicationEngine: loading its first file installs Qt's catalogue for the QLocale of
// that moment (QQmlApplicationEnginePrivate::init) and never replaces it. Session 39's check: after 简体中文 → English,
// Qt's Yes / No and Open / Cancel still read 是 / 否 and 打开 / 取消, created before or after the switch — this failed
// with "是(&Y)" before apply() removed the engine's catalogue.
void TestLanguageSwitch::applicationEnginesCatalogueGoes() {
    languages_->apply(QStringLiteral("zh_CN"));
    {
        QQmlApplicationEngine engine;
        languages_->setEngine(&engine);
        const auto unset = qScopeGuard([this] { languages_->setEngine(nullptr); });
        engine.loadData("import QtQml\nQtObject {}");
        QCOMPARE(engine.rootObjects().size(), 1);
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("是(&Y)"));
        languages_->apply(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("&Yes"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        languages_->apply(QStringLiteral("zh_CN"));  // and back: ours gives the Chinese again
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("是(&Y)"));
    }
    languages_->apply(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("&Yes"));
}

void TestLanguageSwitch::dialogButtonsFollowTheLanguage_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("labels");  // Yes, No (a Dialog's), Cancel (a DialogButtonBox's), Export (set by hand)
    QTest::newRow("zh_CN to en") << "zh_CN" << "en" << QStringList{"Yes", "No", "Cancel", "Export"};
    QTest::newRow("en to zh_CN") << "en" << "zh_CN" << QStringList{"是", "否", "取消", "Export"};
}

// Dialogs made in one language (as the app's pages make theirs at start) show Qt's labels in the next one; a label the
// app set itself (a file dialog's "Export" on its Save button) stays.
void TestLanguageSwitch::dialogButtonsFollowTheLanguage() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, labels);
    QQmlEngine engine;
    languages_->setEngine(&engine);
    const auto forget = qScopeGuard([this] {  // a failed check returns early: no dangling engine for the next row
        languages_->setEngine(nullptr);
        languages_->apply(QStringLiteral("en"));
    });
    languages_->apply(from);
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        import QtQuick.Controls
        Item {
            Dialog { id: question; standardButtons: Dialog.Yes | Dialog.No }
            DialogButtonBox {
                id: box
                standardButtons: DialogButtonBox.Save | DialogButtonBox.Cancel
                Component.onCompleted: standardButton(DialogButtonBox.Save).text = "Export"
            }
            function labels() {
                return [question.standardButton(Dialog.Yes).text, question.standardButton(Dialog.No).text,
                        box.standardButton(DialogButtonBox.Cancel).text, box.standardButton(DialogButtonBox.Save).text]
            }
        })",
                      QUrl());
    QQuickWindow window;
    std::unique_ptr<QObject> root(component.create());
    QVERIFY2(root, qPrintable(component.errorString()));
    auto* item = qobject_cast<QQuickItem*>(root.get());
    item->setParentItem(window.contentItem());
    item->setParent(&window);  // as a window's QML: its objects are the window's QObject descendants
    const auto read = [&] {
        QVariant out;
        QMetaObject::invokeMethod(root.get(), "labels", Q_RETURN_ARG(QVariant, out));
        return out.toStringList();
    };
    const QStringList before = from == QLatin1String("en") ? QStringList{"Yes", "No", "Cancel", "Export"}
                                                            : QStringList{"是", "否", "取消", "Export"};
    QCOMPARE(read(), before);
    languages_->apply(to);
    QCOMPARE(read(), labels);
    languages_->apply(from);  // and back
    QCOMPARE(read(), before);
    item->setParent(nullptr);
    item->setParentItem(nullptr);
}

void TestLanguageSwitch::mnemonicsAreDroppedAsQtDoes_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("shown");
    QTest::newRow("leading") << "&Yes" << "Yes";
    QTest::newRow("inner") << "N&o to All" << "No to All";
    QTest::newRow("cjk suffix") << "是(&Y)" << "是";
    QTest::newRow("cjk suffix after a space") << "全部保存 (&S)" << "全部保存";
    QTest::newRow("doubled ampersand") << "Save && Quit" << "Save & Quit";
    QTest::newRow("none") << "Cancel" << "Cancel";
    QTest::newRow("trailing ampersand") << "Odd&" << "Odd";
}

void TestLanguageSwitch::mnemonicsAreDroppedAsQtDoes() {
    QFETCH(QString, label);
    QFETCH(QString, shown);
    QCOMPARE(rwkv::gui::withoutMnemonic(label), shown);
}

// Numbers (and dates) are written by the language the text is shown in: a language without a catalogue shows English
// text, and its numbers were its own's — `--lang de` wrote "Memory: 1.234 tokens read" (session 52's trial), the C
// locale "1234". A language with a catalogue keeps the locale asked (zh_HK's, en_IN's lakh grouping). As QML writes
// them (Qt.locale(), the status line's and the prefill bar's counts) and as C++ does (QLocale()).
void TestLanguageSwitch::numbersFollowTheLanguageShown_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("number");
    QTest::newRow("de (no catalogue)") << "de" << "en_US" << "1,234,567.5";
    QTest::newRow("de_AT (no catalogue)") << "de_AT" << "en_US" << "1,234,567.5";
    QTest::newRow("fr (no catalogue)") << "fr_FR" << "en_US" << "1,234,567.5";
    QTest::newRow("C") << "C" << "en_US" << "1,234,567.5";
    QTest::newRow("en_IN") << "en_IN" << "en_IN" << "12,34,567.5";
    QTest::newRow("ja") << "ja" << "ja_JP" << "1,234,567.5";
    QTest::newRow("zh_HK") << "zh_HK" << "zh_HK" << "1,234,567.5";
}

void TestLanguageSwitch::numbersFollowTheLanguageShown() {
    QFETCH(QString, language);
    QFETCH(QString, locale);
    QFETCH(QString, number);
    QVERIFY2(QFile::exists(QStringLiteral(":/i18n/rwkv-desktop_ja.qm")), "the app's catalogues are embedded");
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QCOMPARE(QLocale().name(), locale);
    QCOMPARE(QLocale().toString(1234567.5, 'f', 1), number);
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData("import QtQml\nQtObject { property string n: (1234567.5).toLocaleString(Qt.locale(), 'f', 1) }",
                      QUrl());
    std::unique_ptr<QObject> o(component.create());
    QVERIFY2(o, qPrintable(component.errorString()));
    QCOMPARE(o->property("n").toString(), number);
}

QTEST_MAIN(TestLanguageSwitch)
#include "test_language_switch.moc"
