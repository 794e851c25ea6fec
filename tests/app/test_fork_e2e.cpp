// test_fork_e2e.cpp — "New chat from here" under a message of the real rwkv-desktop window (Xvfb, see
// tests/e2e/desktop_process.h): the --keys test hook clicks it (Click:forkButton-ID) or reaches it with Shift+Tab and
// presses Space; the new chat opens (the hook's "window title:" line), listed first, with the messages up to there and
// the reply's saved state, and its next message goes on from that state. Under a question: the chat before it, the
// question in the message box. App: app/gui/qml/MessageActions.qml, ChatController::forkConversation; the rule:
// app/core/conversation_fork.h (tests/cli/test_cli_fork.cpp, tests/app/test_store_fork.cpp).
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "e2e/window_checks.h"
#include "read_only_folder.h"
#include "store/conversation_store.h"
#include "store/database.h"

using rwkv::store::ConversationStore;
using rwkv::store::Message;
using rwkv::store::Role;

class TestForkE2e : public QObject {
    Q_OBJECT

private slots:
    void forkUnderAReplyGoesOnFromItsState();
    void forkUnderAQuestionPutsItInTheMessageBox();
    void forkIsReachedWithTheKeyboard();
    void madeFromLineFollowsItsChat();
    void forkIsOffInAReadOnlyLibrary();
    void numberedTitleKeepsItsNumberInTheHeader();
};

namespace {

using rwkv::e2e::hookValue;

QString dbPath(const QString& dir) { return QDir(dir).filePath(QStringLiteral("conversations.sqlite")); }


/// "Harbour": two turns written with the store (no saved state). Returns the chat's id and its four messages' ids.
std::pair<qint64, QList<qint64>> seedHarbour(const QString& dir) {
    ConversationStore store(dbPath(dir));
    const qint64 id = store.createConversation(QStringLiteral("Harbour"), QStringLiteral("Answer in one line."));
    QList<qint64> ids;
    ids << store.addMessage(id, 0, Role::User, QStringLiteral("Read this: the harbour opens at six."));
    ids << store.addMessage(id, ids.last(), Role::Assistant, QStringLiteral("Read."));
    ids << store.addMessage(id, ids.last(), Role::User, QStringLiteral("When does it open?"));
    ids << store.addMessage(id, ids.last(), Role::Assistant, QStringLiteral("At six."));
    return {id, ids};
}

/// The branch on screen of conversation `id`, read while the app may be writing it; empty when it cannot be read now.
QList<Message> storedBranch(const QString& dir, qint64 id) {
    try {
        return ConversationStore(dbPath(dir), ConversationStore::OpenMode::ReadOnly).messages(id);
    } catch (const std::exception&) {
        return {};
    }
}

/// The app on `dir`'s library with chat `id` shown and `keys` pressed; the window saved to `png`.
rwkv::e2e::DesktopRun run(const QString& dir, qint64 id, const QString& keys, const char* png) {
    return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir, QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"), keys,
                                  QStringLiteral("--screenshot"), QDir(dir).filePath(QLatin1String(png))});
}

/// The app on `dir`'s library with chat `id` shown, `keys` pressed, until chat `id` shows `messages` messages, the last
/// a finished reply (at the latest 60 s).
rwkv::e2e::DesktopRun runTurn(const QString& dir, qint64 id, const QString& keys, int messages) {
    return rwkv::e2e::runDesktopUntil(
        {QStringLiteral("--data-dir"), dir, QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(id), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
         QDir(dir).filePath(QStringLiteral("turn.png")), QStringLiteral("--screenshot-at"), QStringLiteral("60")},
        [&] {
            const QList<Message> shown = storedBranch(dir, id);
            return shown.size() == messages && shown.last().finished && !shown.last().text.isEmpty();
        });
}

}  // namespace

