// rwkv-desktop's own command line, run as a user would (QProcess, offscreen, its settings in a temporary folder):
// what happens before any window opens. --help in Chinese is wrapped by terminal columns and never inside an option
// value (new-user trial, session 20, F16: "sampl" / "ingPreset"); --set dataDir with a folder that cannot hold the
// conversations is refused at once, exit 1, nothing saved (F18: it was saved and asked about at the next start).
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>  // geteuid

namespace {

struct Run {
    int code = -1;  // -1: still running after the time limit (killed)
    QString out, err;
};

Run desktop(const QString& home, const QStringList& args, int timeoutMs = 30000) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", home);
    env.insert("XDG_CONFIG_HOME", home + "/config");
    env.insert("XDG_DATA_HOME", home + "/data");
    const QString runtime = home + "/runtime";  // else Qt warns on stderr that XDG_RUNTIME_DIR is not set
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert("XDG_RUNTIME_DIR", runtime);
    env.remove("RWKV_DESKTOP_LANG");
    env.remove("RWKV_DESKTOP_DATA_DIR");
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(RWKV_DESKTOP_BIN, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
    } else {
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Terminal columns of a line: 2 for a CJK / fullwidth character, 1 otherwise.
int columns(const QString& line) {
    int n = 0;
    for (const char32_t c : line.toStdU32String())
        n += (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                     (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                     (c >= 0xFFE0 && c <= 0xFFE6)
                 ? 2
                 : 1;
    return n;
}

}  // namespace

class TestDesktopOptions : public QObject {
    Q_OBJECT
    QTemporaryDir home_;

private slots:
    // Every option value of the help stays whole on one line in zh_CN and en (copyable), every line fits 79 columns,
    // and the descriptions are those of the language asked for.
    void helpNeverBreaksAnOptionValue() {
        for (const QString& lang : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
            const Run r = desktop(home_.path(), {"--lang", lang, "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.contains(lang == "en" ? "Interface language" : "界面语言"), qPrintable(r.out));
            for (const char* value : {"backend", "threads", "samplingPreset", "dataDir", "language", "theme", "apiPort",
                                      "customPresencePenalty", "customMaxTokens",
                                      "move-aside", "use-standard", "conversations.sqlite", "“Try again”",
                                      "Tab,Tab,Return"})
                QVERIFY2(r.out.contains(QString::fromUtf8(value)), qPrintable(lang + ": " + value + " broken in\n" + r.out));
            const QStringList lines = r.out.split('\n');
            for (const QString& line : lines)
                QVERIFY2(columns(line) <= 79, qPrintable(lang + ": " + QString::number(columns(line)) + " columns: " + line));
            // Continuation lines start in the descriptions' column, as QCommandLineParser lays them out.
            const qsizetype column = lines.filter("  --data-dir <DIR>").value(0).indexOf(lang == "en" ? "Folder" : "conversations");
            QVERIFY(column > 20);
            for (const QString& line : lines)
                if (line.startsWith("   ")) QVERIFY2(line.indexOf(QRegularExpression("\\S")) == column, qPrintable(line));
        }
    }

    // --set dataDir=FOLDER: a folder that cannot be made or written is refused before anything is saved (exit 1, the
    // reason on stderr, as the next start would say it); a folder that can be made passes the check and is not left
    // behind by it (the Settings page's choice is used at the next start).
    void setDataDirIsCheckedAtOnce() {
        QTemporaryDir dir;
        const QString file = dir.filePath("a-file");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString conf = home_.filePath("config/rwkv-desktop/rwkv-desktop.conf");
        for (const QString& bad : {QStringLiteral("/proc/nope"), file + "/sub"}) {
            const Run r = desktop(home_.path(), {"--lang", "en", "--set", "dataDir=" + bad});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.startsWith("rwkv-desktop: --set dataDir=" + bad + " was not applied: ") &&
                         r.err.count('\n') == 1,
                     qPrintable(r.err));
            QVERIFY2(!QFileInfo::exists(conf) || !QFile(conf).open(QIODevice::ReadOnly) ||
                         !QFile(conf).readAll().contains("nope"),
                     "the refused folder was saved");
        }
        const Run notAFolder = desktop(home_.path(), {"--lang", "en", "--set", "dataDir=" + file + "/sub"});
        QVERIFY2(notAFolder.err.contains("is a file, not a folder"), qPrintable(notAFolder.err));
        // A folder that can be made passes (the bad theme after it stops the app): the check leaves nothing behind.
        const QString fresh = dir.filePath("new/conversations");
        const Run ok = desktop(home_.path(), {"--lang", "en", "--set", "dataDir=" + fresh, "--set", "theme=nope"});
        QCOMPARE(ok.code, 1);
        QVERIFY2(ok.err.contains("--set theme=nope was not applied") && !ok.err.contains("dataDir"), qPrintable(ok.err));
        QVERIFY(!QFileInfo::exists(dir.filePath("new")));
    }

    // A folder whose permission bits let root write it, where no file can be made (/proc, one of the kernel's): named
    // with the reason in words, the folder itself and a folder inside it. Before (session 53's trial): "cannot be
    // written (No such file or directory)" and "“/proc/nope” could not be created." with no reason.
    void setDataDirSaysWhyNoFileCanBeMade() {
        if (::geteuid() != 0) QSKIP("root's case: another user cannot write /proc by its permission bits either");
        for (const QString& bad : {QStringLiteral("/proc"), QStringLiteral("/proc/nope")}) {
            const Run r = desktop(home_.path(), {"--lang", "en", "--set", "dataDir=" + bad});
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, "rwkv-desktop: --set dataDir=" + bad + " was not applied: The folder “/proc” cannot be "
                            "written (the system lets no file be made in it).\n");
        }
    }

    // --save-retry-ms (session 45: the e2e suites waited 5 s for each retry of a reply not saved yet) takes a whole
    // number of milliseconds from 100 to 60000; anything else is refused at once, exit 1, before any window.
    void saveRetryMsIsCheckedAtOnce() {
        for (const QString& bad : {QStringLiteral("abc"), QStringLiteral("99"), QStringLiteral("60001"), QStringLiteral("1.5")}) {
            const Run r = desktop(home_.path(), {"--lang", "en", "--save-retry-ms", bad});
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, "rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, "
                            "not '" + bad + "'.\n");
        }
        const Run help = desktop(home_.path(), {"--lang", "en", "--help"});
        QVERIFY2(help.out.contains("--save-retry-ms <MS>"), qPrintable(help.out));
    }

    // --api-port (the local API server for this run, docs/api.md) takes a port number the server listens on; anything
    // else is refused at once, exit 1, before any window or server. Below 1024 too, in the server's range: it said
    // "from 1 to 65535" and then the banner "port 80 … is below 1024" (session 54).
    void apiPortIsCheckedAtOnce() {
        for (const QString& bad : {QStringLiteral("http"), QStringLiteral("0"), QStringLiteral("80"),
                                   QStringLiteral("1023"), QStringLiteral("65536"), QStringLiteral("80.5")}) {
            const Run r = desktop(home_.path(), {"--lang", "en", "--api-port", bad});
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, "rwkv-desktop: --api-port must be a port number from 1024 to 65535, not '" + bad + "'.\n");
        }
        const Run help = desktop(home_.path(), {"--lang", "en", "--help"});
        QVERIFY2(help.out.contains("--api-port <PORT>") && help.out.contains("http://127.0.0.1:PORT/v1"), qPrintable(help.out));
    }
};

QTEST_GUILESS_MAIN(TestDesktopOptions)
#include "test_desktop_options.moc"
