// test_han_fonts.cpp — Han characters are drawn in the forms of the interface language, not the system's (han_fonts.h,
// LanguageSwitcher::fontFamilies, Theme.font). Session 47's review: the window in 日本語 on a zh_CN system drew 直, 骨,
// 誤 in their Simplified Chinese forms (fontconfig ranks the CJK faces by the system locale), and 繁體中文 drew
// Simplified forms too. Which face draws a character is read from the glyph runs Qt lays out (QGlyphRun::rawFont), as
// the window draws it. The system locale is LANG, set before Qt starts (initMain): zh_CN.UTF-8, or
// $RWKV_TEST_SYSTEM_LANG (CMake runs the suite under en_US.UTF-8 too). Needs Debian's fonts-noto-cjk: skips without it.
// The QML rows load app/gui/qml ($RWKV_QML_DIR: an older copy, to see it fail there: a message in ja under zh_CN drew
// "Noto Sans CJK SC" before this change), a message's inline `code` span too (it drew "Noto Sans Mono CJK SC" in ja
// before session 49). And what no CJK face has comes from the system's fonts through each language's list: ﷽ (U+FDFD)
// where an installed font has it (Amiri: fonts-hosny-amiri, packaging/debian12-deps.txt; skips without one), and the
// combining marks U+0351 … U+0355 (FreeFont: fonts-freefont-ttf; skips without one).
#include <QFontDatabase>
#include <QFontInfo>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRawFont>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QQuickTextDocument>
#include <QtTest>

#include <memory>

#include "han_fonts.h"
#include "language_switcher.h"
#include "qml_test_module.h"

namespace {

/// The family that draws the first "直" of the text document of `item` (a message's TextEdit) as laid out, and the
/// families its character format names ("" where none is found).
std::pair<QString, QString> drawnInDocument(QQuickItem* item) {
    const auto* document = item ? item->property("textDocument").value<QQuickTextDocument*>() : nullptr;
    for (QTextBlock block = document ? document->textDocument()->begin() : QTextBlock(); block.isValid();
         block = block.next()) {
        const int at = int(block.text().indexOf(u'直'));
        if (at < 0 || !block.layout()) continue;
        const QList<QGlyphRun> runs = block.layout()->glyphRuns(at, 1);
        QString families;
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().contains(block.position() + at))
                families = it.fragment().charFormat().fontFamilies().toStringList().join(QStringLiteral(", "));
        return {runs.isEmpty() ? QString() : runs.constFirst().rawFont().familyName(), families};
    }
    return {};
}

/// The families that draw `text` in `font`, one per glyph run, in order ("DejaVu Sans, Noto Sans CJK JP").
QString drawnWith(const QFont& font, const QString& text) {
    QTextLayout layout(text, font);
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QStringList families;
    for (const QGlyphRun& run : layout.glyphRuns()) families << run.rawFont().familyName();
    return families.join(QStringLiteral(", "));
}

}  // namespace

class TestHanFonts : public QObject {
    Q_OBJECT

public:
    static void initMain() {
        // fontconfig reads its language from the environment once: the system this suite plays
        qputenv("LANG", qEnvironmentVariable("RWKV_TEST_SYSTEM_LANG", QStringLiteral("zh_CN.UTF-8")).toUtf8());
        for (const char* v : {"LC_ALL", "LC_CTYPE", "LANGUAGE", "FC_LANG"}) qunsetenv(v);
    }

private slots:
    void initTestCase();
    void systemLocaleChoosesTheForms();
    void hanInTheLanguagesForms_data();
    void hanInTheLanguagesForms();
    void withoutTheFacesNothingChanges();
    void messagesAndCodeFollowASwitch();
    void inlineCodeDrawsHanInTheLanguagesForms_data();
    void inlineCodeDrawsHanInTheLanguagesForms();
    void arabicLigatureIsDrawnWhereAFontHasIt_data();
    void arabicLigatureIsDrawnWhereAFontHasIt();
    void combiningMarksAreDrawnWhereAFontHasThem_data();
    void combiningMarksAreDrawnWhereAFontHasThem();

private:
    std::unique_ptr<rwkv::gui::LanguageSwitcher> languages_;
    QFont system_;  ///< the application font before any apply()
    QTemporaryDir modules_;
    QQmlEngine engine_;
};

