// test_start_state.cpp — a conversation that starts from a state-tuning file (ConversationStore::setStartState,
// ChatSession::startState), with the real engine and the tiny RWKV-7 of the test data (greedy): its first turn starts
// from the file's state; a re-read of its text without any saved state starts from the very same state (bit for bit);
// a file gone or changed is refused before anything is written; a change drops the chat's saved states.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>  // mkfifo

#include <cstring>
#include <functional>
#include <memory>

#include "as_another_user.h"
#include "chat_session.h"
#include "pth_writer.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "rwkv/state_file.h"
#include "start_state.h"
#include "store/conversation_store.h"
#include "store/store_error.h"

using namespace rwkv;
using namespace rwkv::app;

namespace {

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestStartState : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void firstTurnStartsFromTheFile();
    void rereadStartsFromTheSameState();
    void goneOrChangedFileIsRefusedBeforeAnythingIsWritten();
    void aTurnReadsTheFileOnceAndAResumedTurnNotAtAll();
    void changeDropsTheChatsStates();
    void notARegularFileIsRefusedBeforeItIsRead();
    void unreadableFileOrFolderIsNamedIsolatedForTheWindow();
    void largeFileIsRefusedFromItsIndexUnread();

private:
    ChatParams greedy() const {
        ChatParams p;
        p.sampler.temperature = 0.0f;
        p.sampler.seed = 7;
        p.maxTokens = 12;
        return p;
    }
    /// A state-tuning file (fp32 .pth) of the tiny model's state after reading `text`.
    QString writeStateFile(const QString& name, const std::string& text) {
        State s = model_->new_state();
        std::vector<float> logits(256);
        model_->forward(s, tokenizer_->encode(text), logits);
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(pth_writer::makePth(pth_writer::time_states(s.to_host(), model_->shape())));
        return path;
    }
    qint64 chatFrom(store::ConversationStore& store, const QString& file) {
        const qint64 id = store.createConversation(QStringLiteral("Tuned"));
        const StartStateFile read = readStartStateFile(file);
        store.setStartState(id, read.path, read.sha256);
        return id;
    }

    QTemporaryDir dir_;
    QString stateFile_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestStartState::initTestCase() {
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    stateFile_ = writeStateFile(QStringLiteral("pirate.pth"), "User: Speak like a pirate.\n\nAssistant: Arr!\n\n");
}

void TestStartState::firstTurnStartsFromTheFile() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 tuned = chatFrom(store, stateFile_);
    QCOMPARE(store.conversation(tuned)->start_state, QFileInfo(stateFile_).absoluteFilePath());
    QCOMPARE(store.conversation(tuned)->start_state_sha256.size(), 64);
    const qint64 plain = store.createConversation(QStringLiteral("Plain"));

    // Before any message: the file's state, token shifts zero (state_file_floats), not zeros.
    const std::vector<float> start = session.stateAfter(tuned, 0).to_host();
    QVERIFY(sameBits(start, load_state_file(stateFile_.toStdString(), *model_).to_host()));
    QVERIFY(!sameBits(start, session.stateAfter(plain, 0).to_host()));

    const TurnStats t = session.runTurn(tuned, QStringLiteral("Hello there"), greedy());
    const TurnStats p = session.runTurn(plain, QStringLiteral("Hello there"), greedy());
    QCOMPARE(t.source, StateSource::Fresh);
    QCOMPARE(t.prefillTokens, p.prefillTokens);  // the same text read, from another state
    QVERIFY(!sameBits(session.cachedState(tuned, t.assistantMessageId)->to_host(),
                      session.cachedState(plain, p.assistantMessageId)->to_host()));
}