// A reply with a saved state (the app's own turn): New chat from here opens "From here: Harbour", listed first, with
// the four messages up to that reply (not the one after it) and its state; a message sent there resumes from the state
// (state_source Snapshot, only the new message read), as the chat itself would at that reply.
void TestForkE2e::forkUnderAReplyGoesOnFromItsState() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [id, ids] = seedHarbour(dir.path());
    const rwkv::e2e::DesktopRun turn = runTurn(dir.path(), id, QStringLiteral("Click:messageInput,W,H,Y,Return"), 6);
    QVERIFY2(turn.exitCode == 0, qPrintable(turn.out + turn.err));
    const Message first = storedBranch(dir.path(), id).last();  // the app's reply, with its saved state: it read all
    const qint64 reply = first.id;
    {
        ConversationStore store(dbPath(dir.path()));
        QVERIFY(!store.snapshots(id).isEmpty());
        const qint64 after = store.addMessage(id, reply, Role::User, QStringLiteral("Later question"));
        store.addMessage(id, after, Role::Assistant, QStringLiteral("Later reply"));  // after the fork point: not copied
    }
    const rwkv::e2e::DesktopRun forked = run(dir.path(), id, QStringLiteral("Click:forkButton-%1").arg(reply), "fork.png");
    QVERIFY2(forked.exitCode == 0, qPrintable(forked.out + forked.err));
    QCOMPARE(hookValue(forked.out, QStringLiteral("window title")), QStringLiteral("From here: Harbour — RWKV Desktop"));
    qint64 fork = 0;
    {
        ConversationStore store(dbPath(dir.path()));
        const QList<rwkv::store::Conversation> listed = store.listConversations();
        QCOMPARE(listed.size(), 2);
        fork = listed.first().id;
        QVERIFY(fork != id);
        QCOMPARE(listed.first().title, QStringLiteral("From here: Harbour"));
        QCOMPARE(listed.first().system_prompt, QStringLiteral("Answer in one line."));
        const QList<Message> copied = store.messages(fork);
        QCOMPARE(copied.size(), 6);
        QCOMPARE(copied.last().text, store.message(reply)->text);
        QCOMPARE(store.allMessages(fork).size(), 6);
        QCOMPARE(store.snapshots(fork).size(), 1);
        QCOMPARE(store.snapshots(fork).first().message_id, copied.last().id);
    }
    const rwkv::e2e::DesktopRun next = runTurn(dir.path(), fork, QStringLiteral("Click:messageInput,O,K,Return"), 8);
    QVERIFY2(next.exitCode == 0, qPrintable(next.out + next.err));
    const QList<Message> shown = storedBranch(dir.path(), fork);
    QCOMPARE(shown.size(), 8);
    QCOMPARE(shown.last().readouts.state_source, rwkv::store::StateSourceCode::Snapshot);  // not Reprefill
    // Only "OK" in the chat's turn format (the tiny model's byte tokens), not the six messages above it again.
    QVERIFY2(shown.last().readouts.prefill_tokens * 4 < first.readouts.prefill_tokens,
             qPrintable(QStringLiteral("%1 vs %2").arg(shown.last().readouts.prefill_tokens).arg(first.readouts.prefill_tokens)));
    QVERIFY2(hookValue(next.out, QStringLiteral("reply status")).contains(QStringLiteral("resumed from saved state")),
             qPrintable(next.out));
}

// Under a question: the chat before it (the first turn), the question's text in the new chat's message box, to send
// as it is or changed; the chat forked from is unchanged.
void TestForkE2e::forkUnderAQuestionPutsItInTheMessageBox() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [id, ids] = seedHarbour(dir.path());
    const rwkv::e2e::DesktopRun forked = run(dir.path(), id, QStringLiteral("Click:forkButton-%1").arg(ids[2]), "q.png");
    QVERIFY2(forked.exitCode == 0, qPrintable(forked.out + forked.err));
    QCOMPARE(hookValue(forked.out, QStringLiteral("window title")), QStringLiteral("From here: Harbour — RWKV Desktop"));
    QCOMPARE(hookValue(forked.out, QStringLiteral("message box")),
             QStringLiteral("%1 characters").arg(QStringLiteral("When does it open?").size()));
    ConversationStore store(dbPath(dir.path()));
    const qint64 fork = store.listConversations().first().id;
    QVERIFY(fork != id);
    const QList<Message> copied = store.messages(fork);
    QCOMPARE(copied.size(), 2);
    QCOMPARE(copied.last().text, QStringLiteral("Read."));
    QCOMPARE(store.allMessages(id).size(), 4);

    // Under the first question nothing comes before it: the new chat (stored at its first message), with the chat's
    // instructions and the question in its box. Before, a stored chat of no message said its messages "could not be
    // read back from a damaged conversation database" (session 49's second trial, MED).
    const rwkv::e2e::DesktopRun first = run(dir.path(), id, QStringLiteral("Click:forkButton-%1").arg(ids[0]), "q1.png");
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QCOMPARE(hookValue(first.out, QStringLiteral("window title")), QStringLiteral("RWKV Desktop"));
    QCOMPARE(hookValue(first.out, QStringLiteral("instructions line")),
             QStringLiteral("Instructions: \u2068Answer in one line.\u2069"));  // isolated, as the line draws them
    QCOMPARE(hookValue(first.out, QStringLiteral("message box")),
             QStringLiteral("%1 characters").arg(QStringLiteral("Read this: the harbour opens at six.").size()));
    QCOMPARE(store.listConversations().size(), 2);
}

