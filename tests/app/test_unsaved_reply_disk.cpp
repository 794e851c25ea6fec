// test_unsaved_reply_disk.cpp — a reply ChatController could not save for its disk (set-up: unsaved_reply_fixture.h):
// a full disk before the question is stored (the text back in the box), a reply kept on screen and saved once there is
// room (the banner's ✕, the retry, at quit), the reply shown again when its chat is reopened, the reply of a chat not on
// screen, a file that cannot be written (an I/O error) and a state not written to a damaged file. Another program's lock:
// test_unsaved_reply_lock; the window closed or the app quit: test_unsaved_reply_close.
// Code: app/core/chat_controller_unsaved_reply.cpp
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include "damage_snapshot_pages.h"
#include "models/one_line.h"
#include "store/damage_mark.h"
#include "store/database.h"
#include "unsaved_reply_fixture.h"

using namespace rwkv::app;
using State = ChatController::ComposerState;

class TestUnsavedReplyDisk : public QObject, private UnsavedReplyFixture {
    Q_OBJECT

private slots:
    void init() { UnsavedReplyFixture::init(); }
    void cleanup() { UnsavedReplyFixture::cleanup(); }
    void fullDiskGivesTheMessageBack();
    void replyLostToAFullDiskIsSavedLater();
    void replyNotSavedIsSavedByItselfAndAtQuit();
    void replyNotSavedIsShownWhenItsChatIsOpenedAgain();
    void stateNotWrittenToADamagedFileSaysSo_data();
    void stateNotWrittenToADamagedFileSaysSo();
    void replyOfAnotherChatNotSavedNamesItsChat();
    void replyNotSavedToADamagedFreeListSaysWhatWasKept();
    void replyNotWrittenForADiskErrorSaysSo();
};

// New-user trial (session 14, data folder on a 3 MB tmpfs with ~70 KB free): Send cleared the box, the question did
// not fit on the disk, and "The reply failed: … full" was all that was left: the typed text was gone. A turn that
// fails before its question is stored now gives the text back (messageNotSent; Composer.qml puts it in the box).
void TestUnsavedReplyDisk::fullDiskGivesTheMessageBack() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0;
    {
        rwkv::store::ConversationStore writable(path);
        conv = writable.createConversation(QStringLiteral("Kept"));
        const qint64 question = writable.addMessage(conv, 0, rwkv::store::Role::User, QStringLiteral("Question"));
        writable.addMessage(conv, question, rwkv::store::Role::Assistant, QStringLiteral("Answer"));
    }
    cleanup();
    // Room for the -shm index (32 KiB) and little else: the question's transaction does not fit in the log.
    disk_quota::install(dir.path(), QFileInfo(path).size() + 36 * 1024);
    store_ = std::make_unique<rwkv::store::ConversationStore>(path);
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    retrySooner();
    QVERIFY(!chat_->libraryReadOnly());
    loadDemoModel();
    chat_->selectConversation(conv);
    QCOMPARE(chat_->messages()->rowCount(), 2);
    QSignalSpy notSent(chat_.get(), &ChatController::messageNotSent);
    const QString typed = QStringLiteral("A question typed\nwhen the disk is full");
    QVERIFY(chat_->send(typed));  // accepted: the box is cleared
    waitForReply(false);
    disk_quota::uninstall();
    QCOMPARE(notSent.count(), 1);
    QCOMPARE(notSent.takeFirst().at(0).toString(), typed);
    QVERIFY2(chat_->errorText().contains(QStringLiteral("full")), qPrintable(chat_->errorText()));
    // No reply was tried: the message could not be saved (session 37's trial: "The reply failed: The disk … full").
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Your message could not be saved: The disk holding")),
             qPrintable(chat_->errorText()));
    QVERIFY2(chat_->errorText().endsWith(QStringLiteral("Your message was not sent: it is back in the message box.")),
             qPrintable(chat_->errorText()));
    QCOMPARE(chat_->messages()->rowCount(), 2);  // nothing half-saved
    QCOMPARE(store_->messages(conv).size(), 2);
    QCOMPARE(chat_->composerState(), State::Ready);
    // A reply that fails after its question was stored does not give it back (it is in the conversation).
    useGreedyReplies(4);
    QVERIFY(chat_->send(QStringLiteral("Now there is room")));
    waitForReply(true);
    QCOMPARE(notSent.count(), 0);
}

