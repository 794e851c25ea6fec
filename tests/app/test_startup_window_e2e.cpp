// test_startup_window_e2e.cpp — the start-up problem window of the real rwkv-desktop (app/gui/startup_error.cpp, its
// loop in app/gui/main.cpp) clicked as a user clicks it: the --startup-click test hook sends a mouse press and release
// to the centre of the named button once the window is drawn. Here its Try again on a disk too full to set up the
// conversation database (RLIMIT_FSIZE, SIGXFSZ ignored: a write past it fails with EFBIG, as on a full disk).
// Under Xvfb when available, else offscreen (tests/e2e/desktop_process.h). Session 14 added the button; no test had
// clicked it. Also the data folder's windows: the chosen folder unusable (the standard one offered), both unusable.
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include "bidi_control.h"  // forTerminal: stderr's form of a sentence
#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

class TestStartupWindowE2e : public QObject {
    Q_OBJECT

private slots:
    void tryAgainOnAStillFullDiskAsksAgain();
    void tryAgainAfterRoomWasMadeOpensTheWindow();
    void databaseThatIsAFolderIsNamedAsOne();
    void databaseThatIsALinkToNothingIsNamedAsOne();
    void chosenFolderWhereNoDatabaseCanBeMadeOffersTheStandardOne();
    void neitherFolderUsableNamesBothAndTriesAgain();
};

namespace {

const QString kHeadline = QStringLiteral("RWKV Desktop cannot write its conversation database.");

/// Starts rwkv-desktop with `args`, its files limited to `blocks` x 512 bytes (a soft limit, which the test may lift
/// while it runs; the hard limit stays unlimited) and SIGXFSZ ignored, so that a write past the limit fails with EFBIG as
/// on a full disk. The limit is set by the sh that starts the app, inside own-display.sh (whose own files must be written), as
/// tests/e2e/desktop_process.h starts it otherwise; finishDesktop() reads how it ended.
void startWithFileLimit(rwkv::e2e::DesktopProcess& p, const QString& configDir, int blocks, const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("RWKV_DESKTOP_DATA_DIR"));
    env.remove(QStringLiteral("RWKV_DESKTOP_LANG"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir);
    const QStringList shell{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                            QStringLiteral("trap '' XFSZ; ulimit -S -f %1; \"$0\" \"$@\"; s=$?; echo \"").arg(blocks) +
                                rwkv::e2e::kStatusMark + QStringLiteral("$s\" >&2; exit $s"),
                            QStringLiteral(RWKV_DESKTOP_BIN)};
    const QStringList display = rwkv::e2e::ownDisplayCommand();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), display.isEmpty() ? QStringLiteral("offscreen") : QStringLiteral("xcb"));
    if (display.isEmpty()) {
        p.setProgram(shell.first());
        p.setArguments(shell.mid(1) + args);
    } else {
        p.setProgram(display.first());
        p.setArguments(display.mid(1) + shell + args);
    }
    p.setProcessEnvironment(env);
    p.start();
}

/// Reads `p`'s `channel` into `soFar` until it holds `text` (true), `p` ends or `ms` pass.
bool waitFor(QProcess& p, QProcess::ProcessChannel channel, QByteArray& soFar, const QString& text, int ms) {
    const QDeadlineTimer deadline(ms);
    p.setReadChannel(channel);
    for (;;) {
        soFar += channel == QProcess::StandardError ? p.readAllStandardError() : p.readAllStandardOutput();
        if (QString::fromUtf8(soFar).contains(text)) return true;
        if (deadline.hasExpired() || p.state() != QProcess::Running) return false;
        p.waitForReadyRead(200);
    }
}

/// The process id of the rwkv-desktop whose command line names `dataDir` (under own-display.sh and sh), or 0.
pid_t desktopPid(const QString& dataDir) {
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool number = false;
        const pid_t pid = entry.toInt(&number);
        if (!number) continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (!cmdline.open(QIODevice::ReadOnly)) continue;
        const QList<QByteArray> argv = cmdline.readAll().split('\0');
        if (!argv.isEmpty() && argv.first().endsWith("rwkv-desktop") && argv.contains(QFile::encodeName(dataDir)))
            return pid;
    }
    return 0;
}

}  // namespace

