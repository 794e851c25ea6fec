// tests/app/test_database_recovery.cpp — "Recover what can be read" (store/database_recovery.h): a library of 300
// chats with a few overwritten pages comes back into a new database, every row that was read exactly as it was, the
// damaged file unchanged; what could not be read is counted. Session 36's trial (F5): pages 2-6 overwritten, and the
// only way on was an empty library.
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/database_recovery.h"
#include "store/store_error.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>

using namespace rwkv::store;

namespace {

constexpr int kChats = 300;

QByteArray sha(const QString& path) {
    QFile f(path);
    QCryptographicHash h(QCryptographicHash::Sha256);
    return f.open(QIODevice::ReadOnly) && h.addData(&f) ? h.result() : QByteArray();
}

/// 300 chats, each a question and its answer; chat 7 has a second answer (regenerated), chat 9 is pinned, chat 11 is
/// in the trash, chat 13 is filed in a folder, chat 16 was made from chat 14's answer ("New chat from here", schema
/// v8), and every tenth chat has a saved state of 20 KB after its answer (overflow pages).
void writeLibrary(const QString& path) {
    {
        ConversationStore store(path);
    const qint64 folder = store.createFolder(QStringLiteral("Work"));
    for (int i = 0; i < kChats; ++i) {
        const qint64 c = store.createConversation(QStringLiteral("Conversation %1").arg(i), QStringLiteral("sys %1").arg(i));
        const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Question %1\nsecond line").arg(i));
        const qint64 a = store.addMessage(c, u, Role::Assistant, QStringLiteral("Answer %1 ").arg(i).repeated(8));
        if (i == 7) store.addMessage(c, u, Role::Assistant, QStringLiteral("Another answer"));
        if (i == 9) store.setPinned(c, true);
        if (i == 11) store.deleteConversation(c);
        if (i == 13) store.setFolder(c, folder);
        if (i % 10 == 0) {
            NewSnapshot snap;
            snap.message_id = a;
            snap.tags = {QStringLiteral("fingerprint"), QStringLiteral("fp32"), QStringLiteral("cpu")};
            snap.payload.bytes = QByteArray(20 * 1024, char('a' + i % 26));
            snap.payload.raw_size = snap.payload.bytes.size();
            store.saveSnapshot(c, snap);
        }
    }
    }
    // Conversation ids are i + 1 (chat 16 is conversation 17). Set here: a fork would copy messages, and the counts
    // below are of chats of two messages.
    Database(path).exec("UPDATE conversations SET forked_from_message_id = (SELECT max(id) FROM messages WHERE "
                        "conversation_id = 15) WHERE id = 17;");
}

/// Overwrites pages `pages` (1-based) with 0xA5, as `dd` over them would.
void overwritePages(const QString& path, const QList<qint64>& pages) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    for (qint64 p : pages) {
        QVERIFY(f.seek((p - 1) * 4096));
        QCOMPARE(f.write(QByteArray(4096, char(0xA5))), qint64(4096));
    }
}

/// The leaf pages of table `name` (dbstat), read before the damage.
QList<qint64> leafPages(const QString& path, const char* name) {
    Database db(path, 5000, true);
    auto s = db.cached(std::string("SELECT pageno FROM dbstat WHERE name = '") + name + "' AND pagetype = 'leaf' ORDER BY path");
    QList<qint64> out;
    while (s->step()) out << s->columnInt64(0);
    return out;
}

/// "id|conversation|parent|role|text" of every message, and "id|title|system|pinned|in trash" of every chat.
QStringList rows(const QString& path) {
    Database db(path, 5000, true);
    QStringList out;
    auto m = db.cached("SELECT id, conversation_id, ifnull(parent_id, 0), role, text FROM messages ORDER BY id");
    while (m->step())
        out << QStringLiteral("m%1|%2|%3|%4|%5")
                   .arg(m->columnInt64(0))
                   .arg(m->columnInt64(1))
                   .arg(m->columnInt64(2))
                   .arg(m->columnInt64(3))
                   .arg(m->columnText(4));
    auto c = db.cached("SELECT id, title, system_prompt, pinned, deleted_at IS NOT NULL FROM conversations ORDER BY id");
    while (c->step())
        out << QStringLiteral("c%1|%2|%3|%4|%5")
                   .arg(c->columnInt64(0))
                   .arg(c->columnText(1), c->columnText(2))
                   .arg(c->columnInt64(3))
                   .arg(c->columnInt64(4));
    auto s = db.cached("SELECT id, message_id, length(blob), hex(substr(blob, 1, 4)) FROM snapshots ORDER BY id");
    while (s->step())
        out << QStringLiteral("s%1|%2|%3|%4")
                   .arg(s->columnInt64(0))
                   .arg(s->columnInt64(1))
                   .arg(s->columnInt64(2))
                   .arg(s->columnText(3));
    return out;
}

