// test_start_state_bundle.cpp — a chat's starting state (a state-tuning file) in exports and imports
// (start_state_bundle.h, conversation_export.cpp), with the real engine and the tiny RWKV-7 (greedy): a bundle carries
// the file (version 2) and the chat continues on another computer, re-reading its text from the very same state; the
// file is kept once per sha256 in the data folder's states/; a JSON export names it, and its import keeps the path and
// sha256 so the turn asks for the file; a bundle whose file bytes are changed leaves the file out and says so, one cut
// short is refused; a chat without a starting state still writes a version-1 bundle, which imports as before.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cstring>
#include <memory>

#include "chat_session.h"
#include "conversation_export.h"
#include "pth_writer.h"
#include "start_state.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

quint32 bundleVersion(const QByteArray& bundle) { return qFromLittleEndian<quint32>(bundle.constData() + 8); }

/// The bundle with its SHA-256 made again over what is before it (damage made before the export).
QByteArray rehashed(QByteArray bundle) {
    bundle.chop(32);
    return bundle + QCryptographicHash::hash(bundle, QCryptographicHash::Sha256);
}

QString importRefusal(store::ConversationStore& store, const QByteArray& file) {
    try {
        importConversation(store, file);
    } catch (const ImportError& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("(imported)");
}

}  // namespace

class TestStartStateBundle : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void bundleContinuesFromTheSameState();
    void jsonNamesTheStartingState();
    void damagedStartStateIsLeftOut_data();
    void damagedStartStateIsLeftOut();
    void importingAgainAddsAMissingStartingState();
    void bytesTheEngineRefusesAreLeftOut();
    void cutBundleIsRefused();
    void chatWithoutAStartingStateWritesVersionOne();
    void keptCopyIsExportedByItsOwnName();

private:
    ChatParams greedy() const {
        ChatParams p;
        p.sampler.temperature = 0.0f;
        p.maxTokens = 12;
        return p;
    }
    /// A chat in `store` that starts from the sender's pirate.pth and has one greedy turn ("Hello there").
    qint64 tunedChat(store::ConversationStore& store, ChatSession& session, TurnStats* turn = nullptr) {
        const qint64 id = store.createConversation(QStringLiteral("Tuned"));
        const StartStateFile read = readStartStateFile(stateFile_);
        store.setStartState(id, read.path, read.sha256);
        const TurnStats t = session.runTurn(id, QStringLiteral("Hello there"), greedy());
        if (turn) *turn = t;
        return id;
    }

    QTemporaryDir dir_;
    QString stateFile_, sender_, receiver_;  // the state file; the two computers' data folders
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestStartStateBundle::initTestCase() {
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestStartStateBundle::init() {
    // Each test its own folders: a sender's state file, its data folder and the receiver's.
    static int n = 0;
    const QString root = dir_.filePath(QString::number(++n));
    sender_ = root + QStringLiteral("/sender");
    receiver_ = root + QStringLiteral("/receiver");
    QVERIFY(QDir().mkpath(sender_) && QDir().mkpath(receiver_));
    State s = model_->new_state();
    std::vector<float> logits(256);
    model_->forward(s, tokenizer_->encode("User: Speak like a pirate.\n\nAssistant: Arr!\n\n"), logits);
    stateFile_ = sender_ + QStringLiteral("/pirate.pth");
    QFile f(stateFile_);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(pth_writer::makePth(pth_writer::time_states(s.to_host(), model_->shape())));
}

void TestStartStateBundle::bundleContinuesFromTheSameState() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    TurnStats first;
    const qint64 id = tunedChat(sent, there, &first);
    const QByteArray bundle = exportBundle(sent, id);
    QCOMPARE(bundleVersion(bundle), quint32(2));
    const QString sha = sent.conversation(id)->start_state_sha256;
    QVERIFY(QFile::remove(stateFile_));  // not on the other computer

    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, bundle);
    const QString kept = receiver_ + QStringLiteral("/states/") + sha.left(16) + QStringLiteral("-pirate.pth");
    QCOMPARE(r.startState, kept);
    QVERIFY(r.startStateDamage.isEmpty());
    QVERIFY(r.withState);
    QCOMPARE(received.conversation(r.conversationId)->start_state, kept);
    QCOMPARE(received.conversation(r.conversationId)->start_state_sha256, sha);
    QCOMPARE(readStartStateFile(kept).sha256, sha);

    // Its text read again from the start (regenerate the first reply: the snapshot is not what it starts from) gives
    // the sender's reply and state, bit for bit.
    ChatSession here(received, *model_, *tokenizer_);
    const QList<store::Message> rows = received.messages(r.conversationId);
    QCOMPARE(rows.size(), 2);
    const TurnStats again = here.regenerate(r.conversationId, rows[1].id, greedy());
    QCOMPARE(again.source, StateSource::Fresh);
    QCOMPARE(received.message(again.assistantMessageId)->text, sent.message(first.assistantMessageId)->text);
    QVERIFY(sameBits(here.cachedState(r.conversationId, again.assistantMessageId)->to_host(),
                     there.cachedState(id, first.assistantMessageId)->to_host()));

    // A second import (a copy) reuses the kept file: one file in states/.
    const ImportResult copy = importConversation(received, parseConversationFile(bundle), OnDuplicate::ImportCopy);
    QCOMPARE(copy.startState, kept);
    QCOMPARE(QDir(receiver_ + QStringLiteral("/states")).entryList(QDir::Files).size(), 1);
}