// The disk is still full when Try again is clicked (files limited to 48 KB): the database is tried again, fails
// again, and the same window comes back (the second one is saved by --screenshot and ends the app with status 1).
// Nothing half made is left.
void TestStartupWindowE2e::tryAgainOnAStillFullDiskAsksAgain() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    rwkv::e2e::DesktopProcess app;
    const QString png = dir.filePath(QStringLiteral("again.png"));
    startWithFileLimit(app, config.path(), 96,
                       {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--startup-click"),
                        QStringLiteral("Try again"), QStringLiteral("--screenshot"), png});
    QVERIFY(app.waitForFinished(90000));
    const QString out = QString::fromUtf8(app.readAllStandardOutput());
    QString err;
    const int status = rwkv::e2e::finishDesktop(app, &err);
    QVERIFY2(status == 1, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(status).arg(out, err)));
    QVERIFY2(out.contains(QStringLiteral("clicked: Try again")), qPrintable(out + err));
    QCOMPARE(err.count(kHeadline), 2);  // asked, clicked, asked again
    QVERIFY(QFileInfo(png).size() > 0);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("conversations.sqlite*")}, QDir::Files), QStringList{});
}

// A disk so full that not even the folder's lock file could be written (files limited to 0 bytes). Room is made while
// the window is open (the running app's file-size limit lifted with prlimit, as deleting files frees a disk), then Try
// again is clicked: the database is set up, the chat window opens with the demo model loaded, and the folder's lock is
// taken, so a second rwkv-desktop on the same folder is refused. Before, the app ran without the lock it had failed to
// make at first, and the second window opened on the same conversations (by hand on a full 1 MB tmpfs, session 15).
void TestStartupWindowE2e::tryAgainAfterRoomWasMadeOpensTheWindow() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString go = config.filePath(QStringLiteral("room-made"));
    rwkv::e2e::DesktopProcess app;
    startWithFileLimit(app, config.path(), 0,
                       {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--startup-click"),
                        QStringLiteral("Try again"), QStringLiteral("--startup-click-when"), go,
                        QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("chat.png")),
                        QStringLiteral("--screenshot-at"), QStringLiteral("40")});
    QVERIFY(app.waitForStarted(10000));
    QByteArray errSoFar, outSoFar;
    QVERIFY2(waitFor(app, QProcess::StandardError, errSoFar, kHeadline, 60000), errSoFar.constData());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("rwkv-desktop.lock"))));  // it could not be made either
    const pid_t pid = desktopPid(dir.path());
    QVERIFY(pid > 0);
    const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
    QCOMPARE(::prlimit(pid, RLIMIT_FSIZE, &unlimited, nullptr), 0);
    QFile(go).open(QIODevice::WriteOnly);  // now the hook clicks
    QVERIFY2(waitFor(app, QProcess::StandardOutput, outSoFar, QStringLiteral("model: "), 60000), outSoFar.constData());
    QVERIFY(outSoFar.contains("clicked: Try again"));

    const rwkv::e2e::DesktopRun second = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--screenshot"), config.filePath(QStringLiteral("2.png"))},
        60000, false, config.path());
    // Exit 0 where the running window was brought forward, 1 where its notice opened instead.
    const bool handedOver = second.err.contains(QStringLiteral("its window was brought forward"));
    QVERIFY2(second.exitCode == (handedOver ? 0 : 1) &&
                 second.err.contains(QStringLiteral("RWKV Desktop is already open with this data folder.")),
             qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(second.exitCode).arg(second.out, second.err)));

    rwkv::e2e::captureNow(app);  // nothing more to wait for: the window is saved now (at the latest at 40 s)
    QVERIFY(app.waitForFinished(90000));
    const QString out = QString::fromUtf8(outSoFar + app.readAllStandardOutput());
    QString err;
    const int status = rwkv::e2e::finishDesktop(app, &err);
    err.prepend(QString::fromUtf8(errSoFar));
    QVERIFY2(status == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(status).arg(out, err)));
    QCOMPARE(err.count(kHeadline), 1);
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("chat.png"))).size() > 0);
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    QVERIFY(!store.isReadOnly());
    QCOMPARE(store.listConversations().size(), 0);
}

