// test_translations.cpp — i18n/*.ts are complete and match the code.
//  * lupdate is run over the current sources (app/core, app/gui) into a temporary copy of each .ts: a string in the
//    code without a finished translation comes out "unfinished", a translated string no longer in the code comes
//    out "vanished"; both fail, as does any type= marker in the committed files themselves.
//  * every zh_CN and zh_TW translation is non-empty, keeps the source's %1…%n placeholders and is Chinese (CJK
//    characters), except for a few proper names, and names the app "RWKV 桌面版" (never "RWKV Desktop"); a zh_TW one
//    has no character that only Simplified Chinese writes (设, 这, 夹 …) and no “” quotes; every en translation equals
//    its source, but for a plural source's "(s)": its en forms are the singular and the plural ("state", "states").
//  * every ja translation is non-empty, keeps the placeholders and is Japanese (kana or kanji; a long one has kana:
//    kanji alone is Chinese left in), except for a few names and numbers; it names the app "RWKV Desktop" as the
//    source does, has no character only Simplified Chinese writes and quotes with 「」, not “”.
//  * the compiled zh_CN catalogue is what the code asks for at run time: the contexts of the hand-written
//    QCoreApplication::translate("Context", …) helpers match the contexts lupdate files their strings under, string by
//    string (lupdate's locations: the helper each call goes to), and stateErrorText's six come out Chinese.
//  * every qsTr() of Qt's own QML file dialog (the Import / Export / model dialogs) comes out Chinese (Japanese) with
//    Qt's zh_CN (zh_TW, ja) catalogue and i18n/qt-dialogs_zh_CN.ts (_zh_TW.ts, _ja.ts), as LanguageSwitcher installs
//    them.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "models/disk_space.h"
#include "models/model_catalog.h"
#include "models/wording.h"
#include "store/store_error.h"
#include "store/snapshot_codec.h"
#include "app_paths.h"
#include "chat_session_state.h"
#include "chat_error.h"
#include "conversation_export.h"
#include "foreign_file_text.h"
#include "engine_error_text.h"
#include "rwkv/error.h"
#include "store_error_text.h"

#include <sqlite3.h>

#include <algorithm>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

namespace {

struct TsMessage {
    QString context;
    QString source;
    QString type;          ///< translation type=: empty when finished
    QStringList forms;     ///< the translation, or its numerus forms
    bool numerus = false;  ///< a %n plural: forms are its numerus forms
    QList<std::pair<QString, int>> locations;  ///< file (as written, relative to the .ts) and line of each call
};

QList<TsMessage> readTs(const QString& path, QString* language = nullptr) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    QXmlStreamReader xml(&f);
    QList<TsMessage> out;
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS") && language) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{context, {}, {}, {}, false, {}};
        } else if (name == QLatin1String("location")) {
            const auto at = xml.attributes();
            m.locations.push_back({at.value(QLatin1String("filename")).toString(),
                                   at.value(QLatin1String("line")).toInt()});
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            bool numerus = false;
            QString text;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) text += xml.text();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    numerus = true;
                    m.forms << xml.readElementText();
                }
            }
            if (!numerus) m.forms << text;
            m.numerus = numerus;
            out << m;
        }
    }
    if (xml.hasError()) qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
    return out;
}

QSet<QString> placeholders(const QString& s) {
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();) out << it.next().captured(0);
    return out;
}

bool hasCjk(const QString& s) {
    for (const QChar c : s)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

// A source without a letter (a separator such as ", " between titles): its Chinese is Chinese punctuation (CJK Symbols
// and Punctuation, U+3000-U+303F, e.g. "、"; full-width forms U+FF01-U+FF65, e.g. "，"), which hasCjk does not count.
bool lettersFree(const QString& s) {
    // Named, not the range-for's own expression: remove() returns a reference into the temporary copy, freed before
    // the loop ran, and a source such as "%1 %" read freed memory (an abort 3 runs in 8, session 47).
    const QString withoutPlaceholders = QString(s).remove(QRegularExpression(QStringLiteral("%(\\d+|n)")));
    for (const QChar c : withoutPlaceholders)
        if (c.isLetter()) return false;
    return true;
}

bool hasCjkPunctuation(const QString& s) {
    for (const QChar c : s)
        if ((c.unicode() >= 0x3000 && c.unicode() <= 0x303F) || (c.unicode() >= 0xFF01 && c.unicode() <= 0xFF65))
            return true;
    return false;
}

/// The characters of `s` that only Simplified Chinese writes: each has a Traditional form (設 載 夾 實 這 個 們 …) and is
/// itself no Traditional character, so none belongs in a zh_TW translation.
QString simplifiedOnly(const QString& s) {
    static const QString kSimplifiedOnly =
        QStringLiteral("设载夹实这个们时无为对话删库录认开关没发进择请从与应读写变储务错误该码络数键页题级过选单图显归档压缩盘项");
    QString out;
    for (const QChar c : s)
        if (kSimplifiedOnly.contains(c) && !out.contains(c)) out += c;
    return out;
}

bool isKana(QChar c) { return c.unicode() >= 0x3040 && c.unicode() <= 0x30FF; }  // hiragana, katakana

/// Japanese script in `s`: kana or kanji (CJK ideographs, which hasCjk counts).
bool hasJapanese(const QString& s) { return hasCjk(s) || std::any_of(s.begin(), s.end(), isKana); }

/// Kanji in `s` without a kana: a Japanese phrase of six kanji or more has some (助詞, 送り仮名); Chinese has none.
bool kanjiWithoutKana(const QString& s) {
    if (std::any_of(s.begin(), s.end(), isKana)) return false;
    return std::count_if(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; }) >= 6;
}

/// The characters of `s` that Japanese never writes: simplifiedOnly's, but for 数 and 与, which Japanese writes too.
QString notJapanese(const QString& s) { return simplifiedOnly(s).remove(QChar(0x6570)).remove(QChar(0x4E0E)); }

const QString kSource = QStringLiteral(RWKV_SOURCE_DIR);
QString tsPath(const QString& lang) { return kSource + QStringLiteral("/i18n/rwkv-desktop_%1.ts").arg(lang); }

