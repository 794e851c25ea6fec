// test_start_state_window.cpp — the window's side of a chat's starting state (ChatController::setStartState, the "⋯"
// menu's Starting state… and the "Starting state: …" line), with a real InferenceWorker and the tiny RWKV-7: the chat
// shown names its file; a change drops the chat's saved states and its next reply reads it again from the file ("the
// starting state changed"); a file for another model's shape or no state-tuning file at all is refused with the
// banner naming why, and nothing changes; "" goes back to the zero state. Code: app/core/chat_controller_chats.cpp.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include "chat_controller_fixture.h"
#include "pth_writer.h"
#include "rwkv/model.h"

using namespace rwkv;
using namespace rwkv::app;

class TestStartStateWindow : public QObject, private ChatControllerFixture {
    Q_OBJECT

    QTemporaryDir dir_;

    /// A state-tuning file of `model`'s shape (its state after reading a few letters).
    QString stateFileOf(const char* model, const QString& name) {
        auto m = Model::load(std::string(RWKV_TESTDATA_DIR "/") + model);
        State s = m->new_state();
        std::vector<float> logits(std::size_t(m->shape().vocab_size));
        m->forward(s, std::vector<std::int32_t>{72, 105, 33, 10}, logits);
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(pth_writer::makePth(pth_writer::time_states(s.to_host(), m->shape())));
        return path;
    }

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }

    void chatStartsFromTheChosenFile() {
        loadDemoModel();
        useGreedyReplies(8);
        QVERIFY(chat_->send(QStringLiteral("Hello there")));
        waitForReply();
        const qint64 id = chat_->currentConversationId();
        QCOMPARE(chat_->currentStartState(), QString());
        QCOMPARE(store_->snapshots(id).size(), 1);

        const QString file = stateFileOf("tiny-rwkv7-834K.pth", QStringLiteral("pirate.pth"));
        QSignalSpy shown(chat_.get(), &ChatController::currentStartStateChanged);
        QVERIFY(chat_->setStartState(id, QUrl::fromLocalFile(file).toString()));  // as the file dialog gives it
        QCOMPARE(shown.size(), 1);
        QCOMPARE(chat_->currentStartState(), QStringLiteral("pirate.pth"));
        QCOMPARE(store_->conversation(id)->start_state, file);
        QCOMPARE(store_->snapshots(id).size(), 0);  // made from zeros: gone with the change
        QVERIFY(chat_->setStartState(id, file));    // the same file: nothing changes
        QCOMPARE(shown.size(), 1);

        QVERIFY(chat_->send(QStringLiteral("Go on")));
        waitForReply();
        QVERIFY2(chat_->replyStatus().contains(QStringLiteral("the starting state changed — re-reading 2 messages")),
                 qPrintable(chat_->replyStatus()));

        // Opened again after another chat: the line names it; back to zeros: it goes.
        chat_->newConversation();
        QCOMPARE(chat_->currentStartState(), QString());
        chat_->selectConversation(id);
        QCOMPARE(chat_->currentStartState(), QStringLiteral("pirate.pth"));
        QVERIFY(chat_->setStartState(id, QString()));
        QCOMPARE(chat_->currentStartState(), QString());
        QCOMPARE(store_->conversation(id)->start_state, QString());
    }

    void wrongFilesAreRefused() {
        loadDemoModel();
        useGreedyReplies(4);
        QVERIFY(chat_->send(QStringLiteral("Hello there")));
        waitForReply();
        const qint64 id = chat_->currentConversationId();
        // A file for the random L3 H2 model: refused now, naming both shapes, not at the next reply.
        QVERIFY(!chat_->setStartState(id, stateFileOf("rand-rwkv7-L3-D128.safetensors", QStringLiteral("wide.pth"))));
        QVERIFY2(chat_->errorText().contains(QStringLiteral("wide.pth\u2069 cannot be a starting state: the "
                                                            "state-tuning file is for a model of L3 H2 N64 (C 128); the "
                                                            "loaded model is L12 H1 N64 (C 64)")),
                 qPrintable(chat_->errorText()));  // the name in bidi isolates (models::isolated)
        // A model checkpoint.
        QVERIFY(!chat_->setStartState(id, QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth")));
        QVERIFY2(chat_->errorText().contains(QStringLiteral("is a model checkpoint")), qPrintable(chat_->errorText()));
        QCOMPARE(store_->conversation(id)->start_state, QString());
        QCOMPARE(store_->snapshots(id).size(), 1);  // nothing changed
        QCOMPARE(chat_->currentStartState(), QString());
        QVERIFY(!chat_->setStartState(0, QStringLiteral("/no/such.pth")));  // a new chat has no menu for it
    }
};

QTEST_GUILESS_MAIN(TestStartStateWindow)
#include "test_start_state_window.moc"