// Keyboard only: Shift+Tab from the message box reaches the last reply's Copy, then its New chat from here (the row's
// order on screen), and Space opens the new chat.
void TestForkE2e::forkIsReachedWithTheKeyboard() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [id, ids] = seedHarbour(dir.path());
    const rwkv::e2e::DesktopRun walked = run(dir.path(), id, QStringLiteral("Shift+Tab,Shift+Tab"), "walk.png");
    QVERIFY2(walked.exitCode == 0, qPrintable(walked.out + walked.err));
    QCOMPARE(hookValue(walked.out, QStringLiteral("active focus")), QStringLiteral("forkButton-%1").arg(ids[3]));
    QCOMPARE(hookValue(walked.out, QStringLiteral("active focus drawn")), QStringLiteral("yes"));
    QCOMPARE(ConversationStore(dbPath(dir.path())).listConversations().size(), 1);  // reached, not pressed
    const rwkv::e2e::DesktopRun pressed = run(dir.path(), id, QStringLiteral("Shift+Tab,Shift+Tab,Space"), "space.png");
    QVERIFY2(pressed.exitCode == 0, qPrintable(pressed.out + pressed.err));
    QCOMPARE(hookValue(pressed.out, QStringLiteral("window title")), QStringLiteral("From here: Harbour — RWKV Desktop"));
    ConversationStore store(dbPath(dir.path()));
    QCOMPARE(store.listConversations().size(), 2);
    QCOMPARE(store.messages(store.listConversations().first().id).size(), 4);
}

// The "Made from" line of a chat made from "Harbour" follows that chat as it is renamed in the sidebar (its row's
// Rename…) and moved to the trash (the line goes), without the made chat being opened again. Before, it kept reading
// "Made from “Harbour”" — and named a chat in the trash — until then (session 49's note).
void TestForkE2e::madeFromLineFollowsItsChat() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [id, ids] = seedHarbour(dir.path());
    const qint64 fork = ConversationStore(dbPath(dir.path())).forkConversation(id, ids[3], QStringLiteral("Questions"));
    const rwkv::e2e::DesktopRun shown = run(dir.path(), fork, QStringLiteral("Wait:1"), "made-from.png");
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.out + shown.err));
    QCOMPARE(hookValue(shown.out, QStringLiteral("made from line")), QStringLiteral("Made from “\u2068Harbour\u2069”"));
    const rwkv::e2e::DesktopRun renamed = run(
        dir.path(), fork, QStringLiteral("RightClick:conversationRow-%1,Click:renameMenuItem,Shift+T,R,I,P,Return").arg(id),
        "renamed.png");
    QVERIFY2(renamed.exitCode == 0, qPrintable(renamed.out + renamed.err));
    QCOMPARE(ConversationStore(dbPath(dir.path())).conversation(id)->title, QStringLiteral("Trip"));
    QCOMPARE(hookValue(renamed.out, QStringLiteral("window title")), QStringLiteral("Questions — RWKV Desktop"));
    QCOMPARE(hookValue(renamed.out, QStringLiteral("made from line")), QStringLiteral("Made from “\u2068Trip\u2069”"));
    const rwkv::e2e::DesktopRun trashed =
        run(dir.path(), fork, QStringLiteral("RightClick:conversationRow-%1,Click:deleteMenuItem").arg(id), "trashed.png");
    QVERIFY2(trashed.exitCode == 0, qPrintable(trashed.out + trashed.err));
    QVERIFY(ConversationStore(dbPath(dir.path())).conversation(id)->deleted_at != 0);
    QCOMPARE(hookValue(trashed.out, QStringLiteral("window title")), QStringLiteral("Questions — RWKV Desktop"));
    QCOMPARE(hookValue(trashed.out, QStringLiteral("made from line")), QStringLiteral("(no made from line)"));
}