/// Compiles the committed zh_CN .ts with lrelease into `dir` and loads it into `translator` (not installed). Empty
/// when done, else why not.
QString loadZhCatalogue(const QTemporaryDir& dir, QTranslator& translator) {
    const QString qm = dir.filePath(QStringLiteral("rwkv-desktop_zh_CN.qm"));
    QProcess lrelease;
    lrelease.setProcessChannelMode(QProcess::MergedChannels);
    lrelease.start(QStringLiteral(RWKV_LRELEASE), {tsPath(QStringLiteral("zh_CN")), QStringLiteral("-qm"), qm});
    if (!lrelease.waitForFinished(60000)) return QStringLiteral("lrelease did not finish");
    if (lrelease.exitCode() != 0) return QString::fromLocal8Bit(lrelease.readAll());
    return translator.load(qm) ? QString() : QStringLiteral("cannot load ") + qm;
}

/// Runs lupdate over app/core and app/gui (the inputs of qt_add_translations in app/gui/CMakeLists.txt) into `ts`,
/// its locations written as `locations` ("none", "absolute"). Empty when done, else lupdate's words.
QString runLupdate(const QString& ts, const QString& locations) {
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(RWKV_LUPDATE), {QStringLiteral("-locations"), locations,
                                                 kSource + QStringLiteral("/app/core"),
                                                 kSource + QStringLiteral("/app/gui"), QStringLiteral("-ts"), ts});
    if (!lupdate.waitForFinished(120000)) return QStringLiteral("lupdate did not finish");
    const QString log = QString::fromLocal8Bit(lupdate.readAll());
    const bool done = lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0;
    return done ? QString() : log + QStringLiteral(" ");
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void committedFilesAreFinished_data();
    void committedFilesAreFinished();
    void lupdateFindsNothingNewOrStale_data() { committedFilesAreFinished_data(); }
    void lupdateFindsNothingNewOrStale();
    void handWrittenContextsExist();
    void helpersAskWhereLupdateFiles();
    void codeGetsChineseAtRunTime();
    void savedStateErrorsGetChinese();
    void everyReplyFailureIsWorded();
    void qtFileDialogGetsTheLanguage_data();
    void qtFileDialogGetsTheLanguage();
};

void TestTranslations::committedFilesAreFinished_data() {
    QTest::addColumn<QString>("lang");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("zh_TW") << QStringLiteral("zh_TW");
    QTest::newRow("ja") << QStringLiteral("ja");
}

void TestTranslations::committedFilesAreFinished() {
    QFETCH(QString, lang);
    QString declared;
    const QList<TsMessage> messages = readTs(tsPath(lang), &declared);
    QVERIFY2(declared == lang || declared.startsWith(lang + QLatin1Char('_')), qPrintable(declared));  // en: en_US
    QVERIFY2(messages.size() >= 150, qPrintable(QString::number(messages.size())));
    // Names that stay as they are in Chinese (the brand, a host name, a "done of total" pair, a "note — detail" pair,
    // two sentences said together: "%1%2").
    const QSet<QString> keptAsIs{QStringLiteral("Hugging Face"), QStringLiteral("hf-mirror.com"),
                                 QStringLiteral("%1 of %2"), QStringLiteral("%1 — %2"), QStringLiteral("%1 %2")};
    // Japanese keeps the app's name, "token" and the names of what it counts as they are, and writes a half-width %
    // after a number ("%1%"; i18n/README.md).
    const QSet<QString> keptInJapanese{QStringLiteral("RWKV Desktop"), QStringLiteral("%1 — RWKV Desktop"),
                                       QStringLiteral("ModelScope"), QStringLiteral("1 token"),
                                       QStringLiteral("%1 tokens"), QStringLiteral("GPU %1 · RAM %2"),
                                       QStringLiteral("%1 %")};
    const bool japanese = lang == QLatin1String("ja");
    int withSimplified = 0;  // translations with a character only Simplified Chinese writes
    for (const TsMessage& m : messages) {
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.type.isEmpty(), qPrintable(m.type + QStringLiteral(" — ") + where));
        // English plurals: "%n saved state(s)" is said "1 saved state" / "4 saved states" (numerus forms one, other).
        if (lang == QLatin1String("en") && m.numerus && m.source.contains(QLatin1String("(s)"))) {
            const QStringList plural{QString(m.source).remove(QLatin1String("(s)")),
                                     QString(m.source).replace(QLatin1String("(s)"), QLatin1String("s"))};
            QVERIFY2(m.forms == plural, qPrintable(QStringLiteral("English singular and plural — ") + where));
            continue;
        }
        for (const QString& t : m.forms) {
            QVERIFY2(!t.isEmpty(), qPrintable(QStringLiteral("empty translation — ") + where));
            QVERIFY2(placeholders(t) == placeholders(m.source),
                     qPrintable(QStringLiteral("placeholders differ — ") + where + QStringLiteral(" → ") + t));
            if (lang == QLatin1String("en")) {
                QCOMPARE(t, m.source);
                continue;
            }
            const QString said = where + QStringLiteral(" → ") + t;
            if (japanese) {
                QVERIFY2(hasJapanese(t) || keptAsIs.contains(m.source) || keptInJapanese.contains(m.source) ||
                             (lettersFree(m.source) && hasCjkPunctuation(t)),
                         qPrintable(QStringLiteral("not Japanese — ") + said));
                QVERIFY2(!kanjiWithoutKana(t), qPrintable(QStringLiteral("kanji without kana (Chinese?) — ") + said));
                QVERIFY2(notJapanese(t).isEmpty(),
                         qPrintable(QStringLiteral("Chinese ") + notJapanese(t) + QStringLiteral(" — ") + said));
                QVERIFY2(!t.contains(QChar(0x201C)) && !t.contains(QChar(0x201D)),
                         qPrintable(QStringLiteral("“” in ja (「」) — ") + said));
                // The app's name stays "RWKV Desktop" in Japanese: neither translated nor Chinese's RWKV 桌面版.
                const QLatin1String name("RWKV Desktop");
                QVERIFY2(m.source.contains(name) == t.contains(name) && !t.contains(QStringLiteral("桌面")),
                         qPrintable(QStringLiteral("the app is RWKV Desktop in ja — ") + said));
            } else {
                QVERIFY2(keptAsIs.contains(m.source) || hasCjk(t) || (lettersFree(m.source) && hasCjkPunctuation(t)),
                         qPrintable(QStringLiteral("not Chinese — ") + said));
                // One product name in Chinese, the one of the window title, About, the .desktop file and the metainfo.
                QVERIFY2(!t.contains(QLatin1String("RWKV Desktop")),
                         qPrintable(QStringLiteral("the app is RWKV 桌面版 in ") + lang + QStringLiteral(" — ") + said));
                // Traditional Chinese is not Simplified: a character that only Simplified writes (设 for 設, 这 for 這,
                // 夹 of 文件夹 …) is a zh_CN word left in, and Taiwan quotes with 「」, not “”.
                const QString simplified = simplifiedOnly(t);
                if (!simplified.isEmpty()) ++withSimplified;
                if (lang == QLatin1String("zh_TW")) {
                    QVERIFY2(simplified.isEmpty(),
                             qPrintable(QStringLiteral("Simplified ") + simplified + QStringLiteral(" — ") + said));
                    QVERIFY2(!t.contains(QChar(0x201C)) && !t.contains(QChar(0x201D)),
                             qPrintable(QStringLiteral("“” in zh_TW (「」) — ") + said));
                }
            }
            // Two asides back to back do not read: "放进你的内存（CPU）（设置 → 内存中的权重）" (session 38's check).
            QVERIFY2(!t.contains(QStringLiteral("）（")) && !t.contains(QStringLiteral("）(")) &&
                         !t.contains(QStringLiteral(")（")),
                     qPrintable(QStringLiteral("two brackets back to back — ") + said));
        }
    }
    // The list of Simplified-only characters is no empty check: most of zh_CN's translations have one of them.
    if (lang == QLatin1String("zh_CN"))
        QVERIFY2(withSimplified > messages.size() / 2, qPrintable(QString::number(withSimplified)));
}