bool opensAsDamaged(const QString& path) {
    try {
        ConversationStore store(path);
    } catch (const StoreError& e) {
        return e.code() == 11 || e.code() == 26;  // SQLITE_CORRUPT, SQLITE_NOTADB
    }
    return false;
}

}  // namespace

class TestDatabaseRecovery : public QObject {
    Q_OBJECT
private slots:
    void overwrittenRootPagesLoseNothing();
    void overwrittenLeafPagesAreCounted();
    void rowsOnlyInTheWalComeBack();
    void randomDamageIsSurvived();
    void chatsWhoseMessagesAloneWereLostComeBackByTitle();
    void titlesThatCannotBeShownAreRenamed();
    void damagedHeaderLosesNoChatAndIsSaid();
    void damagedHeaderOfOtherPageSizes_data();
    void damagedHeaderOfOtherPageSizes();
};

// The trial's steps: pages 2-6 overwritten (the roots of conversations and messages, sqlite_sequence, two indexes).
// SQL reads none of the 300 chats; the pages read them all: every chat, message, branch, pin, trash and saved state.
void TestDatabaseRecovery::overwrittenRootPagesLoseNothing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    writeLibrary(path);
    const QStringList before = rows(path);
    QCOMPARE(before.size(), 2 * kChats + 1 + kChats + kChats / 10);
    overwritePages(path, {2, 3, 4, 5, 6});
    QVERIFY(opensAsDamaged(path));
    const QByteArray damagedSha = sha(path);
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    QCOMPARE(report.chats, kChats);
    QCOMPARE(report.messages, 2 * kChats + 1);
    QCOMPARE(report.states, kChats / 10);
    QCOMPARE(report.chatsLost, 0);
    QCOMPARE(report.messagesLost, 0);
    QVERIFY(!report.untitled);
    // The 5 pages are said unread (every saved state's overflow page was reached from its row): more may be lost.
    QCOMPARE(report.pagesUnread, 5);
    QVERIFY(!report.headerUnread && report.mayHaveLostMore());
    QCOMPARE(rows(fresh), before);
    QCOMPARE(sha(path), damagedSha);  // read, never written
    // The new database is a whole library: it opens, lists, searches (the index filled as messages went in), and
    // takes new chats after the recovered ids.
    ConversationStore store(fresh);
    QCOMPARE(store.listConversations().size(), kChats - 1);
    QCOMPARE(store.listTrash().size(), 1);
    QCOMPARE(store.listConversations().first().title, QStringLiteral("Conversation 9"));  // pinned first
    const QList<SearchHit> hits = store.search(QStringLiteral("Question 123"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().title, QStringLiteral("Conversation 123"));
    QCOMPARE(store.allMessages(8).size(), 3);  // chat 7's two answers
    QCOMPARE(store.listFolders().size(), 1);    // chat 13 back in its folder
    QCOMPARE(store.conversation(14)->folder_id, store.listFolders().first().id);
    // Chat 16 is back with the message it was made from (before, its row failed that foreign key: the message was not
    // in yet, and the chat was lost).
    QCOMPARE(store.conversation(17)->forked_from_message_id, store.allMessages(15).last().id);
    QVERIFY(store.createConversation(QStringLiteral("new")) > kChats);
    QVERIFY_THROWS_EXCEPTION(StoreError, recoverDatabase(path, fresh));  // never over an existing file
}

