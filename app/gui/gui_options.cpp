// gui_options.cpp — QCommandLineParser setup for rwkv-desktop (see gui_options.h).
#include "gui_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QTextStream>
#include <QUrl>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "app_paths.h"
#include "app_settings.h"  // kLowestApiPort
#include "bidi_control.h"  // forTerminal
#include "screenshot_hook.h"
#include "store/store_error.h"  // fileCreationProblem

namespace rwkv::gui {

namespace {

/// Why the folder of `--set dataDir=VALUE` cannot hold the conversations, in the words of the next start's question
/// (resolveDataDir's), or empty when it can: it is created if missing (and removed again: the Settings page's choice is
/// used at the next start) and a file can be written in it. An empty VALUE (the standard folder) is always usable.
QString dataDirProblem(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) return {};
    const QString dir = QDir(path).absolutePath();
    QString missing;  // the outermost folder this check creates
    for (QFileInfo at(dir); !at.exists(); at = QFileInfo(at.absolutePath())) {
        missing = at.absoluteFilePath();
        if (at.absolutePath() == at.absoluteFilePath()) break;
    }
    QString problem;
    if (rwkv::app::resolveDataDir(dir, &problem).isEmpty())
        return problem.isEmpty() ? QCoreApplication::translate("main", "“%1” could not be created.").arg(dir) : problem;
    // The reason in words (store::fileCreationProblem): /proc as root said "(No such file or directory)" (session 53).
    if (const QString why = rwkv::store::fileCreationProblem(dir, rwkv::store::Words::Translated); !why.isEmpty())
        problem = QCoreApplication::translate("main", "The folder “%1” cannot be written (%2).").arg(dir, why);
    if (!missing.isEmpty())  // created only to try it: removed, innermost first, while empty
        for (QString d = dir; d.startsWith(missing) && QDir().rmdir(d); d = QFileInfo(d).absolutePath())
            if (d == missing) break;
    return problem;
}

/// Terminal columns a character takes: 2 for East Asian wide characters (CJK ideographs, kana, Hangul, fullwidth
/// forms and CJK punctuation), 1 otherwise.
int columns(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                   (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                   (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD)
               ? 2
               : 1;
}

/// A line may break between two characters (no space between them) only next to a wide character, never before a
/// closing mark (、，。）…) nor after an opening one (（“…): inside an ASCII word (an option value such as
/// samplingPreset) it never breaks.
bool breakBetween(char32_t a, char32_t b) {
    static const std::u32string noBreakBefore = U"、，。：；！？）」』》〉】”’,.:;!?)";
    static const std::u32string noBreakAfter = U"（「『《〈【“‘(";
    if (columns(a) != 2 && columns(b) != 2) return false;
    return noBreakBefore.find(b) == std::u32string::npos && noBreakAfter.find(a) == std::u32string::npos;
}

/// `text` wrapped to lines of at most `width` terminal columns, broken at spaces and beside wide characters only
/// (breakBetween); a word longer than a line stays whole. Text inside “…” is kept on one line (a button's name).
QStringList wrapColumns(const QString& text, int width) {
    const std::u32string t = text.toStdU32String();
    struct Atom {
        std::u32string text;
        int cols = 0;
        bool spaceBefore = false;
    };
    std::vector<Atom> atoms;
    bool space = false, quoted = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char32_t c = t[i];
        if (c == U' ' && !quoted) {
            space = true;
            continue;
        }
        const bool join = !atoms.empty() && !space && (quoted || !breakBetween(t[i - 1], c));
        if (!join) atoms.push_back({{}, 0, space});
        atoms.back().text += c;
        atoms.back().cols += columns(c);
        if (c == U'“') quoted = true;
        if (c == U'”') quoted = false;
        space = false;
    }
    QStringList lines;
    std::u32string line;
    int cols = 0;
    for (const Atom& a : atoms) {
        const int add = (cols > 0 && a.spaceBefore ? 1 : 0) + a.cols;
        if (cols > 0 && cols + add > width) {
            lines << QString::fromStdU32String(line);
            line.clear();
            cols = 0;
        }
        if (cols > 0 && a.spaceBefore) line += U' ', ++cols;
        line += a.text;
        cols += a.cols;
    }
    if (!line.empty() || lines.isEmpty()) lines << QString::fromStdU32String(line);
    return lines;
}

/// rwkv-desktop --help as QCommandLineParser lays it out (usage, description, "Options:", names, descriptions in a
/// column to 79 terminal columns), but wrapped by wrapColumns: Qt counts characters, not columns, and breaks a
/// Chinese line anywhere, splitting option values ("sampl" / "ingPreset") so they could not be copied (new-user trial,
/// session 20, F16).
QString helpText(const QString& description, const QList<QCommandLineOption>& options) {
    // Qt's own strings, in Qt's translations (qtbase_*.qm, context QCommandLineParser: not in i18n/*.ts, so named
    // through a constant), as QCommandLineParser::helpText() says them.
    static const char* const kQtContext = "QCommandLineParser";
    const auto qtText = [](const char* s) { return QCoreApplication::translate(kQtContext, s); };
    QList<QCommandLineOption> all{
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, qtText("Displays help on commandline options.")),
        QCommandLineOption(QStringLiteral("help-all"), qtText("Displays help including Qt specific options.")),
        QCommandLineOption({QStringLiteral("v"), QStringLiteral("version")}, qtText("Displays version information."))};
    all += options;
    QStringList names;
    qsizetype nameWidth = 0;
    for (const QCommandLineOption& o : all) {
        QStringList dashed;
        for (const QString& n : o.names()) dashed << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        QString name = dashed.join(QStringLiteral(", "));
        if (!o.valueName().isEmpty()) name += QStringLiteral(" <") + o.valueName() + QLatin1Char('>');
        names << name;
        nameWidth = std::max(nameWidth, name.size());
    }
    const int indent = 2 + int(nameWidth) + 2;
    const int width = std::max(20, 79 - indent);
    QString text = qtText("Usage: %1").arg(QCoreApplication::arguments().value(0)) + QLatin1Char(' ') + qtText("[options]") +
                   QLatin1Char('\n') + description + QStringLiteral("\n\n") + qtText("Options:") + QLatin1Char('\n');
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QStringList lines = wrapColumns(all[i].description(), width);
        text += QStringLiteral("  ") + names[i].leftJustified(indent - 2) + lines.first() + QLatin1Char('\n');
        for (qsizetype k = 1; k < lines.size(); ++k) text += QString(indent, QLatin1Char(' ')) + lines[k] + QLatin1Char('\n');
    }
    return text;
}

}  // namespace