void TestHanFonts::initTestCase() {
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    if (!QFontDatabase::hasFamily(QStringLiteral("Noto Sans CJK JP")) ||
        !QFontDatabase::hasFamily(QStringLiteral("Noto Sans CJK SC")))
        QSKIP("fonts-noto-cjk is not installed");
    system_ = QGuiApplication::font();
    languages_ = std::make_unique<rwkv::gui::LanguageSwitcher>(*QCoreApplication::instance());
    qmlRegisterSingletonInstance("RwkvDesktop.Core", 1, 0, "Languages", languages_.get());
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

// The cause: without a family list the system's locale chooses the forms — Simplified on zh_CN, and Japanese on an
// en_US system here (Debian's 70-fonts-noto-cjk.conf ranks JP first). Not what this change does; what the rows below
// are measured against.
void TestHanFonts::systemLocaleChoosesTheForms() {
    const bool chinese = qEnvironmentVariable("LANG").startsWith(QLatin1String("zh_CN"));
    QCOMPARE(drawnWith(system_, QStringLiteral("直")),
             chinese ? QStringLiteral("Noto Sans CJK SC") : QStringLiteral("Noto Sans CJK JP"));
}

void TestHanFonts::hanInTheLanguagesForms_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("face");  // that draws 直; empty: the system's, as without this change
    QTest::addColumn<QString>("monoFace");
    QTest::newRow("ja") << "ja" << "Noto Sans CJK JP" << "Noto Sans Mono CJK JP";
    QTest::newRow("ja_JP") << "ja_JP" << "Noto Sans CJK JP" << "Noto Sans Mono CJK JP";
    QTest::newRow("zh_CN") << "zh_CN" << "Noto Sans CJK SC" << "Noto Sans Mono CJK SC";
    QTest::newRow("zh_TW") << "zh_TW" << "Noto Sans CJK TC" << "Noto Sans Mono CJK TC";
    QTest::newRow("zh_HK") << "zh_HK" << "Noto Sans CJK HK" << "Noto Sans Mono CJK HK";
    QTest::newRow("en") << "en" << "" << "";
    QTest::newRow("de (English shown)") << "de" << "" << "";
}

// Each language's fonts, the application font (what Qt's dialogs and the start-up windows take) and "monospace"
// (code) draw Han in the language's forms; English keeps the system's fonts as they were. What the CJK face lacks
// (Georgian) still comes from the system's fonts.
void TestHanFonts::hanInTheLanguagesForms() {
    QFETCH(QString, language);
    QFETCH(QString, face);
    QFETCH(QString, monoFace);
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    const QFont ui = languages_->withFamilies(system_, languages_->fontFamilies());
    QFont monoBase(QStringLiteral("monospace"));
    monoBase.setStyleHint(QFont::TypeWriter);
    const QFont mono = languages_->withFamilies(monoBase, languages_->monoFamilies());
    const QString han = QStringLiteral("直");
    if (face.isEmpty()) {
        QCOMPARE(languages_->fontFamilies(), system_.families());
        QCOMPARE(languages_->monoFamilies(), QStringList{QStringLiteral("monospace")});
        QCOMPARE(QGuiApplication::font(), system_);
        QCOMPARE(drawnWith(ui, han), drawnWith(system_, han));
        QCOMPARE(drawnWith(mono, han), drawnWith(monoBase, han));
        return;
    }
    QCOMPARE(drawnWith(ui, han), face);
    QCOMPARE(drawnWith(QGuiApplication::font(), han), face);
    QCOMPARE(drawnWith(mono, han), monoFace);
    const QString georgian = QStringLiteral("ა");
    QCOMPARE(drawnWith(ui, georgian), drawnWith(system_, georgian));
    QVERIFY(!drawnWith(ui, georgian).contains(QLatin1String("CJK")));
}

// A system without the language's face (here: a language whose faces are not installed) keeps its fonts: nothing
// names a family that is not there.
void TestHanFonts::withoutTheFacesNothingChanges() {
    QCOMPARE(rwkv::gui::hanFamily(QLocale(QStringLiteral("en")), false), QString());
    QCOMPARE(rwkv::gui::hanFamily(QLocale(QStringLiteral("ko")), false), QString());  // no Korean UI: not asked
    const QStringList none = rwkv::gui::hanFamilies(system_, QLocale(QStringLiteral("fr")), false);
    QCOMPARE(none, system_.families());
    for (const QString& l : QStringList{"ja", "zh_CN", "zh_TW", "zh_HK"})
        for (bool mono : {false, true}) {
            const QString family = rwkv::gui::hanFamily(QLocale(l), mono);
            QVERIFY2(QFontDatabase::hasFamily(family), qPrintable(l + QStringLiteral(": ") + family));
        }
}