void TestTranslations::lupdateFindsNothingNewOrStale() {
    QFETCH(QString, lang);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString copy = tmp.filePath(QStringLiteral("rwkv-desktop_%1.ts").arg(lang));
    QVERIFY(QFile::copy(tsPath(lang), copy));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // Stale entries are kept (as "vanished").
    const QString failed = runLupdate(copy, QStringLiteral("none"));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    const QList<TsMessage> committed = readTs(tsPath(lang));
    const QList<TsMessage> updated = readTs(copy);
    QStringList problems;
    for (const TsMessage& m : updated)
        if (!m.type.isEmpty()) problems << m.type + QStringLiteral(": ") + m.context + QStringLiteral(" / ") + m.source;
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n')) +
                                            QStringLiteral("\nrun: cmake --build <build> --target update_translations")));
    QCOMPARE(updated.size(), committed.size());
    // The scan really covered QML and C++ of both folders.
    const auto has = [&](const char* context, const char* source) {
        for (const TsMessage& m : updated)
            if (m.context == QLatin1String(context) && m.source == QLatin1String(source)) return true;
        return false;
    };
    QVERIFY(has("Composer", "Send"));
    QVERIFY(has("ModelManagerPage", "Available models"));
    QVERIFY(has("rwkv::app::ChatController", "New chat"));
    QVERIFY(has("rwkv::models::DownloadTask", "Verifying"));
    QVERIFY(has("main", "Interface language, for example zh_CN or en (default: the system language)."));
}