void TestStartStateBundle::jsonNamesTheStartingState() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 id = tunedChat(sent, there);
    const store::Conversation c = *sent.conversation(id);
    const QByteArray json = exportJson(sent, id);
    const QJsonObject start =
        QJsonDocument::fromJson(json).object().value("conversation").toObject().value("start_state").toObject();
    QCOMPARE(start.value("file_name").toString(), QStringLiteral("pirate.pth"));
    QCOMPARE(start.value("sha256").toString(), c.start_state_sha256);
    QCOMPARE(start.value("path").toString(), c.start_state);

    // Imported elsewhere: the path and sha256 as they were; the file is not there, and the turn says so.
    QVERIFY(QFile::remove(stateFile_));
    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, json);
    QCOMPARE(r.startState, c.start_state);
    QCOMPARE(received.conversation(r.conversationId)->start_state, c.start_state);
    QCOMPARE(received.conversation(r.conversationId)->start_state_sha256, c.start_state_sha256);
    QVERIFY(!QDir(receiver_ + QStringLiteral("/states")).exists());
    ChatSession here(received, *model_, *tokenizer_);
    try {
        here.runTurn(r.conversationId, QStringLiteral("Go on"), greedy());
        QFAIL("the turn was not refused");
    } catch (const ChatError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(
                     QStringLiteral("This chat starts from the state-tuning file pirate.pth, which cannot be read now")),
                 e.what());
    }
    QCOMPARE(received.messages(r.conversationId).size(), 2);  // nothing written

    // A "start_state" without a sha256 is refused, naming it.
    QByteArray bad = json;
    bad.replace(c.start_state_sha256.toLatin1(), "abc");
    QVERIFY2(importRefusal(received, bad).contains(QStringLiteral("starting state is not named in full")),
             qPrintable(importRefusal(received, bad)));
}

void TestStartStateBundle::damagedStartStateIsLeftOut_data() {
    QTest::addColumn<bool>("rehash");
    QTest::newRow("damaged after the export") << false;
    QTest::newRow("damaged before (SHA-256 made again)") << true;
}

void TestStartStateBundle::damagedStartStateIsLeftOut() {
    QFETCH(bool, rehash);
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 id = tunedChat(sent, there);
    QByteArray bundle = exportBundle(sent, id);
    // A byte of the file's tensor data (it ends the state bytes, before the SHA-256) changed.
    bundle[bundle.size() - 32 - 200] = char(bundle[bundle.size() - 32 - 200] ^ 0x5a);
    if (rehash) bundle = rehashed(bundle);

    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, bundle);
    QVERIFY2(r.startStateDamage.startsWith(QStringLiteral("the state-tuning file pirate.pth in it is damaged: its "
                                                          "sha256 is ")),
             qPrintable(r.startStateDamage));
    QVERIFY(r.withState);  // the snapshot is whole: it came in
    QVERIFY(r.stateDamage.isEmpty());
    const store::Conversation c = *received.conversation(r.conversationId);
    QCOMPARE(c.start_state, sent.conversation(id)->start_state);  // the sender's path: the chat asks for the file
    QCOMPARE(c.start_state_sha256, sent.conversation(id)->start_state_sha256);
    QVERIFY(!QDir(receiver_ + QStringLiteral("/states")).exists());  // nothing kept
    QCOMPARE(received.messages(r.conversationId).size(), 2);
}

