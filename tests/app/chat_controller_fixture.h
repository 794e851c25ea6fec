// chat_controller_fixture.h — the set-up test_chat_controller, test_changes_under_lock and (through
// unsaved_reply_fixture.h) test_unsaved_reply_disk, _lock and _close share: a
// ChatController over an in-memory ConversationStore and a real InferenceWorker thread (the tiny RWKV-7 of the test
// data), its conversation list and messages under QAbstractItemModelTester, and the steps they take (load the demo
// model, greedy replies, wait for a reply). A test class derives from QObject and this, and calls init() / cleanup()
// from its own slots.
#pragma once

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "inference_worker.h"
#include "store/conversation_store.h"
#include "turn_readouts.h"

class ChatControllerFixture {
protected:
    /// A fresh in-memory store, worker and controller, with their models under QAbstractItemModelTester.
    void init() {
        using rwkv::app::ChatController;
        store_ = std::make_unique<rwkv::store::ConversationStore>(QStringLiteral(":memory:"));
        worker_ = std::make_unique<rwkv::app::InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
        chat_ = std::make_unique<ChatController>(*store_, *worker_);
        listTester_ = std::make_unique<QAbstractItemModelTester>(
            chat_->conversations(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        messageTester_ = std::make_unique<QAbstractItemModelTester>(
            chat_->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    /// Everything init() made, the worker thread stopped and joined.
    void cleanup() {
        readouts_.reset();
        listTester_.reset();
        messageTester_.reset();
        chat_.reset();
        worker_.reset();  // stops and joins the worker thread
        store_.reset();
    }

    /// Loads the tiny demo model of the test data and waits until the composer is Ready.
    void loadDemoModel() {
        using State = rwkv::app::ChatController::ComposerState;
        QSignalSpy loaded(chat_.get(), &rwkv::app::ChatController::modelLoadFinished);
        chat_->loadModel(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"));
        QCOMPARE(chat_->composerState(), State::LoadingModel);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.takeFirst().at(0).toBool(), true);
        QCOMPARE(chat_->composerState(), State::Ready);
    }

    /// Temperature 0: the same reply on every run.
    void useGreedyReplies(int maxTokens) {
        rwkv::app::ChatParams p;
        p.sampler.temperature = 0;
        p.maxTokens = maxTokens;
        chat_->setParams(p);
    }

    /// Sends "Tell me everything" in the current chat with a reply only Stop ends (200,000 tokens at most) and waits
    /// for its first piece.
    void startLongReply() {
        rwkv::app::ChatParams p;
        p.maxTokens = 200000;
        chat_->setParams(p);
        QSignalSpy textChanges(chat_->messages(), &QAbstractItemModel::dataChanged);
        QVERIFY(chat_->send(QStringLiteral("Tell me everything")));
        QVERIFY(textChanges.wait(20000));
    }

    /// Waits (60 s at most) for the reply under way to end, ok or failed as `expectOk` says.
    void waitForReply(bool expectOk = true) {
        QSignalSpy done(chat_.get(), &rwkv::app::ChatController::replyCompleted);
        QVERIFY(done.wait(60000));
        QCOMPARE(done.takeFirst().at(0).toBool(), expectOk);
    }

    QTemporaryDir tmp_;
    std::unique_ptr<rwkv::store::ConversationStore> store_;
    std::unique_ptr<rwkv::app::InferenceWorker> worker_;
    std::unique_ptr<rwkv::app::ChatController> chat_;
    std::unique_ptr<rwkv::app::TurnReadouts> readouts_;  // the line under each reply (unsaved_reply_fixture.h wires it)
    std::unique_ptr<QAbstractItemModelTester> listTester_, messageTester_;
};