// Session 23's trial (T12): conversations.sqlite is a folder. The window said "Cannot open the conversation database
// … (unable to open database file). Check that its folder exists and can be read." — the folder was fine; the file was
// the folder. Now it names the folder in the file's place and what to do, in the window's language (zh_CN here too).
void TestStartupWindowE2e::databaseThatIsAFolderIsNamedAsOne() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    QVERIFY(QDir().mkpath(db));
    const struct {
        QStringList lang;
        QString sentence;
    } cases[] = {
        {{}, QStringLiteral("The conversation database \u2068%1\u2069 is a folder, not a database file: move or rename it.").arg(db)},
        {{QStringLiteral("--lang"), QStringLiteral("zh_CN")},
         QStringLiteral("对话数据库 \u2068%1\u2069 是一个文件夹，不是数据库文件：请移走它或给它改名。").arg(db)},
    };
    for (const auto& c : cases) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            c.lang + QStringList{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--screenshot"),
                                 dir.filePath(QStringLiteral("folder.png"))},
            60000, false, config.path());
        QCOMPARE(r.exitCode, 1);  // Quit: nothing to offer for a folder given with --data-dir
        QVERIFY2(r.err.contains(rwkv::app::forTerminal(c.sentence)), qPrintable(r.err));  // no isolates there
        QVERIFY2(!r.err.contains(QStringLiteral("unable to open")), qPrintable(r.err));
        QVERIFY(QFileInfo(db).isDir());  // left as it was
        qInfo("%s", qPrintable(c.sentence));
    }
}

// Session 23's trial (T13): a conversations folder chosen in Settings that exists but where no database can be made —
// read-only with none yet (a read-only tmpfs here, as root; chmod 0555 otherwise), or holding a conversations.sqlite
// that is a folder — opened the start window with Quit only, its explanation in English in the zh_CN window. Now the
// window offers "Use the standard folder" (clicked here with --startup-click): the app starts on the standard folder,
// the banner says why in the window's language, and Settings keeps the choice.
void TestStartupWindowE2e::chosenFolderWhereNoDatabaseCanBeMadeOffersTheStandardOne() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString ro = dir.filePath(QStringLiteral("read-only"));
    const QString folderAsDb = dir.filePath(QStringLiteral("folder-as-db"));
    QVERIFY(QDir().mkpath(ro) && QDir().mkpath(QDir(folderAsDb).filePath(QStringLiteral("conversations.sqlite"))));
    const bool mounted = ::geteuid() == 0 && ::mount("tmpfs", QFile::encodeName(ro).constData(), "tmpfs", MS_RDONLY,
                                                     "size=64k") == 0;
    const auto unmount = qScopeGuard([&] { if (mounted) ::umount2(QFile::encodeName(ro).constData(), MNT_DETACH); });
    if (!mounted) QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const bool readOnlyHere = !QFileInfo(ro).isWritable();  // root without mount: only the second case runs
    const QString standardHome = dir.filePath(QStringLiteral("xdg-data"));
    qputenv("XDG_DATA_HOME", standardHome.toUtf8());  // the standard folder of this run, never the user's
    const auto restore = qScopeGuard([] { qunsetenv("XDG_DATA_HOME"); });
    const QString standard = QDir(standardHome).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop"));
    const QString conf = config.filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(conf).absolutePath()));
    const struct {
        QString chosen, why, lang, notice;
    } cases[] = {
        {ro, QStringLiteral("Cannot create the conversation database \u2068%1/conversations.sqlite\u2069: its folder \u2068%1\u2069 "
                            "cannot be written. Make the folder writable, or keep the database in another one").arg(ro),
         QString(), QStringLiteral("The conversations folder chosen in Settings cannot be used (")},
        {ro, QStringLiteral("无法创建对话数据库 \u2068%1/conversations.sqlite\u2069：它所在的文件夹 \u2068%1\u2069 无法写入。请让这个文件夹可写，或者把数据库放在另一个文件夹里").arg(ro),
         QStringLiteral("zh_CN"), QStringLiteral("设置中选择的对话文件夹无法使用（")},
        {folderAsDb,
         QStringLiteral("The conversation database \u2068%1/conversations.sqlite\u2069 is a folder, not a database file: move "
                        "or rename it").arg(folderAsDb),
         QString(), QStringLiteral("The conversations folder chosen in Settings cannot be used (")},
    };
    for (const auto& c : cases) {
        if (c.chosen == ro && !readOnlyHere) continue;
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[data]\nfolder=" + c.chosen.toUtf8() + "\n");
        f.close();
        const QString button = c.lang.isEmpty() ? QStringLiteral("Use the standard folder") : QStringLiteral("使用标准文件夹");
        QStringList args{QStringLiteral("--startup-click"), button,
                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("standard.png"))};
        if (!c.lang.isEmpty()) args << QStringLiteral("--lang") << c.lang;
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(args, 90000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("clicked: ") + button), qPrintable(r.out));  // the window offered it
        QVERIFY2(r.out.contains(QStringLiteral("notice: ") + c.notice + c.why), qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(standard), qPrintable(r.out));
        QVERIFY(QFileInfo::exists(QDir(standard).filePath(QStringLiteral("conversations.sqlite"))));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll().contains("folder=" + c.chosen.toUtf8()), "Settings lost the chosen folder");
        f.close();
        qInfo("%s", qPrintable(c.why));
    }
}

