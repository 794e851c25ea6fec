// test_versions_e2e.cpp — "3 replies" under a reply of the real rwkv-desktop window (Xvfb, see
// tests/e2e/desktop_process.h): a click writes three new versions at once, ‹ 2/4 › under the one being written from the
// start; › while they are written shows the next one streaming, its own text; the three hold different texts (each its
// own seed); Stop stops all three, each kept as Stopped with its text; a kill -9 while they are written leaves each
// unfinished with its last checkpoint, shown as Unfinished. App: app/gui/qml/MessageActions.qml,
// ChatController::regenerateSeveral (chat_controller_versions.cpp), ChatSession::regenerateSeveral.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

using rwkv::store::ConversationStore;
using rwkv::store::Message;
using rwkv::store::ReplyEnd;

class TestVersionsE2e : public QObject {
    Q_OBJECT

private slots:
    void aClickWritesThreeVersionsShownAsTheyAreWritten();
    void stopStopsAllThree();
    void killedMidwayLeavesEachUnfinishedWithItsText();

private:
    struct Chat {
        QString dir, db;
        qint64 conversation = 0, reply = 0;
    };
    /// A chat of one question and its reply (written here, not by the model) in a data folder of `dir`.
    static Chat chat(const QTemporaryDir& dir) {
        Chat c{dir.path(), QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"))};
        ConversationStore store(c.db);
        c.conversation = store.createConversation(QStringLiteral("Story"));
        const auto [question, reply] = store.beginTurn(c.conversation, 0, QStringLiteral("Tell me a story"));
        store.saveTurnResult(c.conversation, reply, QStringLiteral("Once upon a time."), 5, {}, {}, {}, true,
                             ReplyEnd::ByItself);
        c.reply = reply;
        return c;
    }
    /// The new versions of c.reply (its siblings after it), as stored now; none while the app holds the writer.
    static QList<Message> versions(const Chat& c) {
        QList<Message> out;
        try {
            for (const Message& m : ConversationStore(c.db).allMessages(c.conversation))
                if (m.role == rwkv::store::Role::Assistant && m.id != c.reply) out << m;
        } catch (const std::exception&) {  // the app holds its writer a moment: asked again
        }
        return out;
    }
    /// All three versions have words in the database, and none is finished: they are being written.
    static bool allWriting(const Chat& c, int atLeast = 1) {
        const QList<Message> v = versions(c);
        return v.size() == 3 &&
               std::all_of(v.begin(), v.end(), [&](const Message& m) { return !m.finished && m.text.size() >= atLeast; });
    }
    /// The desktop on c's chat, 40 ms a token (the demo model's 512 take about 20 s), pressing `keys`.
    static void start(rwkv::e2e::DesktopProcess& app, const Chat& c, const QString& config, const QString& keys,
                      const QString& png) {
        rwkv::e2e::startDesktop(app, rwkv::e2e::desktopEnvironment(config),
                                {QStringLiteral("--data-dir"), c.dir, QStringLiteral("--lang"), QStringLiteral("en"),
                                 QStringLiteral("--select"), QString::number(c.conversation), QStringLiteral("--reply-pace"),
                                 QStringLiteral("40"), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                 QDir(c.dir).filePath(png), QStringLiteral("--screenshot-at"), QStringLiteral("120")});
    }
    static bool waitFor(const rwkv::e2e::DesktopProcess& app, const std::function<bool()>& reached) {
        QElapsedTimer clock;
        clock.start();
        while (!reached() && app.state() != QProcess::NotRunning && clock.elapsed() < 120000) QTest::qWait(100);
        return app.state() != QProcess::NotRunning && reached();
    }
};

using rwkv::e2e::hookValue;

// The click, then › while they are written: the window (saved once all three have words) shows the second version,
// streaming, at ‹ 3/4 ›, and its text is the second version's. Closed then, each is kept with its own text.
void TestVersionsE2e::aClickWritesThreeVersionsShownAsTheyAreWritten() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const Chat c = chat(dir);
    const qint64 first = c.reply + 1;  // the versions' rows follow the reply's
    const auto written = [&] { return allWriting(c, 12); };
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktopUntil(
        {QStringLiteral("--data-dir"), c.dir, QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(c.conversation), QStringLiteral("--reply-pace"), QStringLiteral("40"), QStringLiteral("--keys"),
         QStringLiteral("Click:threeRepliesButton-%1,Wait:300,Click:nextVersionButton-%2").arg(c.reply).arg(first),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("versions.png")), QStringLiteral("--screenshot-at"),
         QStringLiteral("120")},
        written, 180000, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(hookValue(r.out, QStringLiteral("versions drawn")), QStringLiteral("1: 3/4 writing"));
    QCOMPARE(hookValue(r.out, QStringLiteral("reply status text")), QStringLiteral("Writing 3 replies…"));
    const QList<Message> v = versions(c);
    QCOMPARE(v.size(), 3);
    QCOMPARE(v[0].id, first);
    // The row shown is the second version: its text as drawn then is the start of its stored text.
    const QString drawn = hookValue(r.out, QStringLiteral("message texts drawn")).section(QStringLiteral(" | 1: "), 1);
    const QString shownText = drawn.section(QStringLiteral(" ▍"), 0, 0).section(QStringLiteral(" ("), 0, 0);
    QVERIFY2(shownText.size() >= 12 && v[1].text.startsWith(shownText), qPrintable(shownText + " | " + v[1].text));
    QVERIFY2(!v[0].text.startsWith(shownText) && !v[2].text.startsWith(shownText), qPrintable(drawn));
    QSet<QString> texts;
    for (const Message& m : v) {
        QCOMPARE(m.parent_id, ConversationStore(c.db).message(c.reply)->parent_id);  // versions of the reply
        QVERIFY(m.finished);
        QVERIFY2(m.end == ReplyEnd::Closed || m.end == ReplyEnd::LengthLimit || m.end == ReplyEnd::ByItself,
                 qPrintable(QString::number(int(m.end))));
        texts << m.text;
    }
    QCOMPARE(texts.size(), 3);  // three seeds, three texts
    QCOMPARE(ConversationStore(c.db).message(c.reply)->text, QStringLiteral("Once upon a time."));  // kept
}