// Leaf pages lost: a messages leaf (its messages, and an answer whose question was on it, are gone; a chat left with
// none is counted as lost) and the last conversations leaf (those chats come back titled by their first message).
void TestDatabaseRecovery::overwrittenLeafPagesAreCounted() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    writeLibrary(path);
    const QStringList before = rows(path);
    const QList<qint64> messageLeaves = leafPages(path, "messages"), chatLeaves = leafPages(path, "conversations");
    QVERIFY2(messageLeaves.size() > 4 && chatLeaves.size() > 2, qPrintable(QString::number(messageLeaves.size())));
    overwritePages(path, {messageLeaves.at(2), chatLeaves.last()});
    QVERIFY(opensAsDamaged(path));
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    qInfo("chats back %d, lost %d; messages back %d, read but not put back %d; states %d", report.chats,
          report.chatsLost, report.messages, report.messagesLost, report.states);
    const QStringList after = rows(fresh);
    QStringList messagesAfter, chatsAfter;
    for (const QString& r : after) (r.startsWith(u'm') ? messagesAfter : chatsAfter) << r;
    QCOMPARE(report.messages, messagesAfter.size());
    QVERIFY2(report.messages > 2 * kChats * 8 / 10 && report.messages < 2 * kChats, qPrintable(QString::number(report.messages)));
    // Every chat is named by a row read: its own or its state's; those whose own row was read but no message come back
    // empty (chatsEmptied), counted among the chats back.
    QCOMPARE(report.chats + report.chatsLost, kChats);
    QVERIFY(report.chatsEmptied > 0 && report.chatsEmptied < report.chats);
    QCOMPARE(report.emptiedTitles.size(), report.chatsEmptied);
    QVERIFY(report.untitled);
    // Every message that came back is as it was, its question with it.
    QSet<QString> ids;
    for (const QString& m : std::as_const(messagesAfter)) {
        QVERIFY2(before.contains(m), qPrintable(m));
        ids.insert(m.section(u'|', 0, 0));
        if (const QString parent = m.section(u'|', 2, 2); parent != QLatin1String("0"))
            QVERIFY2(ids.contains(QStringLiteral("m") + parent), qPrintable(m));
    }
    // A chat whose own row was on the lost page: titled by its first message's first line, not by garbage.
    int madeAgain = 0;
    for (const QString& c : std::as_const(chatsAfter))
        if (c.startsWith(u'c') && !before.contains(c)) {
            QVERIFY2(c.section(u'|', 1, 1).startsWith(QStringLiteral("Question ")) &&
                         !c.section(u'|', 1, 1).contains(u'\n'),
                     qPrintable(c));
            ++madeAgain;
        }
    QVERIFY(madeAgain > 0);
    ConversationStore store(fresh);
    QCOMPARE(store.listConversations().size() + store.listTrash().size(), report.chats);
}

// Session 37's trial: 3 chats, their messages' only page overwritten (dd … seek=4 count=1): "chats back: 0; chats that
// could not be read: 3", though their rows were whole. They come back by title, empty; their saved states cannot (no
// message to belong to). Before: none came back (report.chatsEmptied did not exist; chats 0). They count among the
// chats back (session 38's trial: the banner said "chats back: 0 … 3 chats came back by title only"; chats was 0).
void TestDatabaseRecovery::chatsWhoseMessagesAloneWereLostComeBackByTitle() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    QStringList titles;
    {
        ConversationStore store(path);
        for (int i = 0; i < 3; ++i) {
            titles << QStringLiteral("Trip plan %1").arg(i);
            const qint64 c = store.createConversation(titles.last(), QStringLiteral("sys %1").arg(i));
            const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Where to %1?").arg(i));
            store.addMessage(c, u, Role::Assistant, QStringLiteral("To the sea."));
        }
    }
    const QList<qint64> messagePages = leafPages(path, "messages");
    QVERIFY2(!messagePages.isEmpty() && !leafPages(path, "conversations").isEmpty(), "no leaf pages");
    QVERIFY(!messagePages.contains(leafPages(path, "conversations").first()));
    overwritePages(path, messagePages);
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    QCOMPARE(report.chats, 3);
    QCOMPARE(report.messages, 0);
    QCOMPARE(report.chatsEmptied, 3);
    QCOMPARE(report.emptiedTitles, titles);
    QCOMPARE(report.chatsLost, 0);
    QCOMPARE(report.pagesUnread, messagePages.size());
    ConversationStore store(fresh);
    const QList<Conversation> chats = store.listConversations();
    QCOMPARE(chats.size(), 3);
    QStringList back;
    for (const Conversation& c : chats) {
        back << c.title;
        QVERIFY(store.messages(c.id).isEmpty());
        QCOMPARE(c.system_prompt, QStringLiteral("sys %1").arg(c.title.right(1)));
    }
    back.sort();
    QCOMPARE(back, titles);
}