void TestTranslations::handWrittenContextsExist() {
    // QCoreApplication::translate("Context", …) written by hand must use a context lupdate knows, or the string
    // is looked up where no translation is filed.
    QSet<QString> contexts;
    for (const TsMessage& m : readTs(tsPath(QStringLiteral("zh_CN")))) contexts << m.context;
    // Qt's own contexts, asked for by standard_button_labels.cpp to read a standard button's words in the language
    // being left: Qt's catalog (qtbase_<lang>.qm, qt6-translations-l10n) files them, not ours — checked to be there.
    QTranslator qtbase;
    QVERIFY(qtbase.load(QStringLiteral("qtbase_zh_CN"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
    for (const char* qtContext : {"QPlatformTheme", "QGnomeTheme"}) {
        const char* const source = qstrcmp(qtContext, "QPlatformTheme") == 0 ? "Cancel" : "&Cancel";
        QVERIFY2(!qtbase.translate(qtContext, source).isEmpty(), qtContext);
        contexts << QLatin1String(qtContext);
    }
    static const QRegularExpression re(QStringLiteral("QCoreApplication::translate\\(\"([^\"]+)\""));
    int seen = 0;
    for (const QString& dir : {QStringLiteral("/app/core"), QStringLiteral("/app/gui")}) {
        QDirIterator it(kSource + dir, {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            for (auto m = re.globalMatch(text); m.hasNext();) {
                const QString ctx = m.next().captured(1);
                ++seen;
                QVERIFY2(contexts.contains(ctx), qPrintable(path + QStringLiteral(": unknown context ") + ctx));
            }
        }
    }
    QVERIFY(seen >= 5);
}

// A translation helper written by hand (a namespace-level QString tr(const char*), a lambda `tr`, `say` or `said`
// in a function) asks QCoreApplication::translate or Wording for its strings under the context it names; lupdate files
// a bare tr("…") under the class or namespace it is written in, and a QT_TRANSLATE_NOOP under its own. Where the two
// differ, the string stays English in zh_CN however well it is translated (session 38: stateErrorText's six, asked for
// under "rwkv::app::ChatSession", filed under "rwkv::app"). For each string lupdate finds, at its file and line: the
// helper the call goes to (a lambda in scope, else the class's own tr() in a QObject class, else a namespace-level
// helper) and its context, which must be lupdate's.
void TestTranslations::helpersAskWhereLupdateFiles() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString ts = tmp.filePath(QStringLiteral("fresh_zh_CN.ts"));
    QFile fresh(ts);
    QVERIFY(fresh.open(QIODevice::WriteOnly) &&
            fresh.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n"
                        "<TS version=\"2.1\" language=\"zh_CN\">\n</TS>\n") > 0);
    fresh.close();
    const QString failed = runLupdate(ts, QStringLiteral("absolute"));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    QSet<QString> qobjects;  // classes whose members' tr() is their own
    static const QRegularExpression qobject(QStringLiteral("class\\s+(?:\\w+\\s+)?(\\w+)[^;{]*\\{\\s*Q_OBJECT\\b"));
    for (QDirIterator it(kSource + QStringLiteral("/app"), {QStringLiteral("*.h")}, QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (auto m = qobject.globalMatch(QString::fromUtf8(f.readAll())); m.hasNext();)
            qobjects << m.next().captured(1);
    }
    QVERIFY(qobjects.contains(QStringLiteral("ChatController")));

    struct Helper {
        QString name, context;
        int from = 0, to = 0;  // the lines (0-based) it can be called from
        bool local = false;    // a lambda: found before the class's tr()
    };
    struct Source {
        QStringList lines;
        QList<Helper> helpers;
    };
    QHash<QString, Source> sources;
    const auto source = [&](const QString& path) -> const Source& {
        if (const auto it = sources.constFind(path); it != sources.constEnd()) return *it;
        Source& s = sources[path];
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
        s.lines = QString::fromUtf8(f.readAll()).split(u'\n');
        static const QRegularExpression asks(
            QStringLiteral("(?:QCoreApplication::translate|Wording)\\(\"([^\"]+)\",\\s*([A-Za-z_]\\w*)\\s*[,)]"));
        for (int i = 0; i < s.lines.size(); ++i) {
            const auto ask = asks.match(s.lines.at(i));
            if (!ask.hasMatch()) continue;
            // The helper's head: the nearest line above that takes the source as `const char* <name>`.
            const QRegularExpression lambda(
                QStringLiteral("auto\\s+(\\w+)\\s*=\\s*\\[[^\\]]*\\]\\(const char\\s*\\*\\s*%1\\b")
                    .arg(ask.captured(2)));
            const QRegularExpression function(QStringLiteral("^\\w[\\w:<>]*\\s+(\\w+)\\(const char\\s*\\*\\s*%1\\b")
                                                  .arg(ask.captured(2)));
            for (int head = i; head >= std::max(0, i - 12); --head) {
                if (const auto m = lambda.match(s.lines.at(head)); m.hasMatch()) {
                    int end = head + 1;
                    while (end < s.lines.size() && !s.lines.at(end).startsWith(u'}')) ++end;
                    s.helpers.push_back({m.captured(1), ask.captured(1), head, end, true});
                    break;
                }
                if (const auto m = function.match(s.lines.at(head)); m.hasMatch()) {
                    s.helpers.push_back({m.captured(1), ask.captured(1), head, int(s.lines.size()), false});
                    break;
                }
            }
        }
        return s;
    };
    // The helper `name` that a call on `line` goes to: a lambda in scope before a namespace-level one.
    const auto helperAt = [](const Source& s, const QString& name, int line) -> const Helper* {
        const Helper* found = nullptr;
        for (const Helper& h : s.helpers)
            if (h.name == name && h.from <= line && line <= h.to && (!found || h.local)) found = &h;
        return found;
    };

    static const QRegularExpression call(QStringLiteral("(::|\\.|->)?\\b(tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\\s*\\("));
    static const QRegularExpression handedTo(QStringLiteral("(\\w+)\\s*\\(\\s*$"));
    QStringList problems;
    int checked = 0;
    for (const TsMessage& m : readTs(ts)) {
        for (const auto& [file, lineNo] : m.locations) {
            if (!file.endsWith(QLatin1String(".cpp")) && !file.endsWith(QLatin1String(".h"))) continue;  // QML: qsTr
            const QString path = QDir::cleanPath(QDir(tmp.path()).absoluteFilePath(file));
            const Source& s = source(path);
            const QString text = s.lines.value(lineNo - 1);
            // The call of this string: the last one on the line before its text (or the line's first).
            const qsizetype at = text.indexOf(QString(m.source.left(12)).replace(u'"', QLatin1String("\\\"")));
            QRegularExpressionMatch which;
            for (auto it = call.globalMatch(text); it.hasNext();) {
                const auto c = it.next();
                if (!which.hasMatch() || (at >= 0 && c.capturedStart() < at)) which = c;
            }
            if (!which.hasMatch() || !which.captured(1).isEmpty()) continue;  // QCoreApplication::translate, X::tr
            const Helper* helper = nullptr;
            if (which.captured(2) == QLatin1String("tr")) {
                helper = helperAt(s, QStringLiteral("tr"), lineNo - 1);
                const QString cls = m.context.section(QLatin1String("::"), -1);
                if (helper && !helper->local && qobjects.contains(cls)) helper = nullptr;  // the class's own tr()
            } else if (const auto h = handedTo.match(text.left(which.capturedStart())); h.hasMatch()) {
                helper = helperAt(s, h.captured(1), lineNo - 1);
            }
            if (!helper) continue;
            ++checked;
            if (helper->context != m.context)
                problems << QStringLiteral("%1:%2: “%3” is asked for under %4, lupdate files it under %5")
                                .arg(path.mid(kSource.size() + 1))
                                .arg(lineNo)
                                .arg(m.source, helper->context, m.context);
        }
    }
    qInfo("%d calls of hand-written helpers checked", checked);
    for (const QString& problem : problems) qWarning("%s", qPrintable(problem));  // QVERIFY2 cuts a long message
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 strings stay English (above)").arg(problems.size())));
    // The helpers of chat_session*.cpp, app_paths.cpp, model_catalog.cpp, disk_space.cpp, network_problem.cpp,
    // store_error.cpp and startup_data_folder.cpp were all seen.
    QVERIFY2(checked >= 80, qPrintable(QString::number(checked)));
}

void TestTranslations::codeGetsChineseAtRunTime() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));

    QCOMPARE(rwkv::models::folderProblem(QString()).text(), QStringLiteral("尚未设置模型文件夹。"));
    QString error;
    QVERIFY(!rwkv::models::ModelCatalog::load(tmp.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY2(error.startsWith(QStringLiteral("无法读取模型目录")), qPrintable(error));
    QVERIFY(!rwkv::models::ModelCatalog::fromJson("{", &error));
    QVERIFY2(error.startsWith(QStringLiteral("models.json 不是有效的 JSON")), qPrintable(error));
    QVERIFY(!rwkv::models::ModelCatalog::fromJson(R"({"models":[{"name":"x"}]})", &error));
    QVERIFY2(error.contains(QStringLiteral("字段“id”缺失或为空")), qPrintable(error));
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatSession", "no saved state"), QStringLiteral("没有保存的状态"));
    QCOMPARE(QCoreApplication::translate("Composer", "Send"), QStringLiteral("发送"));
    // The conversation database's errors in the window (new-user trial, session 14: a full disk in the zh_CN window
    // said "回复失败：The disk holding the conversation database … is full …").
    const rwkv::store::StoreError full("x", SQLITE_FULL, SQLITE_FULL, {}, "/d/conversations.sqlite");
    QCOMPARE(rwkv::app::storeErrorText(full),
             QStringLiteral("存放对话数据库 \u2068/d/conversations.sqlite\u2069 的磁盘已满，所以这次更改没有保存。请腾出一些空间后重试。"));
    const rwkv::store::StoreError locked("x", SQLITE_BUSY, SQLITE_BUSY, {}, "/d/c.sqlite", "database is locked");
    QVERIFY2(rwkv::app::storeErrorText(locked).startsWith(QStringLiteral("对话数据库 \u2068/d/c.sqlite\u2069 被另一个程序锁定（database is locked）")),
             qPrintable(rwkv::app::storeErrorText(locked)));
    const rwkv::store::StoreError damaged("x", SQLITE_CORRUPT, SQLITE_CORRUPT, {}, "/d/c.sqlite");
    // English, as rwkv-cli says it, but with the path as one unit of the sentence (session 42: it was bare)
    QCOMPARE(rwkv::app::storeErrorText(damaged),
             QString::fromStdString(damaged.userMessage(rwkv::store::Paths::Isolated)));
    QVERIFY(rwkv::app::storeErrorText(damaged).contains(QStringLiteral("\u2068/d/c.sqlite\u2069")));
    // A database that cannot be made, by its case (store::databaseFileProblem): a folder that does not exist.
    const QString gone = tmp.filePath(QStringLiteral("gone"));
    const rwkv::store::StoreError cantOpen("x", SQLITE_CANTOPEN, SQLITE_CANTOPEN, {}, (gone + QStringLiteral("/c.sqlite")).toStdString());
    QCOMPARE(rwkv::app::storeErrorText(cantOpen),
             QStringLiteral("无法创建对话数据库 \u2068%1/c.sqlite\u2069：它所在的文件夹 \u2068%1\u2069 不存在。请创建这个文件夹，或者把数据库放在另一个文件夹里。").arg(gone));
    // A path with U+202E RIGHT-TO-LEFT OVERRIDE is one unit of the sentence (U+2068 … U+2069): the override ends with it
    // and the rest of the sentence reads in order (session 41; it was drawn backwards).
    const rwkv::store::StoreError fullEvil("x", SQLITE_FULL, SQLITE_FULL, {}, "/d/ro\u202Eevil/conversations.sqlite");
    QCOMPARE(rwkv::app::storeErrorText(fullEvil),
             QStringLiteral("存放对话数据库 \u2068/d/ro\u202Eevil/conversations.sqlite\u2069 的磁盘已满，所以这次更改没有保存。请腾出一些空间后重试。"));
    // A model whose outputs are NaN (new-user trial, session 14: the sampler's English "invalid argument" in the
    // zh_CN window at the first reply): refused at the load, and at a reply, with the translated sentence first.
    const rwkv::Error nanLogits(rwkv::ErrorCode::InvalidLogits, "logit 3 is NaN");
    const QString nanSentence = QStringLiteral("模型的输出不是数字：文件已损坏，或者不是 RWKV-7 模型。请重新下载或复制它，或者选择另一个模型。");
    QCOMPARE(rwkv::app::modelLoadErrorText(nanLogits), nanSentence + QStringLiteral("\nlogit 3 is NaN"));
    QCOMPARE(rwkv::app::replyErrorText(nanLogits), nanSentence + QStringLiteral("\nlogit 3 is NaN"));
    QCOMPARE(rwkv::app::replyErrorText(full), rwkv::app::storeErrorText(full));  // the database's errors as before
    // Inside "Could not load … Still using …" one full stop, not "。。" (session 28's trial, F4; en: test_chat_controller).
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatController", "Could not load “%1”: %2. Still using %3.")
                 .arg(QStringLiteral("nan.safetensors"), rwkv::app::withoutFinalStop(nanSentence), QStringLiteral("m")),
             QStringLiteral("无法加载“nan.safetensors”：模型的输出不是数字：文件已损坏，或者不是 RWKV-7 模型。请重新下载或复制"
                            "它，或者选择另一个模型。仍在使用 m。"));
    QCOMPARE(QCoreApplication::translate("rwkv::app::ChatController", "Chat “%1” is damaged: %2 of its messages could not be "
                                         "read as they were saved and are shown as well as they can be (one whose kind "
                                         "is unreadable as yours). You can still read, continue, export or delete this chat.")
                 .arg(QStringLiteral("x")).arg(2),
             QStringLiteral("对话“x”已损坏：其中 2 条消息无法按保存时的样子读出，现尽量显示（无法识别类型的消息显示为你的消息）。你仍然可以阅读、继续、导出或删除这个对话。"));
    // CUDA without a driver (session 22's trial, F7: CUDA's English words were the message): a sentence, the words after.
    const rwkv::Error noDriver(rwkv::ErrorCode::BackendUnavailable,
                               "backend 'cuda:0': no NVIDIA GPU driver found: use the CPU or Vulkan (CUDA: CUDA driver "
                               "version is insufficient for CUDA runtime version)");
    QVERIFY2(rwkv::app::modelLoadErrorText(noDriver).startsWith(
                 QStringLiteral("没有找到 NVIDIA GPU 驱动程序，所以这台电脑上无法使用 CUDA。请在设置中选择 CPU 或 Vulkan 设备。\nbackend")),
             qPrintable(rwkv::app::modelLoadErrorText(noDriver)));
    // What a model of another kind is, said first; never "damaged" for a whole file, nor "(not RWKV-4, 5 or 6)" for a
    // Llama model (session 34's check).
    const rwkv::Error llama(rwkv::ErrorCode::UnsupportedModel, "l.safetensors: not an RWKV model: a Llama-style model (key "
                                                               "model.embed_tokens.weight); only RWKV-7 is supported");
    QVERIFY2(rwkv::app::modelLoadErrorText(llama).startsWith(
                 QStringLiteral("这个文件不是 RWKV 模型（详情中说明了它是什么）：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 "
                                "模型。\nl.safetensors: not an RWKV model")),
             qPrintable(rwkv::app::modelLoadErrorText(llama)));
    const rwkv::Error v6(rwkv::ErrorCode::UnsupportedModel, "v6.pth: unsupported architecture: RWKV-6 (key "
                                                            "blocks.0.att.time_maa_x); only RWKV-7 is supported");
    QCOMPARE(rwkv::app::unsupportedModelSentence(QString::fromUtf8(v6.what())),
             QStringLiteral("这是 RWKV-6 模型：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 模型。"));
    // Models → Import from disk of a cut .pth (session 32's trial: the engine's English alone after the sentence): the
    // model button's sentence, the engine's words on a details line, as ModelManagerController::importModel makes it.
    const rwkv::Error cut(rwkv::ErrorCode::TruncatedFile, "cut.pth: ZIP end-of-central-directory record not found (truncated?)");
    const QString cutWorded = rwkv::app::modelLoadErrorText(cut);
    QCOMPARE(QCoreApplication::translate("rwkv::models::ModelManagerController",
                                         "%1 cannot be used as a model, so nothing was copied. %2\nDetails: %3")
                 .arg(QStringLiteral("cut.pth"), cutWorded.section(QLatin1Char('\n'), 0, 0), cutWorded.section(QLatin1Char('\n'), 1)),
             QStringLiteral("cut.pth 无法用作模型，因此没有复制任何文件。文件不完整（下载或复制被中断了？）。请重新下载或复制。\n"
                            "详情：cut.pth: ZIP end-of-central-directory record not found (truncated?)"));
    // Incomplete by the code, not by the engine's word (session 42): a cut rwkv.cpp file's words need not say "truncated",
    // and a damaged file's may ("… in data.pkl: the file is damaged" once read "truncated: …").
    QVERIFY2(rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::TruncatedFile, "m.bin: cut"))
                 .startsWith(QStringLiteral("文件不完整（下载或复制被中断了？）。请重新下载或复制。\nm.bin: cut")),
             qPrintable(rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::TruncatedFile, "m.bin: cut"))));
    const QString damagedWorded =
        rwkv::app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode::CorruptFile, "m.pth: truncated: string needs 9 bytes"));
    QVERIFY2(!damagedWorded.startsWith(QStringLiteral("文件不完整")) &&
                 damagedWorded.startsWith(QCoreApplication::translate(
                     "EngineError", "The file is damaged: its contents do not fit together. Download or copy it again.")),
             qPrintable(damagedWorded));
    // Another file of a name already in the models folder goes in under a free name (session 33's trial, LOW).
    QCOMPARE(QCoreApplication::translate("rwkv::models::ModelManagerController",
                                         "%1 was imported as %2: the models folder already has another file named %1.")
                 .arg(QStringLiteral("mine.gguf"), QStringLiteral("mine (2).gguf")),
             QStringLiteral("mine.gguf 已导入为 mine (2).gguf：模型文件夹中已有另一个名为 mine.gguf 的文件。"));
    // A new database on a full disk, at the start (new-user trial, session 14: "… so this change was not saved").
    const rwkv::app::StartupStoreProblem atStart = rwkv::app::startupStoreProblem(full, QStringLiteral("/d/c.sqlite"));
    QCOMPARE(atStart.headline, QStringLiteral("磁盘已满：RWKV 桌面版无法建立它的对话数据库。"));
    QVERIFY2(atStart.detail.startsWith(QStringLiteral("文件：/d/c.sqlite\n存放它的磁盘没有空间")) &&
                 atStart.detail.endsWith(QStringLiteral("选择“重试”，或者用 --data-dir 指定另一个磁盘上的文件夹来启动 RWKV 桌面版。")),
             qPrintable(atStart.detail));
    const rwkv::store::StoreError ioerr("x", SQLITE_IOERR, SQLITE_IOERR_WRITE, {}, "/d/c.sqlite", "disk I/O error");
    QVERIFY2(rwkv::app::startupStoreProblem(ioerr, QStringLiteral("/d/c.sqlite")).detail.contains(QStringLiteral("（disk I/O error）")),
             qPrintable(rwkv::app::startupStoreProblem(ioerr, QStringLiteral("/d/c.sqlite")).detail));
    QVERIFY(rwkv::app::startupStoreProblem(damaged, QStringLiteral("/d/c.sqlite")).headline.isEmpty());  // its own window
    QVERIFY(rwkv::app::startupStoreProblem(nanLogits, QStringLiteral("/d/c.sqlite")).headline.isEmpty());
    // Why an import was refused, in the import banner (known defect, session 16: "未导入“x.json”：cannot import: this
    // is not an RWKV Desktop conversation; nothing was imported"). what() stays English: rwkv-cli prints it.
    const auto importRefusal = [](const QByteArray& file) -> std::pair<QString, QString> {
        try {
            rwkv::app::parseConversationFile(file);
        } catch (const rwkv::app::ImportError& e) {
            return {e.reason(), QString::fromUtf8(e.what())};
        }
        return {};
    };
    const auto [notOurs, notOursEnglish] = importRefusal(R"({"format": "nope"})");
    QCOMPARE(notOurs, QStringLiteral("这不是 RWKV 桌面版的对话"));
    QCOMPARE(notOursEnglish, QStringLiteral("cannot import: this is not an RWKV Desktop conversation; nothing was imported"));
    // What is not a file (app::refuseWhatIsNotAFile, the window's import and rwkv-cli's): a folder.
    try {
        rwkv::app::refuseWhatIsNotAFile(tmp.path());
        QFAIL("a folder was taken for a file");
    } catch (const rwkv::app::ImportError& e) {
        QCOMPARE(e.reason(), QStringLiteral("%1 是一个文件夹，不是文件").arg(tmp.path()));
        QCOMPARE(QString::fromUtf8(e.what()),
                 QStringLiteral("cannot import: %1 is a folder, not a file; nothing was imported").arg(tmp.path()));
    }
    const QByteArray head = R"({"format": "rwkv-desktop-conversation", "version": 1, "conversation": {}, "messages": )";
    QCOMPARE(importRefusal(head + R"([{"id": 1, "role": "robot", "text": "x"}]})").first,
             QStringLiteral("第 1 条消息的角色“robot”未知"));
    QCOMPARE(importRefusal(head + R"([{"id": 1.5, "role": "user", "text": "x"}]})").first,
             QStringLiteral("第 1 条消息：“id”不是整数"));
    QCOMPARE(importRefusal(QByteArray("RWKVCB01") + QByteArray(40, '\0')).first,
             QStringLiteral("对话包不完整（48 字节）"));
    // A file that is neither, named in Chinese (session 45: "它是 a PNG picture", the engine's English, before).
    const auto [png, pngEnglish] = importRefusal(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    QCOMPARE(png, QStringLiteral("这既不是 RWKV 桌面版的对话包（.rwkvchat），也不是 JSON 导出文件：它是一张 PNG 图片"));
    QCOMPARE(pngEnglish, QStringLiteral("cannot import: this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON "
                                        "export: it is a PNG picture; nothing was imported"));
    QCOMPARE(rwkv::app::foreignFileKindText(rwkv::app::foreignFileKind("version https://git-lfs.github.com/spec/v1\n")),
             QStringLiteral("一个 Git LFS 指针文件"));
    // The start without a resources folder (session 17): what is missing and where the app looked, in Chinese.
    qunsetenv("RWKV_DESKTOP_RESOURCES");
    const QString noResources = rwkv::app::missingResourcesText(QStringLiteral("/x/bin"));
    QVERIFY2(noResources.startsWith(QStringLiteral("RWKV 桌面版找不到它的资源文件夹")) &&
                 noResources.contains(QStringLiteral("/x/share/rwkv-desktop, /x/bin/resources, /x/resources, /resources")),
             qPrintable(noResources));
    // Two sentences said together (Wording::then, joinSentences: a download's reasons, an import's notes, "…
    // Still using M." after a name that is not UTF-8) join as the translation of "%1 %2" says: no ASCII space between
    // Chinese sentences (session 34's check); English keeps its space, below.
    const rwkv::models::Wording stillUsing("rwkv::app::ChatController", "Still using %1.", {QStringLiteral("m")});
    QCOMPARE(rwkv::models::folderProblem(QString()).then(stillUsing).text(), QStringLiteral("尚未设置模型文件夹。仍在使用 m。"));
    QCOMPARE(rwkv::models::joinSentences(nanSentence, stillUsing.text()), nanSentence + QStringLiteral("仍在使用 m。"));
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(rwkv::models::folderProblem(QString()).then(stillUsing).text(),
             QStringLiteral("No models folder is set. Still using m."));
    // The translation decides, not the characters at the join: English after a Chinese file name keeps its space.
    QCOMPARE(rwkv::models::joinSentences(QStringLiteral("Cannot open 模型"), stillUsing.text()),
             QStringLiteral("Cannot open 模型 Still using m."));
    QVERIFY(rwkv::app::replyErrorText(nanLogits).startsWith(QStringLiteral("The model's outputs are not numbers")));
    // English: userMessage's words (rwkv-cli's), the path isolated as in every sentence of the window.
    QCOMPARE(rwkv::app::storeErrorText(full),
             QStringLiteral("The disk holding the conversation database \u2068/d/conversations.sqlite\u2069 is full, so this "
                            "change was not saved. Free some space and try again."));
    QCOMPARE(QString::fromStdString(full.userMessage()),
             QStringLiteral("The disk holding the conversation database /d/conversations.sqlite is full, so this change was "
                            "not saved. Free some space and try again."));
    QCOMPARE(rwkv::models::folderProblem(QString()).text(), QStringLiteral("No models folder is set."));
}