// Importing the bundle again (it opens the first import) gives that chat the file when it cannot read its own: a first
// import that left a damaged file out, or a kept file removed since. Its snapshot stays (made from those very bytes).
void TestStartStateBundle::importingAgainAddsAMissingStartingState() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 id = tunedChat(sent, there);
    const QByteArray bundle = exportBundle(sent, id);
    const QString sha = sent.conversation(id)->start_state_sha256;
    QByteArray damaged = bundle;
    damaged[damaged.size() - 32 - 200] = char(damaged[damaged.size() - 32 - 200] ^ 0x5a);
    QVERIFY(QFile::remove(stateFile_));  // not on the other computer

    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult first = importConversation(received, damaged);
    QVERIFY(!first.startStateDamage.isEmpty());
    const qint64 chat = first.conversationId;
    const std::optional<store::SnapshotInfo> snapshot = received.latestSnapshot(chat);
    QVERIFY(snapshot);

    const ImportResult again = importConversation(received, bundle);
    const QString kept = receiver_ + QStringLiteral("/states/") + sha.left(16) + QStringLiteral("-pirate.pth");
    QVERIFY(again.alreadyPresent);
    QCOMPARE(again.conversationId, chat);
    QVERIFY(again.startStateAdded);
    QVERIFY(!again.stateAdded);  // it had its snapshot
    QCOMPARE(again.startState, kept);
    QCOMPARE(received.conversation(chat)->start_state, kept);
    QCOMPARE(received.conversation(chat)->start_state_sha256, sha);
    QCOMPARE(readStartStateFile(kept).sha256, sha);
    QCOMPARE(received.latestSnapshot(chat)->id, snapshot->id);  // kept: the file is the very one it was made from
    QCOMPARE(received.listConversations().size(), 1);

    // Its file there: a third import changes nothing.
    const ImportResult third = importConversation(received, bundle);
    QVERIFY(third.alreadyPresent && !third.startStateAdded);
    QCOMPARE(received.conversation(chat)->start_state, kept);

    // The kept file removed (or changed): the next import writes it again.
    QVERIFY(QFile::remove(kept));
    const ImportResult fourth = importConversation(received, bundle);
    QVERIFY(fourth.startStateAdded);
    QCOMPARE(readStartStateFile(kept).sha256, sha);
    QCOMPARE(received.conversation(chat)->start_state, kept);

    // A damaged file again adds nothing (its bytes were left out).
    QVERIFY(QFile::remove(kept));
    const ImportResult fifth = importConversation(received, damaged);
    QVERIFY(fifth.alreadyPresent && !fifth.startStateAdded);
    QVERIFY(!QFile::exists(kept));
}

void TestStartStateBundle::bytesTheEngineRefusesAreLeftOut() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 id = tunedChat(sent, there);
    QByteArray bundle = exportBundle(sent, id);
    // The file's zip signature broken, and the bundle made to vouch for those bytes: its JSON's sha256 (the text
    // checksum made again), then its SHA-256. Their sha256 matches; the engine does not read them.
    const qsizetype jsonBytes = qsizetype(qFromLittleEndian<quint64>(bundle.constData() + 16));
    const QByteArray oldSha = sent.conversation(id)->start_state_sha256.toLatin1();
    const qsizetype fileBytes = QJsonDocument::fromJson(bundle.mid(32, jsonBytes))
                                    .object()["conversation"].toObject()["start_state"].toObject()["stored_size"]
                                    .toInteger();
    const qsizetype fileAt = bundle.size() - 32 - fileBytes;
    QCOMPARE(bundle.mid(fileAt, 2), QByteArray("PK"));
    bundle.replace(fileAt, 2, "XX");
    const QByteArray newSha = QCryptographicHash::hash(bundle.mid(fileAt, fileBytes), QCryptographicHash::Sha256).toHex();
    QByteArray json = bundle.mid(32, jsonBytes);
    json.replace(oldSha, newSha);
    bundle.replace(32, jsonBytes, withTextChecksum(json));
    bundle = rehashed(bundle);

    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, bundle);
    QVERIFY2(r.startStateDamage.startsWith(QStringLiteral("the state-tuning file pirate.pth in it cannot be read: ")),
             qPrintable(r.startStateDamage));
    QVERIFY(!QDir(receiver_ + QStringLiteral("/states")).exists());
    QCOMPARE(received.conversation(r.conversationId)->start_state_sha256, QString::fromLatin1(newSha));
}