// Session 37's check (fixC): a flipped byte inside a conversations row brought a chat back titled with a replacement
// character. A title that is not UTF-8 (a byte 0xFF in it), holds a control character (0x07) or is blank comes back
// as "Recovered chat N", N from 1 in id order; the rest of the chat (its system prompt, messages) as it was, and a
// readable title as it was. Before: "Trip plan \uFFFD", "Trip plan \u0007" and " ".
void TestDatabaseRecovery::titlesThatCannotBeShownAreRenamed() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    {
        ConversationStore store(path);
        for (const QString& title : {QStringLiteral("Trip plan A"), QStringLiteral("Trip plan B"),
                                     QStringLiteral("Trip plan C"), QStringLiteral(" ")}) {
            const qint64 c = store.createConversation(title, QStringLiteral("sys %1").arg(title.size()));
            const qint64 u = store.addMessage(c, 0, Role::User, QStringLiteral("Where to?"));
            store.addMessage(c, u, Role::Assistant, QStringLiteral("To the sea."));
        }
    }
    // One byte of the first title and one of the second changed where they are stored, as a flipped bit would.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        for (const auto& [title, flipped] : {std::pair{QByteArrayLiteral("Trip plan A"), QByteArrayLiteral("Trip pl\xFFn A")},
                                             std::pair{QByteArrayLiteral("Trip plan B"), QByteArrayLiteral("Trip pl\x07n B")}}) {
            const qsizetype at = bytes.indexOf(title);
            QVERIFY2(at >= 0 && bytes.indexOf(title, at + 1) < 0, title.constData());  // the conversations row alone
            bytes.replace(at, flipped.size(), flipped);
        }
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    QCOMPARE(report.chats, 4);
    QCOMPARE(report.messages, 8);
    QVERIFY(!report.mayHaveLostMore());  // every page read: the count of chats is known
    ConversationStore store(fresh);
    QList<Conversation> chats = store.listConversations();
    std::sort(chats.begin(), chats.end(), [](const Conversation& a, const Conversation& b) { return a.id < b.id; });
    QCOMPARE(chats.size(), 4);
    const QStringList titles{QStringLiteral("Recovered chat 1"), QStringLiteral("Recovered chat 2"),
                             QStringLiteral("Trip plan C"), QStringLiteral("Recovered chat 3")};
    // The banner names them by these titles (session 38's check: it said "renamed “Recovered chat N”").
    QCOMPARE(report.retitledTitles, (QStringList{titles[0], titles[1], titles[3]}));
    const QStringList prompts{QStringLiteral("sys 11"), QStringLiteral("sys 11"), QStringLiteral("sys 11"),
                              QStringLiteral("sys 1")};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(chats[i].title, titles[i]);
        QCOMPARE(chats[i].system_prompt, prompts[i]);
        const QList<Message> messages = store.messages(chats[i].id);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].text, QStringLiteral("To the sea."));
    }
    QCOMPARE(report.retitled, 3);
}