// Stop once all three have words: each is saved as Stopped with its text, and the window shows the first, finished.
void TestVersionsE2e::stopStopsAllThree() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const Chat c = chat(dir);
    rwkv::e2e::DesktopProcess app;
    start(app, c, config.path(), QStringLiteral("Click:threeRepliesButton-%1,Wait:2500,Click:sendButton,Wait:1500")
                                     .arg(c.reply), QStringLiteral("stopped.png"));
    QVERIFY(app.waitForStarted(10000));
    QVERIFY(waitFor(app, [&] {
        const QList<Message> v = versions(c);
        return v.size() == 3 && std::all_of(v.begin(), v.end(), [](const Message& m) { return m.finished; });
    }));
    rwkv::e2e::stopDesktop(app);
    const QList<Message> v = versions(c);
    QCOMPARE(v.size(), 3);
    for (const Message& m : v) {
        QCOMPARE(m.end, ReplyEnd::Stopped);
        QVERIFY2(!m.text.isEmpty(), qPrintable(QString::number(m.id)));
        QVERIFY(m.token_count > 0 && m.token_count < 512);
    }
}

// A kill -9 once all three have words: each keeps its last checkpoint, unfinished, and the window opened again says
// "Unfinished" under the one it shows (the first version: the branch it opens).
void TestVersionsE2e::killedMidwayLeavesEachUnfinishedWithItsText() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const Chat c = chat(dir);
    rwkv::e2e::DesktopProcess app;
    start(app, c, config.path(), QStringLiteral("Click:threeRepliesButton-%1").arg(c.reply), QStringLiteral("k.png"));
    QVERIFY(app.waitForStarted(10000));
    const bool wasWriting = waitFor(app, [&] { return allWriting(c); });
    rwkv::e2e::stopDesktop(app);  // SIGKILL to the app itself, as a crash
    QVERIFY2(wasWriting, "the app ended before all three were checkpointed: the test proves nothing");
    const QList<Message> v = versions(c);
    QCOMPARE(v.size(), 3);
    for (const Message& m : v) {
        QVERIFY(!m.finished);
        QVERIFY(!m.text.isEmpty());
    }
    const rwkv::e2e::DesktopRun again = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), c.dir, QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(c.conversation), QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("again.png"))},
        180000, false, config.path());
    QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    QVERIFY2(hookValue(again.out, QStringLiteral("reply notes")).startsWith(QStringLiteral("1: Unfinished")),
             qPrintable(again.out));
    QCOMPARE(hookValue(again.out, QStringLiteral("versions drawn")), QStringLiteral("1: 2/4"));
}

QTEST_GUILESS_MAIN(TestVersionsE2e)
#include "test_versions_e2e.moc"