void TestStartState::rereadStartsFromTheSameState() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    // The same two messages in a chat from the file and in one from zeros, with no saved state: read again as text.
    const qint64 tuned = chatFrom(store, stateFile_), plain = store.createConversation(QStringLiteral("Plain"));
    qint64 replyTuned = 0, replyPlain = 0;
    for (const qint64 id : {tuned, plain}) {
        const qint64 q = store.addMessage(id, 0, store::Role::User, QStringLiteral("Hello there"));
        (id == tuned ? replyTuned : replyPlain) = store.addMessage(id, q, store::Role::Assistant, QStringLiteral("Ahoy"));
    }
    QCOMPARE(store.snapshots(tuned).size(), 0);

    // What the re-read must give: the file's state, then the turn's text in one forward().
    const std::string text = format_history("", {{"Hello there", "Ahoy"}});
    State expected = load_state_file(stateFile_.toStdString(), *model_);
    std::vector<float> logits(256);
    model_->forward(expected, tokenizer_->encode(text), logits);
    const std::vector<float> reread = session.stateAfter(tuned, replyTuned).to_host();
    QVERIFY(sameBits(reread, expected.to_host()));
    QVERIFY(!sameBits(reread, session.stateAfter(plain, replyPlain).to_host()));

    // A turn there re-reads from it too, and after a new session (a restart) the same.
    const TurnStats t = session.runTurn(tuned, QStringLiteral("Where to?"), greedy());
    QCOMPARE(t.source, StateSource::Reprefill);
    ChatSession restarted(store, *model_, *tokenizer_);
    store.setSystemPrompt(tuned, QStringLiteral("drop the states"));
    store.setSystemPrompt(tuned, QString());
    QCOMPARE(store.snapshots(tuned).size(), 0);
    QVERIFY(sameBits(restarted.stateAfter(tuned, replyTuned).to_host(), expected.to_host()));
}

void TestStartState::goneOrChangedFileIsRefusedBeforeAnythingIsWritten() {
    const QString file = writeStateFile(QStringLiteral("moving.pth"), "User: Be terse.\n\nAssistant: Yes.\n\n");
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 id = chatFrom(store, file);
    const TurnStats first = session.runTurn(id, QStringLiteral("Hello there"), greedy());
    QCOMPARE(store.messages(id).size(), 2);

    // Changed: another state written over it (same name, same size).
    QVERIFY(QFile::remove(file));
    QCOMPARE(writeStateFile(QStringLiteral("moving.pth"), "User: Be verbose.\n\nAssistant: Yes.\n\n"), file);
    // A turn that resumes from the reply's saved state does not need the file: it goes on.
    const TurnStats resumed = session.runTurn(id, QStringLiteral("Go on"), greedy());
    QCOMPARE(resumed.source, StateSource::Memory);
    QCOMPARE(store.messages(id).size(), 4);
    // A turn that reads the chat from its start needs it: refused before anything is written. Regenerate the first
    // reply, and a turn whose chat has no state left (its instructions changed).
    const auto refusal = [&](const std::function<void()>& turn) {
        try {
            turn();
        } catch (const ChatError& e) {
            return QString::fromUtf8(e.what());
        }
        return QStringLiteral("(no error)");
    };
    QString why = refusal([&] { session.regenerate(id, first.assistantMessageId, greedy()); });
    QVERIFY2(why.startsWith(QStringLiteral("This chat starts from the state-tuning file moving.pth, which has changed "
                                           "since it was chosen (sha256 ")),
             qPrintable(why));
    QCOMPARE(store.messages(id).size(), 4);  // nothing written
    store.setSystemPrompt(id, QStringLiteral("Be brief."));
    session.instructionsChanged(id);
    QCOMPARE(store.snapshots(id).size(), 0);
    why = refusal([&] { session.runTurn(id, QStringLiteral("Again"), greedy()); });
    QVERIFY2(why.startsWith(QStringLiteral("This chat starts from the state-tuning file moving.pth, which has changed")),
             qPrintable(why));
    QCOMPARE(store.messages(id).size(), 4);

    // Gone.
    QVERIFY(QFile::remove(file));
    why = refusal([&] { session.runTurn(id, QStringLiteral("Again"), greedy()); });
    QVERIFY2(why.startsWith(QStringLiteral("This chat starts from the state-tuning file moving.pth, which cannot be "
                                           "read now (")),
             qPrintable(why));
    QCOMPARE(store.messages(id).size(), 4);
    QVERIFY_THROWS_EXCEPTION(ChatError, session.stateAfter(id, 0));
}

