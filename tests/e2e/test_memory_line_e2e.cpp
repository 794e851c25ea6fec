// test_memory_line_e2e.cpp — the status line's "Memory: N tokens read" in the real rwkv-desktop window (under Xvfb, see
// desktop_process.h): how many tokens the state after the reply on screen has read (messages.state_tokens, schema v9),
// where other chat apps show a context gauge. The hook prints "memory line: TEXT (whole|cut)" while it is shown and
// "status bar: overlapping texts: none" (or the pairs drawn over each other). Code: StatusBar.qml, MessageModel::
// stateTokens; docs/gui.md "Memory read".
#include <QDir>
#include <QtTest>

#include "desktop_process.h"
#include "long_conversation.h"
#include "window_checks.h"
#include "store/conversation_store.h"

class TestMemoryLineE2e : public QObject {
    Q_OBJECT

private slots:
    void shownVersionSaysWhatItsStateRead();
    void sentReplyShowsItsCountBesideTheStatus();
};

namespace {

using rwkv::e2e::hookLine;
using rwkv::store::Role;

/// The ids a seeded chat's rows got.
struct Seeded {
    qint64 chat = 0, first = 0, second = 0, oldChat = 0;
};

/// In the database of `dataDir`: chat "Harbour", one question with two versions of its reply whose states read 1,234
/// and 56,789 tokens (the second the newer: the chat opens on it), and chat "Old", one reply saved before counts were
/// kept (0).
Seeded seed(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    Seeded s;
    s.chat = store.createConversation(QStringLiteral("Harbour"));
    const qint64 q = store.addMessage(s.chat, 0, Role::User, QStringLiteral("Where do the boats go?"));
    for (const auto& [id, tokens] : {std::pair{&s.first, 1234}, std::pair{&s.second, 56789}}) {
        *id = store.addMessage(s.chat, q, Role::Assistant, QString(), false);
        rwkv::store::Readouts r;
        r.state_tokens = tokens;
        store.saveTurnResult(s.chat, *id, QStringLiteral("Out to sea, %1.").arg(tokens), 5, r, {});
    }
    s.oldChat = store.createConversation(QStringLiteral("Old"));
    const qint64 oq = store.addMessage(s.oldChat, 0, Role::User, QStringLiteral("Before counts"));
    store.addMessage(s.oldChat, oq, Role::Assistant, QStringLiteral("A reply of an older version."));
    return s;
}

}  // namespace

// The chat opens on its newest version: "Memory: 56,789 tokens read"; ‹ to the first version: "1,234"; a chat whose
// reply was saved before counts were kept shows no line (nothing rather than a guess). English at 1,280 px.
void TestMemoryLineE2e::shownVersionSaysWhatItsStateRead() {
    rwkv::e2e::StartFolders newest, earlier, old;
    QVERIFY(newest.isValid() && earlier.isValid() && old.isValid());
    const Seeded s = seed(newest.path());
    seed(earlier.path());
    const Seeded o = seed(old.path());
    const auto args = [](const rwkv::e2e::StartFolders& f, qint64 chat, const QString& keys) {
        QStringList a{QStringLiteral("-geometry"), QStringLiteral("1280x800"), QStringLiteral("--data-dir"), f.path(),
                      QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"), QString::number(chat),
                      QStringLiteral("--screenshot"), f.filePath(QStringLiteral("memory.png"))};
        if (!keys.isEmpty()) a << QStringLiteral("--keys") << keys;
        return f.start(a);
    };
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(
        {args(newest, s.chat, {}), args(earlier, s.chat, QStringLiteral("Click:previousVersionButton-%1").arg(s.second)),
         args(old, o.oldChat, {})});
    for (const rwkv::e2e::DesktopRun& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QCOMPARE(hookLine(r.out, QStringLiteral("status bar: overlapping texts")), QStringLiteral("none"));
    }
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("memory line")), QStringLiteral("Memory: 56,789 tokens read (whole)"));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("memory line")), QStringLiteral("Memory: 1,234 tokens read (whole)"));
    QVERIFY2(!runs[2].out.contains(QStringLiteral("\nmemory line:")), qPrintable(runs[2].out));
    rwkv::e2e::keepScreenshot(newest.filePath(QStringLiteral("memory.png")), QStringLiteral("memory-line-1280.png"));
}

// A message sent in Japanese at 960 px and 150 % text (the narrowest window at that size): the reply's count, as saved
// with it, stands beside the model's name and the reply's status, none of them drawn over another and the line whole.
// The chat was made by hand without saved states, so the turn reads it again from the start: its count is that text
// and the new turn, not 56,789 plus anything.
void TestMemoryLineE2e::sentReplyShowsItsCountBesideTheStatus() {
    rwkv::e2e::StartFolders f;
    QVERIFY(f.isValid());
    const Seeded s = seed(f.path());
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktopsAtOnce(
        {f.start({QStringLiteral("-geometry"), QStringLiteral("960x700"), QStringLiteral("--data-dir"), f.path(),
                  QStringLiteral("--lang"), QStringLiteral("ja"), QStringLiteral("--set"), QStringLiteral("textSize=150"),
                  QStringLiteral("--select"), QString::number(s.chat), QStringLiteral("--send"),
                  QStringLiteral("港の話をもっと聞かせてください"), QStringLiteral("--screenshot"),
                  f.filePath(QStringLiteral("sent.png")), QStringLiteral("--timeout"), QStringLiteral("120")})})
                                             .first();
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
    rwkv::store::ConversationStore store(QDir(f.path()).filePath(QStringLiteral("conversations.sqlite")));
    const std::optional<rwkv::store::Message> reply = store.newestMessage(s.chat);
    QVERIFY(reply && reply->role == Role::Assistant && reply->id > s.second);
    const qint64 tokens = reply->readouts.state_tokens;
    QVERIFY2(tokens > reply->readouts.prefill_tokens && tokens < 56789, qPrintable(QString::number(tokens)));
    QCOMPARE(hookLine(r.out, QStringLiteral("memory line")),
             QStringLiteral("記憶：%1 token を読み取り済み (whole)").arg(QLocale(QStringLiteral("ja")).toString(tokens)));
    QCOMPARE(hookLine(r.out, QStringLiteral("status bar: overlapping texts")), QStringLiteral("none"));
    // The reply's status keeps its room: the memory line goes under the model's name (beside it, the status was cut).
    const QString status = hookLine(r.out, QStringLiteral("reply status drawn"));
    QVERIFY2(status.endsWith(QStringLiteral("line(s)")), qPrintable(status));
    rwkv::e2e::keepScreenshot(f.filePath(QStringLiteral("sent.png")), QStringLiteral("memory-line-ja-960-150.png"));
}

QTEST_GUILESS_MAIN(TestMemoryLineE2e)
#include "test_memory_line_e2e.moc"