// New-user trial (session 20, F2): the disk filled while a reply was written; its final save failed, the database kept
// an empty reply, and the conversation later showed "No reply: it ended before its first word" beside the reply's
// first-token time. The reply's text is now kept and saved when the error banner is dismissed once there is room
// again (before: 0 characters stored). Session 23's trial (T1): the banner said "The reply failed" beside a reply shown
// whole, named the database without its folder, and the reply was saved as cut off; now it says the reply on screen
// is not saved yet, names the file as the other errors do, and the reply is saved whole.
void TestUnsavedReplyDisk::replyLostToAFullDiskIsSavedLater() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });  // also when a check fails
    const qint64 conv = replyOnAFullDisk(dir);
    QVERIFY(conv != 0);
    const QString error = chat_->errorText();
    QVERIFY2(error.contains(QStringLiteral("full")), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("This reply is not saved yet: ")), qPrintable(error));
    QVERIFY2(error.contains(dir.filePath(QStringLiteral("conversations.sqlite"))), qPrintable(error));  // its path
    // One story: saved by itself once there is room; not the store's "Free some space and try again" before it
    // (session 24's trial, F2).
    QCOMPARE(error.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("This reply is not saved yet: the disk holding the conversation database \u2068%1\u2069 is full.")
                 .arg(dir.filePath(QStringLiteral("conversations.sqlite"))));
    QVERIFY2(!error.contains(QStringLiteral("try again")), qPrintable(error));
    QList<rwkv::store::Message> stored = store_->messages(conv);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[1].text, QString());  // not saved: the disk is full
    const qint64 replyId = stored[1].id;
    const int row = chat_->messages()->rowCount() - 1;
    const auto shownText = [this, row] {
        return chat_->messages()->data(chat_->messages()->index(row), MessageModel::TextRole).toString();
    };
    const QString shown = shownText();
    QVERIFY2(!shown.isEmpty(), "the streamed reply is still shown");
    QCOMPARE(chat_->messages()->messageAt(row).id, replyId);
    QCOMPARE(chat_->messages()->data(chat_->messages()->index(row), MessageModel::StatusRole).toInt(),
             int(MessageModel::Status::Complete));  // written whole: not "cut off"
    // Its numbers under it, as under a saved reply (session 24's trial, F2: none): "… tok/s · 24 tokens".
    const QString line = readouts_->describe(replyId);
    QVERIFY2(line.contains(QStringLiteral(" tok/s · ")) && line.endsWith(QStringLiteral(" tokens")), qPrintable(line));

    chat_->dismissError();  // still full: kept for later
    QCOMPARE(store_->messages(conv)[1].text, QString());
    disk_quota::uninstall();  // space freed
    chat_->dismissError();
    stored = store_->messages(conv);
    QCOMPARE(stored[1].text, shown);
    QVERIFY(stored[1].finished);  // saved whole, as the reply was written
    // ... with its numbers: the same line once the conversation is opened again (no readout of this session).
    QVERIFY(stored[1].token_count > 0);
    QVERIFY(stored[1].readouts.decode_ms > 0 && stored[1].readouts.ttft_ms > 0);
    // ... and the state it was produced from, the chat's first turn: Fresh (session 26: Unknown, the source dropped).
    QCOMPARE(int(stored[1].readouts.state_source), int(rwkv::store::StateSourceCode::Fresh));
    QCOMPARE(chat_->messages()->data(chat_->messages()->index(row), MessageModel::StateSourceRole).toInt(),
             int(rwkv::store::StateSourceCode::Fresh));
    TurnReadouts fresh;
    QVariantMap kept{{QStringLiteral("tokens"), stored[1].token_count},
                     {QStringLiteral("tokensPerSecond"), stored[1].decodeTokensPerSecond()},
                     {QStringLiteral("ttftMs"), stored[1].readouts.ttft_ms}};
    QCOMPARE(fresh.describe(replyId, kept), line);
    QCOMPARE(shownText(), shown);
}