// The six reasons a saved state could not be read (stateErrorText), as a turn's readout says them in zh_CN. Before
// (session 38), they were asked for under "rwkv::app::ChatSession" but filed under "rwkv::app": English.
void TestTranslations::savedStateErrorsGetChinese() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    using Kind = rwkv::store::CodecError::Kind;
    const std::pair<std::exception_ptr, QString> reasons[] = {
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::Checksum)), QStringLiteral("保存的状态已损坏：校验和不匹配")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::CutShort)), QStringLiteral("保存的状态已损坏：数据不完整")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::UnknownCodec)),
         QStringLiteral("保存的状态的格式无法被此版本读取")},
        {std::make_exception_ptr(rwkv::store::CodecError("x", Kind::Damaged)), QStringLiteral("保存的状态已损坏")},
        {std::make_exception_ptr(rwkv::store::StoreError("x", SQLITE_CORRUPT, SQLITE_CORRUPT, {}, "/d/c.sqlite")),
         QStringLiteral("保存的状态已损坏：数据库中存放它的部分已损坏")},
        {std::make_exception_ptr(std::runtime_error("x")), QStringLiteral("无法读取保存的状态")},
    };
    for (const auto& [error, chinese] : reasons) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            QCOMPARE(rwkv::app::stateErrorText(e), chinese);
        }
    }
    QCoreApplication::removeTranslator(&translator);
    try {
        throw rwkv::store::CodecError("x", Kind::CutShort);
    } catch (const std::exception& e) {
        QCOMPARE(rwkv::app::stateErrorText(e), QStringLiteral("the saved state is damaged: it is cut short"));
    }
}

