// test_missing_resources_e2e.cpp — rwkv-desktop started without its resources folder (the binary copied away from
// it, as a user who copies the executable somewhere does): it says so at once, naming what is missing (the tokenizer
// vocabulary, models.json, the demo model) and every folder it looked in, in the window's language; it does not read a
// models.json from the current folder instead, and it does not try to load a demo model that is not there. The
// --screenshot test hook, with no load to wait for, saves the window once the start has run (before session 19 it
// waited its whole --timeout and exited 2: the "at once" row).
// App: app/gui/main.cpp, app/core/app_paths.cpp (missingResourcesText). Offscreen platform: no X server needed.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestMissingResourcesE2e : public QObject {
    Q_OBJECT
private slots:
    void startWithoutResourcesSaysWhatIsMissing_data();
    void startWithoutResourcesSaysWhatIsMissing();
};

void TestMissingResourcesE2e::startWithoutResourcesSaysWhatIsMissing_data() {
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("headline");
    QTest::addColumn<bool>("atOnce");  // --screenshot alone (saved when the start has run), else --screenshot-at 3
    const QString en = QStringLiteral("RWKV Desktop cannot find its resources folder, which holds the tokenizer "
                                      "vocabulary that models need (rwkv_vocab_v20230424.txt)");
    QTest::newRow("en") << QStringLiteral("en") << en << false;
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("RWKV 桌面版找不到它的资源文件夹") << false;
    QTest::newRow("en, at once") << QStringLiteral("en") << en << true;
}

void TestMissingResourcesE2e::startWithoutResourcesSaysWhatIsMissing() {
    QFETCH(QString, lang);
    QFETCH(QString, headline);
    QFETCH(bool, atOnce);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    // <root>/a/b/bin/rwkv-desktop: none of the folders it looks in (<exe>/../share/rwkv-desktop, <exe>/resources,
    // <exe>/../resources, <exe>/../../resources) exists.
    const QString bin = root.filePath(QStringLiteral("a/b/bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString exe = QDir(bin).filePath(QStringLiteral("rwkv-desktop"));
    QVERIFY(QFile::copy(QStringLiteral(RWKV_DESKTOP_BIN), exe));
    // The current folder holds a models.json that is not JSON: it was read as the catalog ("model catalog unavailable:
    // models.json is not valid JSON") when the resources folder was missing.
    const QString cwd = root.filePath(QStringLiteral("cwd"));
    QVERIFY(QDir().mkpath(cwd));
    QFile stray(QDir(cwd).filePath(QStringLiteral("models.json")));
    QVERIFY(stray.open(QIODevice::WriteOnly) && stray.write("not json") == 8);
    stray.close();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("RWKV_DESKTOP_RESOURCES"));
    env.remove(QStringLiteral("RWKV_DESKTOP_DATA_DIR"));
    env.remove(QStringLiteral("RWKV_DESKTOP_LANG"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), root.filePath(QStringLiteral("config")));  // no model remembered
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QString png = root.filePath(QStringLiteral("start.png"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(cwd);
    QStringList args{QStringLiteral("--data-dir"), root.filePath(QStringLiteral("data")), QStringLiteral("--lang"), lang,
                     QStringLiteral("--screenshot"), png};
    // At once: a --timeout of 30 s that it must not reach (exit status 2 "timed out", the window not saved).
    args << (atOnce ? QStringList{QStringLiteral("--timeout"), QStringLiteral("30")}
                    : QStringList{QStringLiteral("--screenshot-at"), QStringLiteral("3")});
    QElapsedTimer clock;
    clock.start();
    p.start(exe, args);
    QVERIFY2(p.waitForFinished(120000), "rwkv-desktop did not end");
    qInfo("rwkv-desktop ended after %lld ms", static_cast<long long>(clock.elapsed()));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    const QString both = QStringLiteral("\nstdout: ") + out + QStringLiteral("\nstderr: ") + err;
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(both));
    QVERIFY2(err.contains(QStringLiteral("rwkv-desktop: ") + headline), qPrintable(both));
    QVERIFY2(err.contains(QStringLiteral("models.json")), qPrintable(both));
    const QDir base(root.filePath(QStringLiteral("a/b")));
    for (const QString& looked :
         {base.filePath(QStringLiteral("share/rwkv-desktop")), base.filePath(QStringLiteral("bin/resources")),
          base.filePath(QStringLiteral("resources")), root.filePath(QStringLiteral("a/resources"))})
        QVERIFY2(err.contains(QDir::cleanPath(looked)), qPrintable(looked + both));
    QVERIFY2(!err.contains(QStringLiteral("model catalog unavailable")), qPrintable(both));  // ./models.json not read
    QVERIFY2(!err.contains(QStringLiteral("did not load")), qPrintable(both));  // no demo model asked for
    if (atOnce) QVERIFY2(out.contains(QStringLiteral("model: none (no model loads)\n")), qPrintable(both));
    QFile shot(png);  // the window as it started (RWKV_SCREENSHOT_DIR keeps it to look at)
    QVERIFY2(shot.open(QIODevice::ReadOnly) && shot.read(8) == QByteArray("\x89PNG\r\n\x1a\n"), qPrintable(both));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(png, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR"))
                             .filePath(QStringLiteral("no-resources-") + lang + (atOnce ? "-at-once" : "") +
                                       QStringLiteral(".png")));
}

QTEST_GUILESS_MAIN(TestMissingResourcesE2e)
#include "test_missing_resources_e2e.moc"