// A library copied while the app had it open (or left by a crash): its newest chats are only in the -wal beside it. The
// newest committed copy of each page is read, so they come back too, after the file's pages 2-6 were overwritten.
void TestDatabaseRecovery::rowsOnlyInTheWalComeBack() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    writeLibrary(path);  // closed: all in the file
    const QString copy = dir.filePath(QStringLiteral("copy.sqlite"));
    {
        ConversationStore store(path);
        for (int i = 0; i < 20; ++i) {
            const qint64 c = store.createConversation(QStringLiteral("Late %1").arg(i));
            store.addMessage(c, 0, Role::User, QStringLiteral("Late question %1").arg(i));
        }
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(QFile::copy(path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
        QVERIFY(QFileInfo(copy + QStringLiteral("-wal")).size() > 0);
    }
    overwritePages(copy, {2, 3, 4, 5, 6});
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(copy, fresh);
    QCOMPARE(report.chats, kChats + 20);
    QCOMPARE(report.messages, 2 * kChats + 1 + 20);
    QCOMPARE(report.chatsLost, 0);
    QCOMPARE(rows(fresh), rows(path));
}

// The page reader parses a damaged file: whatever the damage, it must neither crash nor read out of bounds (the
// sanitizer build runs this too), nor change the damaged file, and what it puts back must be a sound database. 40 seeded
// damages of five kinds, each recovered into a new file: random pages overwritten with random bytes, page 1 (the
// header) among them, 64 single bytes flipped anywhere, the file cut at a random length, random bytes in the -wal of a
// copy made while the library was open. Where only whole pages are lost (overwritten or cut off), every message that
// comes back must be one that was written, as it was; a flipped byte inside a row can change that row (SQLite's pages
// carry no checksums), so there only the counts are bounded. RWKV_RECOVERY_SEEDS=N runs a longer sweep by hand.
void TestDatabaseRecovery::randomDamageIsSurvived() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    writeLibrary(path);
    const QString withWal = dir.filePath(QStringLiteral("open.sqlite"));
    {
        ConversationStore store(path);
        const qint64 c = store.createConversation(QStringLiteral("Late"));
        store.addMessage(c, 0, Role::User, QStringLiteral("Late question"));
        QVERIFY(QFile::copy(path, withWal));
        QVERIFY(QFile::copy(path + QStringLiteral("-wal"), withWal + QStringLiteral("-wal")));
    }
    const QStringList before = rows(path);  // the late chat included
    const qint64 size = QFileInfo(path).size();
    QVERIFY(size % 4096 == 0 && size > 40 * 4096);
    const int seeds = qEnvironmentVariableIsSet("RWKV_RECOVERY_SEEDS") ? qEnvironmentVariableIntValue("RWKV_RECOVERY_SEEDS") : 40;
    for (int seed = 1; seed <= seeds; ++seed) {
        QRandomGenerator rng(seed);
        const int kind = seed % 5;
        const QString damaged = dir.filePath(QStringLiteral("damaged-%1.sqlite").arg(seed));
        QVERIFY(QFile::copy(kind == 4 ? withWal : path, damaged));
        if (kind == 4) QVERIFY(QFile::copy(withWal + QStringLiteral("-wal"), damaged + QStringLiteral("-wal")));
        {
            QFile f(kind == 4 ? damaged + QStringLiteral("-wal") : damaged);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 length = f.size();
            QByteArray noise(4096, Qt::Uninitialized);
            if (kind == 0 || kind == 3) {  // 1-6 random pages (page 1 too for kind 3) with random bytes
                QList<qint64> pages;
                if (kind == 3) pages << 1;
                for (int i = int(rng.bounded(1, 7)); i > 0; --i) pages << rng.bounded(qint64(1), length / 4096 + 1);
                for (qint64 page : pages) {
                    rng.fillRange(reinterpret_cast<quint32*>(noise.data()), noise.size() / 4);
                    QVERIFY(f.seek((page - 1) * 4096));
                    QCOMPARE(f.write(noise), qint64(noise.size()));
                }
            } else if (kind == 1 || kind == 4) {  // 64 single bytes flipped
                for (int i = 0; i < 64; ++i) {
                    const qint64 at = rng.bounded(length);
                    QVERIFY(f.seek(at));
                    const char b = f.read(1).at(0);
                    QVERIFY(f.seek(at));
                    QCOMPARE(f.write(QByteArray(1, char(b ^ char(1 << rng.bounded(8))))), qint64(1));
                }
            } else {  // cut at a random length
                QVERIFY(f.resize(rng.bounded(length)));
            }
        }
        const QByteArray damagedSha = sha(damaged);
        const QString fresh = dir.filePath(QStringLiteral("recovered-%1.sqlite").arg(seed));
        RecoveryReport report;
        try {
            report = recoverDatabase(damaged, fresh);
        } catch (const StoreError& e) {
            QFAIL(qPrintable(QStringLiteral("seed %1 (kind %2): %3").arg(seed).arg(kind).arg(QString::fromStdString(e.what()))));
        }
        QCOMPARE(sha(damaged), damagedSha);
        const QStringList after = rows(fresh);
        int messages = 0, chats = 0;
        for (const QString& r : after) {
            messages += r.startsWith(u'm');
            chats += r.startsWith(u'c');
            if (kind != 1 && kind != 4 && r.startsWith(u'm'))
                QVERIFY2(before.contains(r), qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(r.left(80))));
        }
        QCOMPARE(report.messages, messages);
        QCOMPARE(report.chats, chats);  // those kept by title only among them
        // A flipped byte can change a row's own id or its chat's (a message then comes back in a chat made for it):
        // at most one more row per flipped byte.
        const int flips = kind == 1 || kind == 4 ? 64 : 0;
        QVERIFY2(report.chats <= kChats + 1 + flips && report.messages <= 2 * kChats + 2 + flips &&
                     report.states <= kChats / 10 + flips,
                 qPrintable(QStringLiteral("seed %1: %2 chats %3 messages %4 states").arg(seed).arg(report.chats)
                                .arg(report.messages).arg(report.states)));
        {
            Database db(fresh, 5000, true);
            auto check = db.cached("PRAGMA integrity_check");
            QVERIFY(check->step());
            QCOMPARE(check->columnText(0), QStringLiteral("ok"));
        }
        ConversationStore store(fresh);  // opens as a library
        QCOMPARE(store.listConversations().size() + store.listTrash().size(), report.chats);
        if (seed % 10 == 0) qInfo("seed %d kind %d: %d chats, %d messages, %d states back", seed, kind, report.chats,
                                  report.messages, report.states);
    }
}