// Session 23's trial (T1): space freed, then the app closed (or left open) without touching the banner — the reply was
// lost. It is now tried again every few seconds, the banner going once it is saved, and at quit.
void TestUnsavedReplyDisk::replyNotSavedIsSavedByItselfAndAtQuit() {
    for (const bool atQuit : {false, true}) {
        QTemporaryDir dir;
        const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
        const qint64 conv = replyOnAFullDisk(dir);
        QVERIFY(conv != 0);
        QVERIFY2(chat_->errorText().startsWith(QStringLiteral("This reply is not saved yet: ")),
                 qPrintable(chat_->errorText()));
        const QString shown =
            chat_->messages()->data(chat_->messages()->index(chat_->messages()->rowCount() - 1), MessageModel::TextRole)
                .toString();
        QVERIFY(!shown.isEmpty());
        QVERIFY(chat_->replyAwaitsRoom());
        QSignalSpy awaits(chat_.get(), &ChatController::replyAwaitsRoomChanged);  // what UnsavedReplyDialog waits for
        disk_quota::uninstall();  // space freed; the banner is left alone
        if (atQuit) {
            messageTester_.reset();
            listTester_.reset();
            chat_.reset();  // quit
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(store_->messages(conv)[1].text == shown, 15000);
            QCOMPARE(chat_->errorText(), QString());  // the banner went with the reason for it
            QCOMPARE(chat_->replyStatus(), QStringLiteral("There is room again: the reply is saved."));
            QCOMPARE(awaits.count(), 1);  // the dialog asking at close closes the window (session 25's trial, N1)
            QVERIFY(!chat_->replyAwaitsRoom());
            // That line is about the reply: a new chat opened, it goes; the disk full again, the new chat's start is
            // refused and the line does not say "There is room again" over it (session 36's trial, nit).
            chat_->newConversation();
            QCOMPARE(chat_->replyStatus(), QString());
            disk_quota::gQuota.bytes = 0;
            QVERIFY(!chat_->send(QStringLiteral("A new chat")));
            QVERIFY2(chat_->errorText().startsWith(QStringLiteral("Could not create the conversation: ")),
                     qPrintable(chat_->errorText()));
            QCOMPARE(chat_->replyStatus(), QString());
            disk_quota::uninstall();
        }
        const QList<rwkv::store::Message> stored = store_->messages(conv);
        QCOMPARE(stored[1].text, shown);
        QVERIFY(stored[1].finished);
        qInfo("%s: %lld characters saved", atQuit ? "at quit" : "by itself", qint64(stored[1].text.size()));
        cleanup();
        init();
    }
}

// Session 25's trial (N7): with the disk still full, New chat and back showed the reply not saved as the store's empty
// unfinished row — "No reply: it ended before its first word", nothing to copy — while the banner said it stays on
// screen. Opened again, the chat shows the reply kept in memory: its text, whole, with its numbers.
void TestUnsavedReplyDisk::replyNotSavedIsShownWhenItsChatIsOpenedAgain() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const qint64 conv = replyOnAFullDisk(dir);
    QVERIFY(conv != 0);
    MessageModel* const messages = chat_->messages();
    const int row = messages->rowCount() - 1;
    const qint64 replyId = messages->messageAt(row).id;
    const QString shown = messages->data(messages->index(row), MessageModel::TextRole).toString();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(store_->messages(conv)[1].text, QString());  // not saved: the disk is full
    chat_->newConversation();  // New chat, then back
    QCOMPARE(messages->rowCount(), 0);
    chat_->selectConversation(conv);
    QCOMPARE(messages->rowCount(), row + 1);
    QCOMPARE(messages->messageAt(row).id, replyId);
    QCOMPARE(messages->data(messages->index(row), MessageModel::TextRole).toString(), shown);  // what Copy copies
    QCOMPARE(messages->data(messages->index(row), MessageModel::StatusRole).toInt(),
             int(MessageModel::Status::Complete));  // not "No reply: it ended before its first word"
    QVERIFY(messages->data(messages->index(row), MessageModel::TokenCountRole).toLongLong() > 0);
    QVERIFY(messages->data(messages->index(row), MessageModel::DecodeMsRole).toDouble() > 0);
    QCOMPARE(store_->messages(conv)[1].text, QString());  // still not saved
    disk_quota::uninstall();  // room again: saved, and shown the same from the store
    chat_->dismissError();
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QCOMPARE(messages->data(messages->index(row), MessageModel::TextRole).toString(), shown);
    QCOMPARE(messages->data(messages->index(row), MessageModel::StatusRole).toInt(),
             int(MessageModel::Status::Complete));
}

