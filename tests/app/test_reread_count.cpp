// test_reread_count.cpp — the status line's "re-reading N messages" (ChatSession::runTurn's resumeNote, a conversation
// with no saved state read again as text) writes N as the interface's numbers are written: grouped by the default
// QLocale, which LanguageSwitcher::numberLocale sets to the language shown (English's "1,000" under `--lang de`).
// Before (session 53's lows2) it was the one count of the line written ungrouped: "re-reading 19998 messages".
// Code: app/core/chat_session.cpp.
#include <QLocale>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestRereadCount : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void countIsGroupedAsTheInterfaceWritesNumbers_data();
    void countIsGroupedAsTheInterfaceWritesNumbers();

private:
    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

void TestRereadCount::initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = Model::load(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth");
    tokenizer_ = tokenizer_for_vocab_size(256, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
}

void TestRereadCount::countIsGroupedAsTheInterfaceWritesNumbers_data() {
    QTest::addColumn<QString>("locale");  // the default QLocale: the one LanguageSwitcher sets for the language shown
    QTest::addColumn<QString>("note");
    QTest::newRow("en_US (en, and a language without a catalogue)") << "en_US" << "no saved state — re-reading 1,000 messages";
    QTest::newRow("de_DE") << "de_DE" << "no saved state — re-reading 1.000 messages";
}

// An imported conversation of 1,000 messages (500 questions and their replies) carries no state: its next turn reads
// all of them again.
void TestRereadCount::countIsGroupedAsTheInterfaceWritesNumbers() {
    QFETCH(QString, locale);
    QFETCH(QString, note);
    QLocale::setDefault(QLocale(locale));
    const auto back = qScopeGuard([] { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); });
    store::ConversationStore store(tmp_.filePath(locale + QStringLiteral(".sqlite")));
    store::ConversationImport data;
    data.conversation.title = QStringLiteral("Long");
    for (int i = 1; i <= 1000; ++i) {
        store::Message m;
        m.id = i;
        m.parent_id = i - 1;
        m.role = i % 2 == 1 ? store::Role::User : store::Role::Assistant;
        m.text = QStringLiteral("m%1").arg(i);
        data.messages << m;
    }
    const qint64 conv = store.importConversation(data);
    ChatSession session(store, *model_, *tokenizer_);
    ChatParams p;
    p.sampler.temperature = 0.0f;
    p.maxTokens = 1;
    const TurnStats t = session.runTurn(conv, QStringLiteral("And now?"), p);
    QCOMPARE(t.source, StateSource::Reprefill);
    QCOMPARE(t.reprefillMessages, qint64(1000));
    QCOMPARE(t.resumeNote(), note);
}

QTEST_GUILESS_MAIN(TestRereadCount)
#include "test_reread_count.moc"