void TestStartStateBundle::cutBundleIsRefused() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const QByteArray bundle = exportBundle(sent, tunedChat(sent, there));
    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    // The file's last 100 bytes cut away (the header says more): refused, nothing written.
    QByteArray cut = bundle.left(bundle.size() - 132) + bundle.right(32);
    QVERIFY2(importRefusal(received, cut).contains(QStringLiteral("the bundle is truncated or has extra bytes")),
             qPrintable(importRefusal(received, cut)));
    // The header made to fit and the SHA-256 made again: the state description's sizes no longer add up.
    qToLittleEndian<quint64>(qFromLittleEndian<quint64>(cut.constData() + 24) - 100, cut.data() + 24);
    QVERIFY2(importRefusal(received, rehashed(cut)).contains(QStringLiteral("state description is incomplete")),
             qPrintable(importRefusal(received, rehashed(cut))));
    // A newer version is refused by name.
    QByteArray newer = bundle;
    qToLittleEndian<quint32>(3, newer.data() + 8);
    QVERIFY2(importRefusal(received, rehashed(newer)).contains(QStringLiteral("newer RWKV Desktop (bundle version 3)")),
             qPrintable(importRefusal(received, rehashed(newer))));
    QCOMPARE(received.listConversations().size(), 0);
    QVERIFY(!QDir(receiver_ + QStringLiteral("/states")).exists());
}

void TestStartStateBundle::chatWithoutAStartingStateWritesVersionOne() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 plain = sent.createConversation(QStringLiteral("Plain"));
    there.runTurn(plain, QStringLiteral("Hello there"), greedy());
    const QByteArray bundle = exportBundle(sent, plain);
    QCOMPARE(bundleVersion(bundle), quint32(1));  // what every earlier version reads
    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, bundle);
    QVERIFY(r.withState);
    QCOMPARE(r.startState, QString());
    QCOMPARE(received.conversation(r.conversationId)->start_state, QString());
    // A chat whose file is gone: a version-1 bundle naming it, as JSON does.
    const qint64 tuned = tunedChat(sent, there);
    QVERIFY(QFile::remove(stateFile_));
    const QByteArray named = exportBundle(sent, tuned);
    QCOMPARE(bundleVersion(named), quint32(1));
    const ImportResult n = importConversation(received, named);
    QCOMPARE(n.startState, sent.conversation(tuned)->start_state);
    QCOMPARE(received.conversation(n.conversationId)->start_state_sha256, sent.conversation(tuned)->start_state_sha256);
}

/// Session 49's trial, LOW: an imported chat's kept copy, states/<16 hex digits of its sha256>-pirate.pth, was exported
/// by that name, so each computer a bundle passed through added a prefix ("06437649b36167cb-06437649b36167cb-role.
/// safetensors" after two). An export names the file as the user did, and the next import keeps it with one prefix.
void TestStartStateBundle::keptCopyIsExportedByItsOwnName() {
    store::ConversationStore sent(sender_ + QStringLiteral("/conversations.sqlite"));
    ChatSession there(sent, *model_, *tokenizer_);
    const qint64 id = tunedChat(sent, there);
    const QString sha = sent.conversation(id)->start_state_sha256;
    store::ConversationStore received(receiver_ + QStringLiteral("/conversations.sqlite"));
    const ImportResult r = importConversation(received, exportBundle(sent, id));
    const QString kept = receiver_ + QStringLiteral("/states/") + sha.left(16) + QStringLiteral("-pirate.pth");
    QCOMPARE(r.startState, kept);

    const QJsonObject start = QJsonDocument::fromJson(exportJson(received, r.conversationId))
                                  .object()
                                  .value("conversation")
                                  .toObject()
                                  .value("start_state")
                                  .toObject();
    QCOMPARE(start.value("file_name").toString(), QStringLiteral("pirate.pth"));
    QCOMPARE(start.value("path").toString(), kept);  // where it is, as recorded

    const QString third = QFileInfo(sender_).path() + QStringLiteral("/third");
    QVERIFY(QDir().mkpath(third));
    store::ConversationStore onward(third + QStringLiteral("/conversations.sqlite"));
    const ImportResult o = importConversation(onward, exportBundle(received, r.conversationId));
    QCOMPARE(o.startState, third + QStringLiteral("/states/") + sha.left(16) + QStringLiteral("-pirate.pth"));

    // Only the file's own sha256 is taken off: another name that starts with 16 hex digits is kept whole.
    QCOMPARE(startStateFileName(kept, sha), QStringLiteral("pirate.pth"));
    QCOMPARE(startStateFileName(QStringLiteral("/x/0123456789abcdef-notes.pth"), sha),
             QStringLiteral("0123456789abcdef-notes.pth"));
    QCOMPARE(startStateFileName(QStringLiteral("/x/pirate.pth"), sha), QStringLiteral("pirate.pth"));
}

QTEST_GUILESS_MAIN(TestStartStateBundle)
#include "test_start_state_bundle.moc"