// A message (MarkdownSegment), a code block's text (Theme.monoFont) and the window's font (Theme.font, which controls
// and popups take), made in English, follow a language switch: the bindings read Languages' families. With the QML
// before this change, the message shown in English then switched to 日本語 on a zh_CN system still drew "Noto Sans CJK
// SC" (the application font reaches only what is made after it).
void TestHanFonts::messagesAndCodeFollowASwitch() {
    QQuickWindow window;
    std::unique_ptr<QObject> object;
    languages_->apply(QStringLiteral("en"));
    QQuickItem* message = rwkv::test::showItem(engine_, window, object, R"(
        MarkdownSegment {
            width: 400
            property font code: Theme.monoFont({ pixelSize: 13 })
            property font windowFont: Theme.font({ pixelSize: Theme.fontSize })
        })",
                                               {{QStringLiteral("markdown"), QStringLiteral("直 骨 誤")}});
    QVERIFY(message);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    const auto drawn = [&](const char* property) {
        return drawnWith(message->property(property).value<QFont>(), QStringLiteral("直"));
    };
    QCOMPARE(drawn("font"), drawnWith(system_, QStringLiteral("直")));
    languages_->apply(QStringLiteral("ja"));
    QCOMPARE(drawn("font"), QStringLiteral("Noto Sans CJK JP"));
    QCOMPARE(message->property("font").value<QFont>().pixelSize(), 14);  // Theme.fontSize, as before
    QCOMPARE(drawn("code"), QStringLiteral("Noto Sans Mono CJK JP"));
    QCOMPARE(drawn("windowFont"), QStringLiteral("Noto Sans CJK JP"));
    languages_->apply(QStringLiteral("zh_TW"));
    QCOMPARE(drawn("font"), QStringLiteral("Noto Sans CJK TC"));
    QCOMPARE(drawn("code"), QStringLiteral("Noto Sans Mono CJK TC"));
    QCOMPARE(drawn("windowFont"), QStringLiteral("Noto Sans CJK TC"));
    languages_->apply(QStringLiteral("zh_CN"));
    QCOMPARE(drawn("font"), QStringLiteral("Noto Sans CJK SC"));
    languages_->apply(QStringLiteral("en"));
    QCOMPARE(drawn("font"), drawnWith(system_, QStringLiteral("直")));
    QCOMPARE(message->property("font").value<QFont>().pixelSize(), 14);
}

void TestHanFonts::inlineCodeDrawsHanInTheLanguagesForms_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("face");  // that draws 直 in the code span
    QTest::newRow("ja") << "ja" << "Noto Sans Mono CJK JP";
    QTest::newRow("zh_TW") << "zh_TW" << "Noto Sans Mono CJK TC";
    QTest::newRow("zh_CN") << "zh_CN" << "Noto Sans Mono CJK SC";
}

// Han in a message's inline `code` span (MarkdownSegment) is drawn by the language's monospace CJK face, as a code
// block's; a switch reaches it. Before, Qt's Markdown reader gave the span "monospace" alone, and fontconfig took its
// Han from the system's locale: "Noto Sans Mono CJK SC" in 日本語 and 繁體中文 on a zh_CN system (session 49).
void TestHanFonts::inlineCodeDrawsHanInTheLanguagesForms() {
    QFETCH(QString, language);
    QFETCH(QString, face);
    languages_->apply(QStringLiteral("en"));
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QQuickWindow window;
    std::unique_ptr<QObject> object;
    QQuickItem* message = rwkv::test::showItem(engine_, window, object, "MarkdownSegment { width: 400 }",
                                               {{QStringLiteral("markdown"), QStringLiteral("Before `直 骨 誤` after")}});
    QVERIFY(message);
    QCOMPARE(drawnInDocument(message).second, QStringLiteral("monospace"));  // English: as the reader set it
    languages_->apply(language);
    QTRY_COMPARE(drawnInDocument(message).first, face);
    message->setProperty("markdown", QStringLiteral("New text: `直 骨 誤`"));  // a new text read in that language
    QTRY_COMPARE(drawnInDocument(message).first, face);
    QCOMPARE(drawnInDocument(message).second, languages_->monoFamilies().join(QStringLiteral(", ")));
}