// Each turn reads and hashes the file at most once (33 MB for a 7.2B model's): the check before anything is written
// hands its floats on to where the state is built. Before, a first turn and a re-read read it twice, and a turn that
// resumed from a saved state once, for nothing.
void TestStartState::aTurnReadsTheFileOnceAndAResumedTurnNotAtAll() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 id = chatFrom(store, stateFile_);
    const auto readsOf = [](const std::function<void()>& turn) {
        const qint64 before = startStateFileReads();
        turn();
        return startStateFileReads() - before;
    };
    TurnStats first;
    QCOMPARE(readsOf([&] { first = session.runTurn(id, QStringLiteral("Hello there"), greedy()); }), 1);
    QCOMPARE(first.source, StateSource::Fresh);
    TurnStats t;
    QCOMPARE(readsOf([&] { t = session.runTurn(id, QStringLiteral("Go on"), greedy()); }), 0);  // from memory
    QCOMPARE(t.source, StateSource::Memory);
    ChatSession restarted(store, *model_, *tokenizer_);
    QCOMPARE(readsOf([&] { t = restarted.runTurn(id, QStringLiteral("And then?"), greedy()); }), 0);  // from SQLite
    QCOMPARE(t.source, StateSource::SavedState);
    QCOMPARE(readsOf([&] { t = restarted.regenerate(id, first.assistantMessageId, greedy()); }), 1);
    QCOMPARE(t.source, StateSource::Fresh);
    // The whole chat read again (its states dropped with a change of instructions): once.
    store.setSystemPrompt(id, QStringLiteral("Be brief."));
    restarted.instructionsChanged(id);
    QCOMPARE(readsOf([&] { t = restarted.runTurn(id, QStringLiteral("Once more"), greedy()); }), 1);
    QCOMPARE(t.source, StateSource::Reprefill);
}

void TestStartState::changeDropsTheChatsStates() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 id = chatFrom(store, stateFile_);
    session.runTurn(id, QStringLiteral("Hello there"), greedy());
    QCOMPARE(store.snapshots(id).size(), 1);
    const store::Conversation c = *store.conversation(id);
    QCOMPARE(store.setStartState(id, c.start_state, c.start_state_sha256), false);  // the same: kept
    QCOMPARE(store.snapshots(id).size(), 1);
    QCOMPARE(store.setStartState(id, QString(), QString()), true);  // back to zeros: the states go
    QCOMPARE(store.snapshots(id).size(), 0);
    session.startStateChanged(id);
    const TurnStats t = session.runTurn(id, QStringLiteral("Go on"), greedy());
    QCOMPARE(t.source, StateSource::Reprefill);
    QVERIFY2(t.resumeNote().startsWith(QStringLiteral("the starting state changed — re-reading 2 messages")),
             qPrintable(t.resumeNote()));
    QVERIFY_THROWS_EXCEPTION(store::StoreError, store.setStartState(9999, QString(), QString()));
}

// Session 49's trial, HIGH: a named pipe or a device given as a starting state (a path typed in the file dialog,
// rwkv-cli chat --state-file, a JSON import's "path") was opened and read to its end: /dev/zero has none, and grew the
// process by ~0.7 GB a second; a named pipe blocked for good. Refused before it is opened, as the engine's loader
// refuses it; a chat whose file became one says, as for a file gone, that it cannot be read now, nothing written.
void TestStartState::notARegularFileIsRefusedBeforeItIsRead() {
    const QString pipe = dir_.filePath(QStringLiteral("pipe.pth"));
    QCOMPARE(::mkfifo(QFile::encodeName(pipe).constData(), 0600), 0);
    for (const QString& path : {QStringLiteral("/dev/null"), QStringLiteral("/dev/zero"), pipe}) {
        try {
            readStartStateFile(path);
            QFAIL(qPrintable(path + QStringLiteral(" was read as a state-tuning file")));
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::UnsupportedFormat);
            QCOMPARE(QString::fromUtf8(e.what()), path + (path == pipe ? QStringLiteral(": not a regular file (a named pipe)")
                                                                      : QStringLiteral(": not a regular file (a character "
                                                                                       "device)")));
        }
    }
    // A file of /proc, which stat calls regular (0 bytes here): the engine's refusal too, not QFile's read of the text
    // the kernel makes up and "not a state-tuning file" of it (session 54's loose ends).
    for (const QString& path : {QStringLiteral("/proc/self/status"), QStringLiteral("/proc/self/mem")}) {
        try {
            readStartStateFile(path);
            QFAIL(qPrintable(path + QStringLiteral(" was read as a state-tuning file")));
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::UnsupportedFormat);
            QCOMPARE(QString::fromUtf8(e.what()),
                     path + QStringLiteral(": not a regular file (a file of /proc, which the kernel makes up as it is "
                                           "read)"));
        }
    }

    const QString file = writeStateFile(QStringLiteral("piped.pth"), "User: Be terse.\n\nAssistant: Yes.\n\n");
    store::ConversationStore store(QStringLiteral(":memory:"));
    ChatSession session(store, *model_, *tokenizer_);
    const qint64 id = chatFrom(store, file);
    QVERIFY(QFile::remove(file));
    QCOMPARE(::mkfifo(QFile::encodeName(file).constData(), 0600), 0);
    try {
        session.runTurn(id, QStringLiteral("Hello there"), greedy());
        QFAIL("the turn was not refused");
    } catch (const ChatError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral(
                     "This chat starts from the state-tuning file piped.pth, which cannot be read now (")),
                 e.what());
    }
    QCOMPARE(store.messages(id).size(), 0);
}