GuiOptions parseGuiOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "RWKV Desktop — chat with RWKV-7 models on your computer"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("main", "Folder for conversations.sqlite."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QCoreApplication::translate("main", "Model file to load at start, this time only (otherwise the model "
                                                                       "chosen last, or the demo model)."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption apiPort(
        QStringLiteral("api-port"),
        QCoreApplication::translate("main", "Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this "
                                            "time only (otherwise as Settings → Local API server says)."),
        QStringLiteral("PORT"));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QCoreApplication::translate("main", "Test hook: send TEXT once the model is loaded."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Test hook: save the window to FILE after the reply (or after loading), then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QCoreApplication::translate("main", "Test hook time limit in seconds (default 120)."),
                                     QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption keys(
        QStringLiteral("keys"),
        QCoreApplication::translate("main", "Test hook: with --screenshot, press these keys in turn once the model is "
                                            "loaded (with --send: once the reply has come; comma-separated, e.g. "
                                            "Tab,Tab,Return), then save the window."),
        QStringLiteral("KEYS"));
    const QCommandLineOption screenshotAt(
        QStringLiteral("screenshot-at"),
        QCoreApplication::translate("main", "Test hook: with --screenshot, save the window S seconds after start "
                                            "(a download or a reply in progress) instead, then quit."),
        QStringLiteral("S"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "Interface language, for example zh_CN or en (default: the system language)."),
        QStringLiteral("LANG"));
    const QCommandLineOption catalog(
        QStringLiteral("catalog"),
        QCoreApplication::translate("main", "Model catalog (models.json) to use instead of the bundled one."),
        QStringLiteral("FILE"));
    const QCommandLineOption download(
        QStringLiteral("download"),
        QCoreApplication::translate("main", "Download the catalog model ID, verify it and load it (the demo model "
                                            "answers meanwhile)."),
        QStringLiteral("ID"));
    const QCommandLineOption set(
        QStringLiteral("set"),
        QCoreApplication::translate("main", "Change a setting at run time, as the Settings page does (repeatable): "
                                            "backend, weightType, threads, samplingPreset, dataDir, language, theme, "
                                            "textSize, apiServer, apiPort, and the Custom preset's customTemperature, "
                                            "customTopP, customPresencePenalty, customFrequencyPenalty, "
                                            "customPenaltyDecay, customMaxTokens."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption open(
        QStringLiteral("open"),
        QCoreApplication::translate("main", "Show a page at start: settings, about, models, or presets (the sampling "
                                            "presets beside Send)."),
        QStringLiteral("PAGE"));
    const QCommandLineOption select(
        QStringLiteral("select"),
        QCoreApplication::translate("main", "Test hook: open conversation ID at start (repeatable; before the model loads)."),
        QStringLiteral("ID"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        QCoreApplication::translate("main", "Test hook: search the conversations for TEXT at start (repeatable)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption importFile(
        QStringLiteral("import"),
        QCoreApplication::translate("main", "Import a conversation bundle (.rwkvchat) or JSON export at start "
                                            "(repeatable: each file in turn, each with its own outcome line)."),
        QStringLiteral("FILE"));
    const QCommandLineOption ifDamaged(
        QStringLiteral("if-damaged"),
        QCoreApplication::translate("main", "When the conversation database is damaged: ask (default), recover (rename "
                                            "it, never delete it, and put what can be read into a new one), or "
                                            "move-aside (rename it and start with an empty history)."),
        QStringLiteral("ACTION"), QStringLiteral("ask"));
    const QCommandLineOption ifFolderUnusable(
        QStringLiteral("if-folder-unusable"),
        QCoreApplication::translate("main", "When the conversations folder chosen in Settings cannot be used: ask "
                                            "(default), or use-standard (the standard folder this time)."),
        QStringLiteral("ACTION"), QStringLiteral("ask"));
    const QCommandLineOption replyPace(
        QStringLiteral("reply-pace"),
        QCoreApplication::translate("main", "Test hook: pause MS milliseconds after each piece of a streamed reply (to "
                                            "scroll while it streams) and of a conversation read again (as on a slow "
                                            "device)."),
        QStringLiteral("MS"));
    const QCommandLineOption saveRetry(
        QStringLiteral("save-retry-ms"),
        QCoreApplication::translate("main", "Test hook: try to save a reply not saved yet (a full disk, a locked "
                                            "database) every MS milliseconds instead of every 5 seconds."),
        QStringLiteral("MS"));
    const QCommandLineOption startupClick(
        QStringLiteral("startup-click"),
        QCoreApplication::translate("main", "Test hook: click the button TEXT of the first start-up problem window (for "
                                            "example “Try again”) once it is shown."),
        QStringLiteral("TEXT"));
    const QCommandLineOption startupClickWhen(
        QStringLiteral("startup-click-when"),
        QCoreApplication::translate("main", "Test hook: with --startup-click, click only once FILE exists."),
        QStringLiteral("FILE"));
    const QCommandLineOption startupKeys(
        QStringLiteral("startup-keys"),
        QCoreApplication::translate("main", "Test hook: press KEYS (for example Tab,Return) in the first start-up "
                                            "problem window once it is shown, in place of a click."),
        QStringLiteral("KEYS"));
    const QList<QCommandLineOption> options{dataDir,   model,     apiPort,    lang,       catalog,    download,   set,
                                            open,      send,      screenshot, screenshotAt, keys,     timeout,
                                            select,    search,    importFile, ifDamaged,  ifFolderUnusable,
                                            replyPace, saveRetry, startupClick, startupClickWhen, startupKeys};
    parser.addOptions(options);
    // --help is printed here (helpText: wrapped by terminal columns, never inside a word); errors, --version and
    // --help-all (Qt's own options too) stay QCommandLineParser's.
    if (parser.parse(app.arguments()) && parser.isSet(QStringLiteral("help")) && !parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << helpText(parser.applicationDescription(), options);
        ::exit(0);
    }
    parser.process(app);

    GuiOptions o;
    o.dataDir = parser.value(dataDir);
    o.modelPath = parser.value(model);
    o.sendText = parser.value(send);
    o.selectIds = parser.values(select);
    o.searches = parser.values(search);
    o.importFiles = parser.values(importFile);  // every one (value() gave the last alone: session 34's check)
    o.screenshot = parser.value(screenshot);
    o.language = parser.value(lang);
    o.catalog = parser.value(catalog);
    o.downloadId = parser.value(download);
    o.settings = parser.values(set);
    o.openPage = parser.value(open);
    o.ifDamaged = parser.value(ifDamaged);
    o.startupClick = parser.value(startupClick);
    o.startupClickWhen = parser.value(startupClickWhen);
    if (parser.isSet(startupKeys)) o.startupKeys = parser.value(startupKeys).split(QLatin1Char(','));
    if (o.ifDamaged != QLatin1String("ask") && o.ifDamaged != QLatin1String("recover") &&
        o.ifDamaged != QLatin1String("move-aside")) {
        QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --if-damaged must be ask, recover "
                                                                   "or move-aside, not '%1'. See --help.")
                                   .arg(o.ifDamaged)
                            << "\n";
        ::exit(1);
    }
    o.ifFolderUnusable = parser.value(ifFolderUnusable);
    if (o.ifFolderUnusable != QLatin1String("ask") && o.ifFolderUnusable != QLatin1String("use-standard")) {
        QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --if-folder-unusable must be ask or "
                                                                   "use-standard, not '%1'. See --help.")
                                   .arg(o.ifFolderUnusable)
                            << "\n";
        ::exit(1);
    }
    const QStringList pages{QStringLiteral("settings"), QStringLiteral("about"), QStringLiteral("models"),
                            QStringLiteral("presets")};
    if (!o.openPage.isEmpty() && !pages.contains(o.openPage)) {
        QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --open must be settings, about, models "
                                                                   "or presets, not '%1'. See --help.")
                                   .arg(o.openPage)
                            << "\n";
        ::exit(1);
    }
    // --set dataDir: a folder that cannot hold the conversations is refused now, as the Settings page's folder dialog
    // would not offer it, instead of being saved and asked about at the next start (new-user trial, session 20, F18).
    // The other keys are checked by main.cpp (AppSettings::check) before anything is saved.
    for (const QString& kv : o.settings) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0 || kv.left(eq).trimmed() != QLatin1String("dataDir")) continue;
        if (const QString why = dataDirProblem(kv.mid(eq + 1).trimmed()); !why.isEmpty()) {
            // For a terminal: the reason's path without the isolates the window's sentences put around it.
            QTextStream(stderr) << rwkv::app::forTerminal(
                                       QCoreApplication::translate("main", "rwkv-desktop: --set %1 was not applied: %2")
                                           .arg(kv, why))
                                << "\n";
            ::exit(1);
        }
    }
    // Seconds are checked: "--screenshot-at abc" used to read as 0 and was silently ignored.
    const auto seconds = [&parser](const QCommandLineOption& option, int absent) {
        if (!parser.isSet(option)) return absent;
        bool ok = false;
        const int s = parser.value(option).toInt(&ok);
        if (!ok || s < 1) {
            QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --%1 must be a whole number of "
                                                                       "seconds, 1 or more, not '%2'. See --help.")
                                       .arg(option.names().constFirst(), parser.value(option))
                                << "\n";
            ::exit(1);
        }
        return s;
    };
    o.timeoutS = seconds(timeout, 120);
    o.screenshotAtS = seconds(screenshotAt, 0);
    if (parser.isSet(apiPort)) {
        bool ok = false;
        o.apiPort = parser.value(apiPort).toInt(&ok);
        // The server's range (AppSettings::kLowestApiPort): it said "from 1 to 65535" here, the banner "below 1024"
        if (!ok || o.apiPort < rwkv::app::AppSettings::kLowestApiPort || o.apiPort > 65535) {
            QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --api-port must be a port number "
                                                                       "from %1 to 65535, not '%2'.")
                                       .arg(QString::number(rwkv::app::AppSettings::kLowestApiPort),
                                            parser.value(apiPort))
                                << "\n";
            ::exit(1);
        }
    }
    if (parser.isSet(replyPace)) {
        bool ok = false;
        o.replyPaceMs = parser.value(replyPace).toInt(&ok);
        if (!ok || o.replyPaceMs < 1 || o.replyPaceMs > 1000) {
            QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --reply-pace must be a whole number "
                                                                       "of milliseconds from 1 to 1000, not '%1'.")
                                       .arg(parser.value(replyPace))
                                << "\n";
            ::exit(1);
        }
    }
    if (parser.isSet(saveRetry)) {
        bool ok = false;
        o.saveRetryMs = parser.value(saveRetry).toInt(&ok);
        if (!ok || o.saveRetryMs < 100 || o.saveRetryMs > 60000) {
            QTextStream(stderr) << QCoreApplication::translate("main", "rwkv-desktop: --save-retry-ms must be a whole "
                                                                       "number of milliseconds from 100 to 60000, not "
                                                                       "'%1'.")
                                       .arg(parser.value(saveRetry))
                                << "\n";
            ::exit(1);
        }
    }
    // Options that only steer a test hook do nothing without it: say so instead of ignoring them.
    const auto refuse = [](const QString& why) {
        QTextStream(stderr) << why << " See --help.\n";
        ::exit(1);
    };
    for (const QString& id : o.selectIds) {  // before, "--select abc" was reported and then ignored
        bool ok = false;
        if (id.toLongLong(&ok) <= 0 || !ok)
            refuse(QCoreApplication::translate("main", "rwkv-desktop: --select needs a conversation id (a whole number, 1 "
                                                       "or more), not '%1'.").arg(id));
    }
    if (parser.isSet(screenshotAt) && o.screenshot.isEmpty())
        refuse(QCoreApplication::translate("main", "rwkv-desktop: --screenshot-at says when to save the window: it "
                                                   "needs --screenshot FILE."));
    for (const QString& k : o.startupKeys)  // one key each, read back as written (as --keys, below)
        if (const QKeySequence key(k);
            key.count() != 1 || key.toString(QKeySequence::PortableText).compare(k, Qt::CaseInsensitive) != 0)
            refuse(QCoreApplication::translate("main", "rwkv-desktop: --startup-keys takes keys such as Tab,Return, "
                                                       "not '%1'.").arg(k));
    if (parser.isSet(startupClickWhen) && o.startupClick.isEmpty())
        refuse(QCoreApplication::translate("main", "rwkv-desktop: --startup-click-when says when to click: it needs "
                                                   "--startup-click TEXT."));
    if (parser.isSet(keys)) {
        if (o.screenshot.isEmpty())  // with --send: pressed once the reply has come (screenshot_hook.h)
            refuse(QCoreApplication::translate("main", "rwkv-desktop: --keys needs --screenshot FILE."));
        for (const QString& k : parser.value(keys).split(QLatin1Char(','))) {
            // Shortcut:KEY: KEY through the window's shortcuts first (screenshot_hook.h)
            const QString plain = k.startsWith(QLatin1String("Shortcut:"), Qt::CaseInsensitive) ? k.mid(9) : k;
            const QKeySequence key(plain);  // one key that reads back as written ("Tabb" parses, as something else)
            // WheelUp, WheelDown, ScrollBarUp, DragUp, DragDown, SelectInReply, [Right|Middle]Click:NAME, Hover:NAME;
            // ClipboardToSelection, Close, Wait:MS, WaitFile:PATH (screenshot_hook.h).
            if (!rwkv::gui::ScreenshotHook::isScroll(k) && !rwkv::gui::ScreenshotHook::isWait(k) &&
                !rwkv::gui::ScreenshotHook::isWaitFile(k) &&
                k.compare(QLatin1String("ClipboardToSelection"), Qt::CaseInsensitive) != 0 &&
                k.compare(QLatin1String("Close"), Qt::CaseInsensitive) != 0 &&
                (key.count() != 1 || key.toString(QKeySequence::PortableText).compare(plain, Qt::CaseInsensitive) != 0))
                refuse(QCoreApplication::translate("main", "rwkv-desktop: --keys: '%1' is not a key (Tab, Return, "
                                                           "Shift+Tab, ...).").arg(k));
            o.keys << k;
        }
    }
    if (parser.isSet(timeout) && o.screenshot.isEmpty() && o.sendText.isEmpty())
        refuse(QCoreApplication::translate("main", "rwkv-desktop: --timeout limits the --send and --screenshot test "
                                                   "hooks: it needs one of them."));
    return o;
}

}  // namespace rwkv::gui