// Session 38's trial: bytes 16-99 of a 3-chat library's header overwritten (dd … bs=1 seek=16 count=84). Its random
// reserved-bytes field cut the usable size of every page, and the rows at their ends were refused: "chats back: 1 (2
// messages); chats that could not be read: 0". The header's fixed fields say it is damaged, so SQLite's default page
// layout is used: every chat comes back, and the report says the count of chats is not known (no freelist read).
void TestDatabaseRecovery::damagedHeaderLosesNoChatAndIsSaid() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    QStringList titles;
    {
        ConversationStore store(path);
        for (int i = 1; i <= 3; ++i) {
            titles << QStringLiteral("chat number %1").arg(i);
            const qint64 c = store.createConversation(titles.last());
            const qint64 u = store.addMessage(c, 0, Role::User, titles.last());
            store.addMessage(c, u, Role::Assistant, QStringLiteral("Reply %1").arg(i));
        }
    }
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(16));
        QCOMPARE(f.write(QByteArray(84, char(0x5A))), qint64(84));  // page size 0x5A5A, 90 reserved bytes per page
    }
    QVERIFY(opensAsDamaged(path));
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    QCOMPARE(report.chats, 3);  // before: 0 (every row lies at its page's end, past 4096 - 90)
    QCOMPARE(report.messages, 6);
    QCOMPARE(report.chatsLost, 0);
    QVERIFY(report.headerUnread);
    QCOMPARE(report.pagesUnread, 0);
    QVERIFY(report.mayHaveLostMore());
    QStringList back;
    for (const Conversation& c : ConversationStore(fresh).listConversations()) back << c.title;
    std::sort(back.begin(), back.end());
    QCOMPARE(back, titles);
}

void TestDatabaseRecovery::damagedHeaderOfOtherPageSizes_data() {
    QTest::addColumn<int>("pageSize");
    for (int size : {512, 1024, 2048, 8192, 16384, 32768, 65536}) QTest::addRow("%d", size) << size;
}

// Session 38's check: a library VACUUMed with 8192- or 1024-byte pages (another SQLite's default; every page intact)
// and bytes 16-99 of its header overwritten gave "0 chats back (0 messages)", its pages read as 4096 bytes each. The
// page size is found from the file: every row comes back, as it was.
void TestDatabaseRecovery::damagedHeaderOfOtherPageSizes() {
    QFETCH(int, pageSize);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    writeLibrary(path);
    {
        Database db(path);
        db.exec("PRAGMA journal_mode = DELETE; PRAGMA page_size = " + std::to_string(pageSize) + "; VACUUM;");
        auto s = db.cached("PRAGMA page_size");
        QVERIFY(s->step());
        QCOMPARE(int(s->columnInt64(0)), pageSize);
    }
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    const QStringList before = rows(path);
    QCOMPARE(before.size(), 2 * kChats + 1 + kChats + kChats / 10);  // messages (one regenerated), chats, states
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(16));
        QCOMPARE(f.write(QByteArray(84, char(0x5A))), qint64(84));
    }
    QVERIFY(opensAsDamaged(path));
    const QString fresh = dir.filePath(QStringLiteral("recovered.sqlite"));
    const RecoveryReport report = recoverDatabase(path, fresh);
    QCOMPARE(report.chats, kChats);  // before: 0 (65536) to 213 (2048), its pages read as 4096 bytes
    QCOMPARE(report.messages, 2 * kChats + 1);
    QCOMPARE(report.states, kChats / 10);
    QCOMPARE(report.chatsLost, 0);
    QCOMPARE(report.pagesUnread, 0);
    QVERIFY(report.headerUnread);
    QCOMPARE(rows(fresh), before);
}

QTEST_GUILESS_MAIN(TestDatabaseRecovery)
#include "test_database_recovery.moc"