// A file that cannot be read (here: its folder closed to the user reading it) or a folder: a ChatError whose what()
// names the path as it is (rwkv-cli's line) and whose shown() has it isolated between U+2068 and U+2069, as the window
// quotes every path (session 57's loose ends: "The state-tuning file /x/s.pth cannot be read" bare in the window).
void TestStartState::unreadableFileOrFolderIsNamedIsolatedForTheWindow() {
    const QString file = writeStateFile(QStringLiteral("closed.pth"), "User: Be terse.\n\nAssistant: Yes.\n\n");
    QVERIFY(QFile::setPermissions(file, QFileDevice::Permissions()));
    const auto said = [](const QString& path) {
        try {
            readStartStateFile(path);
        } catch (const ChatError& e) {
            return QByteArray(e.what()) + '\n' + QByteArray(e.shown());
        } catch (const std::exception& e) {
            return QByteArray("other: ") + e.what();
        }
        return QByteArray("(read)");
    };
    const QStringList unreadable = QString::fromUtf8(asAnotherUser([&] { return said(file); })).split(u'\n');
    QCOMPARE(unreadable.size(), 2);
    const QString start = QStringLiteral("The state-tuning file %1 cannot be read: ");
    QVERIFY2(unreadable[0].startsWith(start.arg(file)), qPrintable(unreadable[0]));
    QCOMPARE(unreadable[1], start.arg(QStringLiteral("\u2068%1\u2069").arg(file)) + unreadable[0].mid(start.arg(file).size()));
    const QStringList folder = QString::fromUtf8(said(dir_.path())).split(u'\n');
    QCOMPARE(folder, QStringList({QStringLiteral("%1 is a folder, not a state-tuning file.").arg(dir_.path()),
                                  QStringLiteral("\u2068%1\u2069 is a folder, not a state-tuning file.").arg(dir_.path())}));
}

/// Bytes this process has read through read(2) and friends (/proc/self/io "rchar"); a mapping's page faults are not
/// counted, so a file checked by its index through a mapping adds ~nothing.
static qint64 bytesReadByThisProcess() {
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : io.readAll().split('\n'))
        if (line.startsWith("rchar:")) return line.mid(6).trimmed().toLongLong();
    return -1;
}

void TestStartState::largeFileIsRefusedFromItsIndexUnread() {
    // A model picked as a starting state by mistake (session 49's trial: a 2 GB file read whole, 33 s and 2.1 GB of
    // memory, before "is a model checkpoint"): the tiny model's .pth grown to 300 MiB by a sparse tail is no readable
    // container any more; either way it must be refused without its 300 MiB being read.
    if (bytesReadByThisProcess() < 0) QSKIP("no /proc/self/io here");
    const QString big = dir_.filePath(QStringLiteral("model-by-mistake.pth"));
    QVERIFY(QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"), big));
    QVERIFY(QFile::resize(big, qint64(300) << 20));
    const qint64 before = bytesReadByThisProcess();
    try {
        readStartStateFile(big);
        QFAIL("a 300 MiB model file was read as a state-tuning file");
    } catch (const Error& e) {
        // Cut short by its own index ("ZIP end-of-central-directory record not found"), as a whole read says too.
        QVERIFY2(e.code() == ErrorCode::TruncatedFile &&
                     QString::fromUtf8(e.what()).contains(QStringLiteral("model-by-mistake.pth")),
                 e.what());
    }
    const qint64 read = bytesReadByThisProcess() - before;
    QVERIFY2(read < (qint64(1) << 20), qPrintable(QStringLiteral("%1 bytes read to refuse it").arg(read)));
}
QTEST_GUILESS_MAIN(TestStartState)
#include "test_start_state.moc"
