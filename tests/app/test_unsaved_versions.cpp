// test_unsaved_versions.cpp — "3 replies" (ChatController::regenerateSeveral) whose final saves a full disk refuses
// (set-up: unsaved_reply_fixture.h): the window keeps every version whose save failed, as it keeps a single reply — the
// "not saved yet" banner, each version shown whole when ‹ › steps to it, and each saved whole (text, end, token count)
// by the retry once there is room. Before (session 51's loose ends, 1) each version kept only its checkpointed text,
// unfinished, and the versions not shown went without a word. Code: app/core/chat_controller_unsaved_reply.cpp,
// chat_controller_versions.cpp, chat_session_several.cpp.
#include <QHash>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>


#include "unsaved_reply_fixture.h"

using namespace rwkv::app;

class TestUnsavedVersions : public QObject, private UnsavedReplyFixture {
    Q_OBJECT

private slots:
    void init() { UnsavedReplyFixture::init(); }
    void cleanup() { UnsavedReplyFixture::cleanup(); }
    void versionsNotSavedAreKeptAndSavedLater();

private:
    /// The text the window shows for message `id` once ‹ › has stepped to it ("" when no row shows it).
    QString shownVersion(qint64 id) const {
        const MessageModel* messages = chat_->messages();
        for (int row = 0; row < messages->rowCount(); ++row)
            if (messages->messageAt(row).id == id)
                return messages->data(messages->index(row), MessageModel::TextRole).toString();
        return {};
    }
};

void TestUnsavedVersions::versionsNotSavedAreKeptAndSavedLater() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 conv = 0, question = 0, reply = 0;
    {
        rwkv::store::ConversationStore writable(path);
        conv = writable.createConversation(QStringLiteral("Versions"));
        question = writable.addMessage(conv, 0, rwkv::store::Role::User, QStringLiteral("Tell me a story about a cat"));
        reply = writable.addMessage(conv, question, rwkv::store::Role::Assistant, QStringLiteral("Once upon a time."));
    }
    openUnderQuota(dir, path, conv);
    ChatParams params = chat_->params();
    params.sampler.temperature = 1.0f;  // three different versions
    params.sampler.top_p = 0.9f;
    params.maxTokens = 24;
    chat_->setParams(params);
    // The disk is full from the versions' first piece of text on: their checkpoints and final saves all fail.
    QObject::connect(worker_.get(), &InferenceWorker::versionDelta, worker_.get(), [] { disk_quota::gQuota.bytes = 0; },
                     Qt::DirectConnection);
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    QVERIFY(chat_->regenerateSeveral(reply, 3));
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toBool(), false);

    QList<qint64> versions = store_->siblings(reply);
    versions.removeOne(reply);
    QCOMPARE(versions.size(), 3);
    for (const qint64 id : versions) QCOMPARE(store_->message(id)->text, QString());  // none saved: the disk is full
    // The banner of a reply not saved yet, and the retry: not "The reply failed".
    QVERIFY2(chat_->errorText().contains(QStringLiteral(" of 4 are not saved yet: the disk holding")),  // 2, 3, 4
             qPrintable(chat_->errorText()));
    QVERIFY(chat_->replyAwaitsRoom());
    // Each version is on screen whole when ‹ › steps to it, with its numbers as its save will store them.
    QHash<qint64, QString> shown;
    qint64 at = chat_->messages()->messageAt(chat_->messages()->rowCount() - 1).id;
    while (at != versions.front()) {  // back to the first version
        chat_->showSibling(at, -1);
        at = chat_->messages()->messageAt(chat_->messages()->rowCount() - 1).id;
        QVERIFY(at >= versions.front());
    }
    for (const qint64 id : versions) {
        QCOMPARE(chat_->messages()->messageAt(chat_->messages()->rowCount() - 1).id, id);
        shown[id] = shownVersion(id);
        QVERIFY2(!shown[id].isEmpty(), qPrintable(QStringLiteral("version %1 shown empty").arg(id)));
        QCOMPARE(chat_->messages()->data(chat_->messages()->index(chat_->messages()->rowCount() - 1),
                                         MessageModel::StatusRole).toInt(),
                 int(MessageModel::Status::Complete));  // written whole: not "cut off"
        const QString line = readouts_->describe(id);  // its numbers under it, as under a saved version
        QVERIFY2(line.contains(QStringLiteral(" tok/s · ")) && line.endsWith(QStringLiteral(" tokens")), qPrintable(line));
        if (id != versions.back()) chat_->showSibling(id, 1);
    }
    QCOMPARE(QSet<QString>(shown.begin(), shown.end()).size(), 3);  // three versions, three texts

    disk_quota::uninstall();  // room again: the retry saves every version, whole, and the banner goes
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->replyAwaitsRoom(), 15000);
    QCOMPARE(chat_->errorText(), QString());
    for (const qint64 id : versions) {
        const std::optional<rwkv::store::Message> saved = store_->message(id);
        QCOMPARE(saved->text, shown[id]);
        QVERIFY(saved->finished);
        QVERIFY(saved->token_count > 0);
        QVERIFY(saved->end == rwkv::store::ReplyEnd::LengthLimit || saved->end == rwkv::store::ReplyEnd::ByItself);
    }
    QCOMPARE(store_->message(reply)->text, QStringLiteral("Once upon a time."));  // the reply they are versions of
}

QTEST_GUILESS_MAIN(TestUnsavedVersions)
#include "test_unsaved_versions.moc"