void TestUnsavedReplyDisk::stateNotWrittenToADamagedFileSaysSo_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("banner");  // its first words, %1 the file
    QTest::addColumn<QString>("status");  // in the status line
    QTest::newRow("en") << QString()
                        << QStringLiteral("Your message and the reply were saved, but the reply's state could not be "
                                          "written: the conversation database %1 is damaged. Nothing was lost")
                        << QStringLiteral("database damaged: the state was not saved");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN")
                           << QStringLiteral("你的消息和回复已保存，但回复的状态无法写入：对话数据库 %1 已损坏。没有丢失任何内容")
                           << QStringLiteral("数据库已损坏：状态未保存");
}

// Session 33's check: the saved states' table damaged (its root page overwritten while the app ran), a send stored
// its question, then failed: "The reply failed: … is damaged or is not a conversation database (database disk image
// is malformed). Nothing was changed. …" (untrue: the question was saved), in English in the zh_CN window. Now the
// turn reads what it needs without the states, the reply is saved without its state, and the banner says so.
void TestUnsavedReplyDisk::stateNotWrittenToADamagedFileSaysSo() {
    QFETCH(QString, language);
    QFETCH(QString, banner);
    QFETCH(QString, status);
    QTranslator zh;
    if (!language.isEmpty()) {
#ifdef RWKV_QM_DIR
        QVERIFY(zh.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_") + language + QStringLiteral(".qm")));
#else
        QSKIP("built without the app's translations (no app/gui)");
#endif
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    cleanup();
    store_ = std::make_unique<rwkv::store::ConversationStore>(path);
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    retrySooner();
    loadDemoModel();
    useGreedyReplies(8);
    QVERIFY(chat_->send(QStringLiteral("Hello")));
    waitForReply();
    const qint64 conv = chat_->currentConversationId();
    QCOMPARE(store_->snapshots(conv).size(), 1);  // the first reply's state
    QVERIFY(overwriteRootPageWhileOpen(path, "snapshots"));
    if (!language.isEmpty()) QCoreApplication::installTranslator(&zh);
    const auto english = qScopeGuard([&zh] { QCoreApplication::removeTranslator(&zh); });
    QVERIFY(chat_->send(QStringLiteral("Again")));
    waitForReply();  // failed before
    const QList<rwkv::store::Message> stored = store_->messages(conv);
    QCOMPARE(stored.size(), 4);
    QCOMPARE(stored[2].text, QStringLiteral("Again"));
    QVERIFY(stored[3].finished);
    QVERIFY(!stored[3].text.isEmpty());
    const QString error = chat_->errorText();
    QVERIFY2(error.startsWith(banner.arg(path)), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("Nothing was changed")), qPrintable(error));
    QVERIFY2(chat_->errorDetail().contains(QStringLiteral("malformed")), qPrintable(chat_->errorDetail()));
    QVERIFY2(chat_->replyStatus().startsWith(status), qPrintable(chat_->replyStatus()));  // first: not cut (session 36)
}

// Session 54's trial (MED): the free-page list's first trunk page overwritten. The question was stored, the reply's
// save needed a free page and failed as damaged, and the banner said "… Nothing was changed. RWKV Desktop offers to
// recover … when it starts with this file": the database held the question and the start of the reply, and no start
// offered anything. Now the banner says what was kept, the store leaves its note (store/damage_mark.h), and the next
// open writes the file anew: the question and the start of the reply, nothing lost, the file whole.
void TestUnsavedReplyDisk::replyNotSavedToADamagedFreeListSaysWhatWasKept() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0;
    {
        rwkv::store::ConversationStore writable(path);
        conv = writable.createConversation(QStringLiteral("Damaged"));
        const qint64 spare = writable.createConversation(QStringLiteral("Spare"));  // deleted: its pages go free
        writable.addMessage(spare, 0, rwkv::store::Role::User, QStringLiteral("Spare ").repeated(60000));
        writable.deleteConversationForever(spare);
    }
    openUnderQuota(dir, path, conv);
    useGreedyReplies(5000);  // its text needs pages of its own (overflow), the question's did not
    auto damaged = std::make_shared<std::atomic<int>>(0);  // 0: not yet, 1: done, -1: could not
    QObject::connect(worker_.get(), &InferenceWorker::replyDelta, worker_.get(), [damaged, path] {
        if (damaged->load() == 0) damaged->store(overwriteFreeListTrunkWhileOpen(path) ? 1 : -1);
    }, Qt::DirectConnection);
    QVERIFY(chat_->send(QStringLiteral("A question")));
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    QVERIFY(done.wait(60000));
    QCOMPARE(damaged->load(), 1);
    QCOMPARE(done.takeFirst().at(0).toBool(), false);  // the reply's save met the damaged page
    const QString error = chat_->errorText();
    const QString said = QStringLiteral("The reply could not be saved: the conversation database %1 is damaged. Your "
                                        "message was saved, but of the reply only the start saved while it was written "
                                        "is kept, marked Unfinished");
    QVERIFY2(error.startsWith(said.arg(rwkv::models::isolatedPath(path))), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("Nothing was changed")), qPrintable(error));
    QVERIFY2(chat_->errorDetail().contains(QStringLiteral("malformed")), qPrintable(chat_->errorDetail()));
    QVERIFY(QFileInfo::exists(rwkv::store::damageMarkPath(path)));  // the next start checks the whole file
    cleanup();
    rwkv::store::ConversationStore again(path);  // written anew, nothing lost
    QVERIFY(!QFileInfo::exists(rwkv::store::damageMarkPath(path)));
    const QList<rwkv::store::Message> stored = again.messages(conv);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored[0].text, QStringLiteral("A question"));
    QVERIFY(!stored[1].finished);  // Unfinished, with what its checkpoints saved
    rwkv::store::Database check(path, 5000, true);
    auto s = check.cached("PRAGMA quick_check");
    QVERIFY(s->step());
    QCOMPARE(s->columnText(0), QStringLiteral("ok"));
}