// Session 24's trial (F5): conversations.sqlite is a link to a file in a folder that does not exist. The window said
// "Cannot open … (unable to open database file). Check that its folder exists and can be read." — its folder was fine.
void TestStartupWindowE2e::databaseThatIsALinkToNothingIsNamedAsOne() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString target = dir.filePath(QStringLiteral("nowhere/x.sqlite"));
    QVERIFY(QFile::link(target, db));
    const struct {
        QStringList lang;
        QString sentence;
    } cases[] = {
        {{}, QStringLiteral("The conversation database \u2068%1\u2069 is a link to \u2068%2\u2069, which does not exist: remove "
                            "the link, or point it at a database file.").arg(db, target)},
        {{QStringLiteral("--lang"), QStringLiteral("zh_CN")},
         QStringLiteral("对话数据库 \u2068%1\u2069 是指向 \u2068%2\u2069 的链接，但 \u2068%2\u2069 不存在：请删除该链接，或让它指向一个数据库文件。")
             .arg(db, target)},
    };
    for (const auto& c : cases) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            c.lang + QStringList{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--screenshot"),
                                 dir.filePath(QStringLiteral("link.png"))},
            60000, false, config.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(rwkv::app::forTerminal(c.sentence)), qPrintable(r.err));  // no isolates there
        QVERIFY2(!r.err.contains(QStringLiteral("Check that its folder exists")), qPrintable(r.err));
        QVERIFY(QFileInfo(db).isSymLink() && !QFileInfo::exists(target));  // left as it was
        qInfo("%s", qPrintable(c.sentence));
    }
}