QTEST_GUILESS_MAIN(TestForkE2e)
// A library the app opens read-only (its folder a read-only mount): New chat from here is off under a reply and under a
// question, as Regenerate, Continue and Edit beside it are, and a click on it does nothing; hovered, the four say why.
// Before, it stayed on and a click said "Could not make a new chat from here: … is read-only" in the error banner, and
// the four tooltips said what they would do (session 50's trial, LOW).
void TestForkE2e::forkIsOffInAReadOnlyLibrary() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("library"));
    QVERIFY(QDir().mkpath(folder));
    const auto [id, ids] = seedHarbour(folder);
    // The last reply stopped by the user: Continue is shown under it (off here too)
    rwkv::store::Database(dbPath(folder)).exec("UPDATE messages SET reply_end = 1 WHERE id = " + std::to_string(ids[3]));
    {
        const ReadOnlyFolder readOnly(folder);
        if (QFileInfo(folder).isWritable()) QSKIP("the folder could not be made read-only here");
        const auto run = [&](const QString& keys, const QString& png) {
            return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), folder, QStringLiteral("--lang"),
                                          QStringLiteral("en"), QStringLiteral("--select"), QString::number(id),
                                          QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                          dir.filePath(png)});
        };
        const QString why = QStringLiteral("Read-only library: changes cannot be saved | ");
        const rwkv::e2e::DesktopRun r =
            run(QStringLiteral("Click:forkButton-%1,Click:forkButton-%2,Hover:forkButton-%1,Wait:1200")
                    .arg(ids[3])
                    .arg(ids[2]),
                QStringLiteral("fork.png"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(hookValue(r.out, QStringLiteral("error banner")).startsWith(QStringLiteral("Your conversations are "
                                                                                            "open read-only")),
                 qPrintable(r.out));  // before: "Could not make a new chat from here: …"
        QVERIFY2(!r.out.contains(QStringLiteral("Could not make a new chat from here")), qPrintable(r.out));
        QCOMPARE(hookValue(r.out, QStringLiteral("window title")), QStringLiteral("Harbour — RWKV Desktop"));
        QVERIFY2(hookValue(r.out, QStringLiteral("tooltip")).startsWith(why), qPrintable(r.out));  // "Start a new chat …"
        for (const QString& neighbour : {QStringLiteral("regenerateButton-%1").arg(ids[3]),
                                         QStringLiteral("continueButton-%1").arg(ids[3]),
                                         QStringLiteral("editButton-%1").arg(ids[2])}) {
            const rwkv::e2e::DesktopRun h =
                run(QStringLiteral("Hover:%1,Wait:1200").arg(neighbour), neighbour + QStringLiteral(".png"));
            QVERIFY2(h.exitCode == 0, qPrintable(h.out + h.err));
            QVERIFY2(hookValue(h.out, QStringLiteral("tooltip")).startsWith(why), qPrintable(h.out));
        }
        const QString shots = qEnvironmentVariable("RWKV_FORK_SHOTS");
        if (!shots.isEmpty()) QFile::copy(dir.filePath(QStringLiteral("fork.png")), QDir(shots).filePath("fork-read-only.png"));
    }
    QCOMPARE(ConversationStore(dbPath(folder)).listConversations().size(), 1);
}

// A numbered copy's long title ("… (2)", conversation_fork.h unusedTitle) keeps its number in the header at 960 px, cut
// in its middle as the sidebar's row cuts it; cut at its end, three forks of one long title read alike there, while the
// sidebar showed their numbers (session 51's loose ends). A title without a number is still cut at its end.
void TestForkE2e::numberedTitleKeepsItsNumberInTheHeader() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString longTitle = QStringLiteral("From here: A very long title about the harbour and the ferry that leaves at six");
    QList<qint64> ids;
    {
        ConversationStore store(dbPath(dir.path()));
        for (const QString& title : {longTitle, longTitle + QStringLiteral(" (2)")}) {
            ids << store.createConversation(title);
            const qint64 q = store.addMessage(ids.last(), 0, Role::User, QStringLiteral("When does it leave?"));
            store.addMessage(ids.last(), q, Role::Assistant, QStringLiteral("At six."));
        }
    }
    for (const qint64 id : ids) {
        const QString png = QDir(dir.path()).filePath(QStringLiteral("numbered.png"));
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("-geometry"), QStringLiteral("960x640"), QStringLiteral("--data-dir"), dir.path(),
             QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"), QString::number(id),
             QStringLiteral("--screenshot"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString drawn = hookValue(r.out, QStringLiteral("header title drawn"));
        QVERIFY2(drawn.startsWith(QStringLiteral("From here: A ")) && drawn.endsWith(QStringLiteral(" (cut)")),
                 qPrintable(drawn));
        if (id == ids.first()) {
            QVERIFY2(drawn.endsWith(QStringLiteral("… (cut)")), qPrintable(drawn));  // no number: cut at its end
        } else {
            QVERIFY2(drawn.endsWith(QStringLiteral(" (2) (cut)")) && drawn.contains(QChar(0x2026)), qPrintable(drawn));
            rwkv::e2e::keepScreenshot(png, QStringLiteral("numbered-title-header-960.png"));
        }
    }
}

#include "test_fork_e2e.moc"