// Session 38's check (MED): chat Alpha on screen, the reply of chat B not saved (a full disk): "This reply is not saved
// yet" read as Alpha's (whose last reply was old and saved). The banner names B over another chat and says "This reply"
// over B, made again as the chat on screen changes; "There is room again" names B too. B's numbers stay off Alpha's
// status line.
void TestUnsavedReplyDisk::replyOfAnotherChatNotSavedNamesItsChat() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const QString file = dir.filePath(QStringLiteral("conversations.sqlite"));
    const qint64 alpha = rwkv::store::ConversationStore(file).createConversation(QStringLiteral("Alpha"));
    const qint64 conv = startReplyWhile(dir, 0, [] {}, 10);  // "Filling", written 10 ms a token
    QVERIFY(conv != 0);
    QVERIFY(QTest::qWaitFor([this] { return chat_->messages()->rowCount() == 2 && !lastShown().isEmpty(); }, 20000));
    chat_->selectConversation(alpha);
    disk_quota::gQuota.bytes = 0;
    chat_->stop();  // its final save fails: kept, not saved yet
    QVERIFY(QTest::qWaitFor([this] { return chat_->composerState() != State::Generating; }, 30000));
    QVERIFY(chat_->replyAwaitsRoom());
    // The status line goes with its chat (statusLineGoesWithItsChat; while it is written StatusBar.qml says "A reply is
    // being written in “B”…"), also when its save failed: B's numbers ("Stopped · new conversation, read 44 tokens ·
    // 2 tokens at 166.8 tok/s") stood over Alpha (session 38's check, MED).
    QCOMPARE(chat_->replyStatus(), QString());
    const QString title = store_->conversation(conv)->title;
    const QString elsewhere = QStringLiteral("The reply in “\u2068%1\u2069” is not saved yet: the disk holding the "
                                             "conversation database \u2068%2\u2069 is full.").arg(title, file);
    const QString own =
        QStringLiteral("This reply is not saved yet: the disk holding the conversation database \u2068%1\u2069 is full.")
            .arg(file);
    const auto banner = [this] { return chat_->errorText().section(QLatin1Char('\n'), 0, 0); };
    QCOMPARE(banner(), elsewhere);  // before: "This reply is not saved yet: …" over Alpha
    chat_->selectConversation(conv);
    QCOMPARE(banner(), own);
    chat_->selectConversation(alpha);
    QCOMPARE(banner(), elsewhere);
    disk_quota::uninstall();  // room: saved by the retry
    QTRY_COMPARE_WITH_TIMEOUT(chat_->replyStatus(),
                              QStringLiteral("There is room again: the reply in “\u2068%1\u2069” is saved.").arg(title),
                              15000);
    QCOMPARE(chat_->errorText(), QString());
    QVERIFY(!store_->messages(conv)[1].text.isEmpty());
}

