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
//    source does, writes "token" (never トークン) and 応答 for a reply (never 返信), has no character only Simplified
//    Chinese writes and quotes with 「」, not “”.
//  * the hand-written QCoreApplication::translate("Context", …) helpers' contexts match the contexts lupdate files their
//    strings under, string by string (lupdate's locations: the helper each call goes to).
// What the code gets at run time (the compiled catalogues, Qt's file dialog): test_translations_at_run_time.cpp.
// Shared helpers: translation_test_util.h.
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
#include "translation_test_util.h"

#include <sqlite3.h>

#include <algorithm>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

using namespace translation_test;

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void committedFilesAreFinished_data();
    void committedFilesAreFinished();
    void lupdateFindsNothingNewOrStale_data() { committedFilesAreFinished_data(); }
    void lupdateFindsNothingNewOrStale();
    void handWrittenContextsExist();
    void helpersAskWhereLupdateFiles();
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
                // "token" stays as it is, as the readouts write it ("%1 token/秒"): one window showed トークン beside
                // it (session 51's Memory line).
                QVERIFY2(!t.contains(QStringLiteral("トークン")),
                         qPrintable(QStringLiteral("トークン for token — ") + said));
                // The model's reply is 応答 (i18n/README's glossary): "3 replies" said 3 件の応答 under a reply whose
                // New chat from here tooltip said この返信 (session 51's loose ends).
                QVERIFY2(!t.contains(QStringLiteral("返信")), qPrintable(QStringLiteral("返信 for a reply (応答) — ") + said));
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
