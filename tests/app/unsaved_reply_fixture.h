// unsaved_reply_fixture.h — the set-up of the suites of a reply ChatController could not save, with the real tiny
// RWKV-7 (chat_controller_fixture.h) over a database file in the test's folder: test_unsaved_reply_disk (a full disk, a
// disk error, a damaged file), test_unsaved_reply_lock (another program's lock), test_unsaved_reply_close (the window
// closed or the app quit with a reply not saved or still being written) and test_disk_quota (a quota used up). The full
// disk is disk_quota_vfs.h, the other program other_program.h. Code: app/core/chat_controller_unsaved_reply.cpp
#pragma once

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include "chat_controller_fixture.h"
#include "disk_quota_vfs.h"
#include "other_program.h"

/// A test class derives from QObject and this, and calls init() / cleanup() from its own slots.
class UnsavedReplyFixture : protected ChatControllerFixture {
protected:
    using ChatController = rwkv::app::ChatController;
    using ChatParams = rwkv::app::ChatParams;
    using InferenceWorker = rwkv::app::InferenceWorker;
    using MessageModel = rwkv::app::MessageModel;
    using TurnReadouts = rwkv::app::TurnReadouts;

    /// ChatControllerFixture's set-up, the controller's retry sooner.
    void init() {
        ChatControllerFixture::init();
        retrySooner();
    }
    // The controller's own retry of a reply not saved yet (every ChatController::kUnsavedRetryMs, 5 s) runs every second
    // here: the tests wait for retries, not for their interval (61 s of waiting on 0.7 s of CPU before; session 38).
    void retrySooner() {
        if (auto* retry = chat_->findChild<QTimer*>(QStringLiteral("unsavedRetry"))) retry->setInterval(1000);
    }
    // A reply whose final save fails; its conversation, or 0. `spareBytes`: free pages the database file keeps (so that
    // emptying the write-ahead log into it needs no room).
    qint64 replyOnAFullDisk(const QTemporaryDir& dir, qint64 spareBytes = 0);
    // The same reply, with `fromItsFirstPiece` run (in the worker's thread) at each piece of its text instead of the
    // disk filling.
    qint64 replyWhile(const QTemporaryDir& dir, qint64 spareBytes, std::function<void()> fromItsFirstPiece);
    // replyWhile's set-up and question, the reply left being written: 2,000 tokens at most, `paceMs` each (else 24);
    // `checkpoints` false: no checkpoint save of the partial reply (ChatParams::checkpointMs), only the final save.
    qint64 startReplyWhile(const QTemporaryDir& dir, qint64 spareBytes, std::function<void()> fromItsFirstPiece,
                           int paceMs = 0, bool checkpoints = true);
    // The controller made again over the database at `path` in `dir`, every write of the folder counted by disk_quota
    // (no limit yet), the demo model loaded and conversation `conv` selected.
    void openUnderQuota(const QTemporaryDir& dir, const QString& path, qint64 conv);
    // The text of the last message on screen.
    QString lastShown() const;
    // A reply paced to be written for a while, `lock` run (in the worker's thread) at its first piece of text until it
    // returns true; its conversation once some of its text is on screen, or 0.
    qint64 replyBeingWrittenUnder(const QTemporaryDir& dir, std::function<bool()> lock);
};

inline qint64 UnsavedReplyFixture::replyOnAFullDisk(const QTemporaryDir& dir, qint64 spareBytes) {
    // The disk is full from the reply's first piece of text on: no file of the folder may grow (so the write-ahead log
    // cannot be checkpointed into the database file either).
    return replyWhile(dir, spareBytes, [] { disk_quota::gQuota.bytes = 0; });
}

inline qint64 UnsavedReplyFixture::replyWhile(const QTemporaryDir& dir, qint64 spareBytes,
                                               std::function<void()> fromItsFirstPiece) {
    const qint64 conv = startReplyWhile(dir, spareBytes, std::move(fromItsFirstPiece));
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    if (conv == 0 || !done.wait(60000) || done.takeFirst().at(0).toBool()) return 0;
    return conv;
}

inline void UnsavedReplyFixture::openUnderQuota(const QTemporaryDir& dir, const QString& path, qint64 conv) {
    cleanup();
    disk_quota::install(dir.path(), std::numeric_limits<qint64>::max() / 2);  // no limit yet
    store_ = std::make_unique<rwkv::store::ConversationStore>(path);
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    retrySooner();
    readouts_ = std::make_unique<TurnReadouts>();
    readouts_->wire(*chat_, *worker_);
    loadDemoModel();
    chat_->selectConversation(conv);
}

inline QString UnsavedReplyFixture::lastShown() const {
    const MessageModel* messages = chat_->messages();
    return messages->data(messages->index(messages->rowCount() - 1), MessageModel::TextRole).toString();
}

inline qint64 UnsavedReplyFixture::startReplyWhile(const QTemporaryDir& dir, qint64 spareBytes,
                                                    std::function<void()> fromItsFirstPiece, int paceMs,
                                                    bool checkpoints) {
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0;
    {
        rwkv::store::ConversationStore writable(path);
        conv = writable.createConversation(QStringLiteral("Filling"));
    }
    if (spareBytes > 0) {  // a table as large, dropped: its pages stay in the file, free
        sqlite3* db = nullptr;
        const std::string sql = "CREATE TABLE spare(b); INSERT INTO spare VALUES (zeroblob(" +
                                std::to_string(spareBytes) + ")); DROP TABLE spare;";
        const bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
                        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close(db);
        if (!ok) return 0;
    }
    openUnderQuota(dir, path, conv);
    useGreedyReplies(paceMs > 0 ? 2000 : 24);
    if (!checkpoints) {
        ChatParams params = chat_->params();
        params.checkpointMs = ChatParams::kNoCheckpoints;
        chat_->setParams(params);
    }
    chat_->setReplyPace(paceMs);
    QObject::connect(worker_.get(), &InferenceWorker::replyDelta, worker_.get(), std::move(fromItsFirstPiece),
                     Qt::DirectConnection);
    return chat_->send(QStringLiteral("Write while the disk fills")) ? conv : 0;
}

inline qint64 UnsavedReplyFixture::replyBeingWrittenUnder(const QTemporaryDir& dir, std::function<bool()> lock) {
    auto held = std::make_shared<std::atomic<bool>>(false);
    const qint64 conv = startReplyWhile(dir, 0, [held, lock] { if (!*held) *held = lock(); }, 10);
    // Waits for the lock too: returning at the first text on screen gave 0 when the first try met the store's own
    // write (the lead's run at 111eeb1, when BEGIN IMMEDIATE did not wait; OtherProgram::begin waits for it now).
    const bool shown = conv != 0 && QTest::qWaitFor([this, held] { return chat_->messages()->rowCount() == 2 &&
                                                                          !lastShown().isEmpty() && *held; }, 20000);
    return shown ? conv : 0;
}