// Every reason a reply can fail for, as the worker reports it (InferenceWorker::replyFailed's exception), reads as
// translated words: a Chinese sentence first, the technical text (the engine's, the store's English) on the line after
// it, never in the sentence. Before (session 37's check), every rwkv::Error but InvalidLogits and every StoreError
// storeErrorText has no words for (a damaged database, a constraint, the store's own errors) went to the banner as
// "The reply in “A” failed: <the store's English>". The cases: every ErrorCode, every primary SQLite result code (and
// the two extended ones worded apart), the store's own (code 0), a saved state that cannot be decoded, memory, an
// exception of no known kind, a thrown value that is none, the app's own ChatError (translated when thrown).
void TestTranslations::everyReplyFailureIsWorded() {
    QTemporaryDir tmp;
    QTranslator translator;
    const QString notLoaded = loadZhCatalogue(tmp, translator);
    QVERIFY2(notLoaded.isEmpty(), qPrintable(notLoaded));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    struct Failure {
        QString name;
        std::exception_ptr error;
        QString detail;  // the technical text the banner shows below the sentence; empty: none
    };
    QList<Failure> failures;
    for (int c = int(rwkv::ErrorCode::InvalidArgument); c <= int(rwkv::ErrorCode::Internal); ++c) {
        const auto code = rwkv::ErrorCode(c);
        const std::string words = std::string("engine words: ") + rwkv::to_string(code);
        failures.push_back({QString::fromLatin1(rwkv::to_string(code)),
                            std::make_exception_ptr(rwkv::Error(code, words)), QString::fromStdString(words)});
    }
    QList<std::pair<int, int>> sqliteCodes{{SQLITE_BUSY, rwkv::store::kBusyWithThisProgram},
                                           {SQLITE_CONSTRAINT, SQLITE_CONSTRAINT_COMMITHOOK}};
    for (int c = 0; c <= SQLITE_WARNING; ++c) sqliteCodes.push_back({c, c});
    for (const auto& [code, extended] : sqliteCodes) {
        const rwkv::store::StoreError e("saveTurnResult: store words [" + std::to_string(extended) + "]", code, extended,
                                        "INSERT INTO messages ...", "/d/conversations.sqlite", "SQLite's own words");
        // Where storeErrorText has its translated sentence, that sentence alone (as before); else the store's English
        // is the detail, its paths isolated (U+2068 … U+2069) as in every sentence of the window (session 42: they
        // were bare here, so a folder named with U+202E turned the detail around).
        failures.push_back({QStringLiteral("SQLite %1/%2").arg(code).arg(extended), std::make_exception_ptr(e),
                            rwkv::app::translatedStoreError(e).isEmpty()
                                ? QString::fromStdString(e.userMessage(rwkv::store::Paths::Isolated))
                                : QString()});
    }
    failures.push_back({QStringLiteral("snapshot codec"),
                        std::make_exception_ptr(rwkv::store::CodecError("the stored snapshot is not a zstd frame")),
                        QStringLiteral("the stored snapshot is not a zstd frame")});
    failures.push_back({QStringLiteral("bad_alloc"), std::make_exception_ptr(std::bad_alloc()),
                        QString::fromLatin1(std::bad_alloc().what())});
    failures.push_back({QStringLiteral("another exception"),
                        std::make_exception_ptr(std::runtime_error("some library's words")),
                        QStringLiteral("some library's words")});
    failures.push_back({QStringLiteral("not an exception"), std::make_exception_ptr(7), QString()});
    const QString chatWords =
        QCoreApplication::translate("rwkv::app::ChatSession", "Conversation %1 does not exist.").arg(3);
    failures.push_back({QStringLiteral("ChatError"), std::make_exception_ptr(rwkv::app::ChatError(chatWords.toStdString())),
                        QString()});
    QVERIFY(failures.size() > 45);
    for (const Failure& f : failures) {
        const QString text = rwkv::app::replyErrorText(f.error);
        const QString sentence = text.section(QLatin1Char('\n'), 0, 0);
        const QString said = f.name + QStringLiteral(": ") + text;
        QVERIFY2(!sentence.trimmed().isEmpty() && hasCjk(sentence), qPrintable(said));
        QVERIFY2(f.detail.isEmpty() ? text == sentence : text == sentence + QLatin1Char('\n') + f.detail, qPrintable(said));
        // No technical text in the sentence (SQLite's own words may be, in brackets, where storeErrorText puts them).
        QVERIFY2(!sentence.contains(QLatin1String("engine words")) && !sentence.contains(QLatin1String("store words")) &&
                     (f.detail.isEmpty() || !sentence.contains(f.detail)),
                 qPrintable(said));
    }
    QCOMPARE(rwkv::app::replyErrorText(failures.back().error), chatWords);
    QCoreApplication::removeTranslator(&translator);
    // In English too: a sentence of the app's, then the same detail (ChatError's was made in Chinese, above).
    failures.removeLast();
    for (const Failure& f : failures) {
        const QString text = rwkv::app::replyErrorText(f.error);
        const QString sentence = text.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(!sentence.trimmed().isEmpty() && !sentence.contains(QLatin1String("engine words")) &&
                     !sentence.contains(QLatin1String("store words")) && !hasCjk(text),
                 qPrintable(f.name + QStringLiteral(": ") + text));
    }
}

