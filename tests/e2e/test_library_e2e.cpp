// test_library_e2e.cpp — the real rwkv-desktop on a prepared database (branches, several conversations): the
// --select and --search test hooks open a conversation and search the sidebar, RWKV_TIMING=1 logs the three timings,
// the branch switcher, search results, Undo and trash components load without QML errors, and opening marks the
// conversation used. Under Xvfb when available, else offscreen. App: app/gui/main.cpp, qml/BranchSwitcher.qml etc.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "store/conversation_store.h"

using rwkv::store::Role;

class TestLibraryE2e : public QObject {
    Q_OBJECT

private slots:
    void selectSearchAndTimings();
};

void TestLibraryE2e::selectSearchAndTimings() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString data = tmp.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    const QString dbPath = QDir(data).filePath(QStringLiteral("conversations.sqlite"));
    qint64 ferry = 0, usedBefore = 0;
    {
        rwkv::store::ConversationStore store(dbPath);
        ferry = store.createConversation(QStringLiteral("Ferry questions"));
        const qint64 u = store.addMessage(ferry, 0, Role::User, QStringLiteral("Is the ferry to the island free?"));
        store.addMessage(ferry, u, Role::Assistant, QStringLiteral("The city ferry costs a bus ticket."));
        store.addMessage(ferry, u, Role::Assistant, QStringLiteral("A day ticket covers the ferry too."));  // 2/2
        const qint64 other = store.createConversation(QStringLiteral("Bread"));
        store.addMessage(other, 0, Role::User, QStringLiteral("Why did my sourdough not rise?"));
        const qint64 gone = store.createConversation(QStringLiteral("Old ferry timetable"));
        store.deleteConversation(gone);  // in the trash: the trash button shows, search skips it
        usedBefore = store.conversation(ferry)->last_used_at;
    }

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("RWKV_TIMING"), QStringLiteral("1"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), tmp.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("RWKV_DESKTOP_DATA_DIR"));
    const QString png = tmp.filePath(QStringLiteral("library.png"));
    const QStringList args = {"--data-dir", data, "--model", QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"),
                              "--select", QString::number(ferry), "--search", "ferry", "--screenshot", png,
                              "--timeout", "120"};
    rwkv::e2e::startDesktop(p, env, args);
    QVERIFY(p.waitForFinished(180000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QString err;
    const int status = rwkv::e2e::finishDesktop(p, &err);
    QVERIFY2(status == 0, qPrintable(out + err));
    QVERIFY2(out.contains(QStringLiteral("window title: Ferry questions — RWKV Desktop")), qPrintable(out));
    for (const char* timing : {"rwkv-timing: start-to-interactive ", "rwkv-timing: switch ", "rwkv-timing: search "})
        QVERIFY2(err.contains(QLatin1String(timing)), qPrintable(err));
    for (const QString& line : err.split(u'\n'))
        QVERIFY2(!line.contains(QStringLiteral("qrc:/RwkvDesktop/")), qPrintable(line));  // QML warnings and errors
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 720 && image.height() >= 480);

    rwkv::store::ConversationStore store(dbPath);
    QVERIFY(store.conversation(ferry)->last_used_at > usedBefore);  // opening counts as use
    QCOMPARE(store.listTrash().size(), 1);
}

QTEST_GUILESS_MAIN(TestLibraryE2e)
#include "test_library_e2e.moc"