void TestHanFonts::arabicLigatureIsDrawnWhereAFontHasIt_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << "en";
    QTest::newRow("ja") << "ja";
    QTest::newRow("zh_CN") << "zh_CN";
}

// ﷽ (U+FDFD, the Bismillah ligature) in a message: none of Debian 12's fonts the app asked for before session 55
// (fonts-dejavu, fonts-noto-cjk, fonts-noto-color-emoji) has it, and it was drawn as a missing-glyph box (session 54's
// trial). fonts-hosny-amiri (Amiri, 0.6 MB: the deps list and the package's Recommends) has; Qt's fallback for the
// Arabic script reaches it from each language's family list (the CJK face first in ja and zh_CN). Glyph 0 is the box.
void TestHanFonts::arabicLigatureIsDrawnWhereAFontHasIt() {
    QFETCH(QString, language);
    const char16_t ligature = 0xFDFD;
    QStringList having;
    for (const QString& family : QFontDatabase::families(QFontDatabase::Arabic))
        if (QRawFont::fromFont(QFont(family)).supportsCharacter(QChar(ligature))) having << family;
    if (having.isEmpty()) QSKIP("no installed font has U+FDFD: install fonts-hosny-amiri (packaging/debian12-deps.txt)");
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QTextLayout layout(QString(QChar(ligature)), languages_->withFamilies(system_, languages_->fontFamilies()));
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    const QList<QGlyphRun> runs = layout.glyphRuns();
    QCOMPARE(runs.size(), 1);
    const QString family = runs.constFirst().rawFont().familyName();
    QVERIFY2(having.contains(family), qPrintable(family + QStringLiteral(" draws it; these have it: ") + having.join(u',')));
    QVERIFY2(!runs.constFirst().glyphIndexes().isEmpty() && !runs.constFirst().glyphIndexes().contains(0),
             qPrintable(family));
}

void TestHanFonts::combiningMarksAreDrawnWhereAFontHasThem_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("mono");  // a code block's face ("monospace" and the language's mono CJK face)
    for (const char* language : {"en", "ja", "zh_CN"}) {
        QTest::addRow("%s", language) << QString::fromLatin1(language) << false;
        QTest::addRow("%s mono", language) << QString::fromLatin1(language) << true;
    }
}

// U+0351 … U+0355 (combining left half ring above, fermata, x below, left and right arrowhead below) after a letter
// were missing-glyph boxes (session 55's trial): DejaVu Sans has the first three only, and DejaVu Sans Mono, Serif
// and the Noto CJK faces none. FreeSans, FreeSerif and FreeMono (fonts-freefont-ttf: 2.5 MB download, 6.5 MB
// installed; the deps list and the package's Recommends) have all five, and Qt's fallback reaches them from each
// language's list. Skips where no installed font has U+0355. Glyph 0 is the box.
void TestHanFonts::combiningMarksAreDrawnWhereAFontHasThem() {
    QFETCH(QString, language);
    QFETCH(bool, mono);
    QStringList having;
    for (const QString& family : QFontDatabase::families())
        if (QRawFont::fromFont(QFont(family)).supportsCharacter(QChar(0x0355))) having << family;
    if (having.isEmpty()) QSKIP("no installed font has U+0355: install fonts-freefont-ttf (packaging/debian12-deps.txt)");
    languages_->apply(language);
    const auto back = qScopeGuard([this] { languages_->apply(QStringLiteral("en")); });
    QFont font = languages_->withFamilies(system_, languages_->fontFamilies());
    if (mono) {
        QFont monoBase(QStringLiteral("monospace"));
        monoBase.setStyleHint(QFont::TypeWriter);
        font = languages_->withFamilies(monoBase, languages_->monoFamilies());
    }
    for (char16_t mark = 0x0351; mark <= 0x0355; ++mark) {
        const QString text = QStringLiteral("a") + QChar(mark);
        QTextLayout layout(text, font);
        layout.beginLayout();
        layout.createLine();
        layout.endLayout();
        QStringList drawn;
        for (const QGlyphRun& run : layout.glyphRuns()) {
            drawn << run.rawFont().familyName();
            QVERIFY2(!run.glyphIndexes().isEmpty() && !run.glyphIndexes().contains(0),
                     qPrintable(QStringLiteral("U+%1: a box in %2").arg(int(mark), 4, 16, QChar(u'0')).arg(drawn.join(u','))));
        }
    }
}

QTEST_MAIN(TestHanFonts)
#include "test_han_fonts.moc"