// New-user trial, session 19: the zh_CN Import / Export dialogs (Qt 6.4's QtQuick.Dialogs FileDialog.qml) said "File
// name" and "Filter" in English: Debian 12's qtdeclarative_zh_CN.qm has no context FileDialog.
// Debian 12's qtdeclarative_zh_TW.qm has no context FileDialog either (i18n/qt-dialogs_zh_TW.ts).
void TestTranslations::qtFileDialogGetsTheLanguage_data() {
    QTest::addColumn<QString>("lang");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("zh_TW") << QStringLiteral("zh_TW");
    QTest::newRow("ja") << QStringLiteral("ja");  // qtdeclarative_ja.qm has no context FileDialog either
}

void TestTranslations::qtFileDialogGetsTheLanguage() {
    QFETCH(QString, lang);
    const QString dialog = QLibraryInfo::path(QLibraryInfo::QmlImportsPath) +
                           QStringLiteral("/QtQuick/Dialogs/quickimpl/qml/FileDialog.qml");
    QFile qml(dialog);
    if (!qml.open(QIODevice::ReadOnly)) QSKIP(qPrintable(QStringLiteral("no ") + dialog));
    QStringList sources;
    static const QRegularExpression re(QStringLiteral("qsTr\\(\"([^\"]+)\"\\)"));
    for (auto m = re.globalMatch(QString::fromUtf8(qml.readAll())); m.hasNext();) sources << m.next().captured(1);
    QVERIFY2(sources.contains(QStringLiteral("File name")), qPrintable(sources.join(u',')));

    const QString ts = kSource + QStringLiteral("/i18n/qt-dialogs_%1.ts").arg(lang);
    QVERIFY2(QFile::exists(ts), qPrintable(ts));
    for (const TsMessage& m : readTs(ts)) {
        QVERIFY2(m.type.isEmpty() && m.context == QLatin1String("FileDialog"), qPrintable(m.context + u' ' + m.source));
        QVERIFY2(sources.contains(m.source), qPrintable(m.source + QStringLiteral(": not in ") + dialog));
    }
    QTemporaryDir tmp;
    const QString qm = tmp.filePath(QStringLiteral("qt-dialogs_%1.qm").arg(lang));
    QProcess lrelease;
    lrelease.setProcessChannelMode(QProcess::MergedChannels);
    lrelease.start(QStringLiteral(RWKV_LRELEASE), {ts, QStringLiteral("-qm"), qm});
    QVERIFY(lrelease.waitForFinished(60000));
    QVERIFY2(lrelease.exitCode() == 0, lrelease.readAll().constData());
    QTranslator qt, ours;
    const QLocale zh(lang);
    const bool haveQt = qt.load(zh, QStringLiteral("qt"), QStringLiteral("_"),
                                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (haveQt) QCoreApplication::installTranslator(&qt);
    QVERIFY(ours.load(qm));
    QVERIFY(QCoreApplication::installTranslator(&ours));
    QStringList english;
    for (const QString& source : sources) {
        const QString t = QCoreApplication::translate("FileDialog", source.toUtf8().constData());
        const bool translated = lang == QLatin1String("ja") ? hasJapanese(t) && notJapanese(t).isEmpty()
                                                            : hasCjk(t) && (lang == QLatin1String("zh_CN") ||
                                                                            simplifiedOnly(t).isEmpty());
        if (!translated)
            english << source + QStringLiteral(" → ") + t;
    }
    QCoreApplication::removeTranslator(&ours);
    if (haveQt) QCoreApplication::removeTranslator(&qt);
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