// Session 38's check (MED 3): conversations.sqlite and its -wal made immutable (chattr +i) while a reply was written:
// the log said "disk I/O error", the banner "the disk … is full" and, once writable, "There is room again". Told by
// the result code now (the seam's writes fail with SQLITE_IOERR_WRITE, as the unix VFS reports EPERM or EIO).
void TestUnsavedReplyDisk::replyNotWrittenForADiskErrorSaysSo() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const qint64 conv = replyWhile(dir, 0, [] {
        disk_quota::gRefusal = SQLITE_IOERR_WRITE;
        disk_quota::gQuota.bytes = 0;
    });
    QVERIFY(conv != 0);
    const QString file = dir.filePath(QStringLiteral("conversations.sqlite"));
    QCOMPARE(chat_->errorSummary(),
             QStringLiteral("This reply is not saved yet: the conversation database \u2068%1\u2069 could not be written.\nIt stays "
                            "on screen and is saved by itself as soon as the file can be written again (tried again "
                            "every few seconds and at the next message); closing the window before that asks first. "
                            "Copy it now if the disk or the file stays unwritable.").arg(file));
    QCOMPARE(chat_->errorDetail(), QStringLiteral("disk I/O error"));  // SQLite's words, on the details line
    QVERIFY(chat_->replyAwaitsRoom() && chat_->replyAwaitsWrite() && !chat_->replyAwaitsLock());
    QVERIFY2(chat_->quitQuestion().startsWith(
                 QStringLiteral("The conversation database \u2068%1\u2069 could not be written, so the last reply").arg(file)),
             qPrintable(chat_->quitQuestion()));
    const QString shown = lastShown();
    QVERIFY(!shown.isEmpty());
    QCOMPARE(store_->messages(conv)[1].text, QString());
    disk_quota::uninstall();  // writable again: saved by the retry, without "There is room again"
    QTRY_COMPARE_WITH_TIMEOUT(chat_->replyStatus(), QStringLiteral("The reply is saved."), 15000);
    QCOMPARE(chat_->errorText(), QString());
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QVERIFY(!chat_->replyAwaitsWrite());
}

QTEST_GUILESS_MAIN(TestUnsavedReplyDisk)
#include "test_unsaved_reply_disk.moc"