// Session 24's trial (F4): the folder chosen in Settings and the standard folder both unusable (a read-only folder and
// a read-only mount there; here a file in the place of a folder, which root cannot write through either). The window
// said "RWKV Desktop cannot create its data folder.", named the chosen folder only, advised --data-dir (no help from the
// menu) and offered Quit alone. It now names both folders and what is wrong with each, in the window's language, and
// Try again checks them again: the chosen folder made usable meanwhile, the app opens on it. Session 25's trial (N4):
// the chosen folder a file itself read "The folder chosen in Settings, F: “F” is a file, not a folder." and the advice
// was for drives and permissions; each path is named once now, with advice for its case.
void TestStartupWindowE2e::neitherFolderUsableNamesBothAndTriesAgain() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString chosen = dir.filePath(QStringLiteral("a-file")), standardBlocker = dir.filePath(QStringLiteral("b-file"));
    for (const QString& file : {chosen, standardBlocker}) QVERIFY(QFile(file).open(QIODevice::WriteOnly));
    qputenv("XDG_DATA_HOME", QDir(standardBlocker).filePath(QStringLiteral("xdg")).toUtf8());  // never the user's
    const auto restore = qScopeGuard([] { qunsetenv("XDG_DATA_HOME"); });
    const QString standard = QDir(standardBlocker).filePath(QStringLiteral("xdg/rwkv-desktop/rwkv-desktop"));
    const QString conf = config.filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(conf).absolutePath()));
    QFile f(conf);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[data]\nfolder=" + chosen.toUtf8() + "\n");
    f.close();
    const struct {
        QStringList lang;
        QString headline, chosenLine, standardLine, last;
    } cases[] = {
        {{},
         QStringLiteral("Neither the conversations folder chosen in Settings nor the standard folder can be used."),
         QStringLiteral("The folder chosen in Settings, \u2068%1\u2069, is a file, not a folder. Move or rename that file; the "
                        "folder is then created.").arg(chosen),
         QStringLiteral("The standard folder, \u2068%1\u2069, cannot be created: “\u2068b-file\u2069” on its path is a file, not a folder. Move "
                        "or rename that file; the folder is then created.").arg(standard),
         QStringLiteral("Nothing was changed. Once one of them is fixed, click Try again.")},
        {{QStringLiteral("--lang"), QStringLiteral("zh_CN")},
         QStringLiteral("设置中选择的对话文件夹和标准文件夹都无法使用。"),
         QStringLiteral("设置中选择的文件夹 \u2068%1\u2069 是一个文件，不是文件夹。请移动这个文件或给它改名，之后会自动创建文件夹。").arg(chosen),
         QStringLiteral("标准文件夹 \u2068%1\u2069 无法创建：路径上的“\u2068b-file\u2069”是一个文件，不是文件夹。请移动这个文件或给它改名，之后会自动"
                        "创建文件夹。").arg(standard),
         QStringLiteral("没有做任何更改。修好其中一个之后，请点击“重试”。")},
    };
    for (const auto& c : cases) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            c.lang + QStringList{QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("neither.png"))}, 60000,
            false, config.path());
        QCOMPARE(r.exitCode, 1);  // the hook's screenshot answers Quit
        for (const QString& line : {c.headline, c.chosenLine + QStringLiteral("\n\n") + c.standardLine + QStringLiteral("\n\n") + c.last})
            QVERIFY2(r.err.contains(rwkv::app::forTerminal(line)), qPrintable(line + QStringLiteral("\n---\n") + r.err));
        QCOMPARE(r.err.count(chosen), 1);  // each path once
        QCOMPARE(r.err.count(standardBlocker), 1);
        QVERIFY2(!r.err.contains(QStringLiteral("cannot create its data folder")), qPrintable(r.err));
        qInfo("%s", qPrintable(c.headline + u' ' + c.chosenLine + u' ' + c.standardLine));
    }

    // Try again, once the chosen folder's path is free: the app opens on it, Settings unchanged.
    const QString go = config.filePath(QStringLiteral("fixed"));
    rwkv::e2e::DesktopProcess app;
    startWithFileLimit(app, config.path(), 1 << 30,
                       {QStringLiteral("--startup-click"), QStringLiteral("Try again"),
                        QStringLiteral("--startup-click-when"), go, QStringLiteral("--screenshot"),
                        dir.filePath(QStringLiteral("chat.png"))});
    QVERIFY(app.waitForStarted(10000));
    QByteArray errSoFar;
    QVERIFY2(waitFor(app, QProcess::StandardError, errSoFar, cases[0].headline, 60000), errSoFar.constData());
    QVERIFY(QFile::remove(chosen));
    QFile(go).open(QIODevice::WriteOnly);  // now the hook clicks
    QVERIFY(app.waitForFinished(90000));
    const QString out = QString::fromUtf8(app.readAllStandardOutput());
    QString err;
    const int status = rwkv::e2e::finishDesktop(app, &err);
    err.prepend(QString::fromUtf8(errSoFar));
    QVERIFY2(status == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(status).arg(out, err)));
    QVERIFY(out.contains(QStringLiteral("clicked: Try again")));
    QCOMPARE(err.count(cases[0].headline), 1);
    QVERIFY(QFileInfo::exists(QDir(chosen).filePath(QStringLiteral("conversations.sqlite"))));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(f.readAll().contains("folder=" + chosen.toUtf8()), "Settings changed the chosen folder");
}

QTEST_GUILESS_MAIN(TestStartupWindowE2e)

#include "test_startup_window_e2e.moc"
