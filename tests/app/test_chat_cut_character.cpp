// test_chat_cut_character.cpp — a chat reply (ChatSession: the window's and `rwkv-cli chat`'s) that the length limit
// cuts part way through a character, on the World vocabulary (the random 65,536-token test model): the character's
// bytes so far are left out of the reply, the text shown and the text stored, as the Local API leaves them out
// (docs/api.md, test_api_completion::characterCutByMaxTokensIsLeftOut). Code: app/core/chat_session.cpp
// (GenerateOptions::drop_cut_character).
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_session.h"
#include "rwkv/chat_format.h"
#include "rwkv/generator.h"
#include "sampling_presets.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestChatCutCharacter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        LoadOptions options;
        options.weight_dtype = DType::F16;
        model_ = Model::load(RWKV_TESTDATA_DIR "/rand-rwkv7-L3-D128.safetensors", options);
        tokenizer_ = tokenizer_for_vocab_size(model_->shape().vocab_size, RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
        QCOMPARE(tokenizer_->vocab_size(), 65536);
    }

    // Replies of 3 tokens to "Hi", seed by seed, compared with the engine's own reply to the same prompt and sampler
    // (the spec's U+FFFD for a cut character, §6.4: GenerateOptions' default): the first five, and the first one
    // cut. Before (session 58's loose ends) the window and rwkv-cli showed and stored that U+FFFD, a character the
    // model never wrote ("…\uFFFD"), and Continue read it back as the reply so far.
    void characterCutByTheLengthLimitIsLeftOut() {
        store::ConversationStore store(tmp_.filePath(QStringLiteral("cut.sqlite")));
        ChatSession session(store, *model_, *tokenizer_);
        const QString question = QStringLiteral("Hi");
        const std::vector<std::int32_t> prompt = tokenizer_->encode(format_user_turn(question.toStdString(), "", true));
        int cuts = 0;
        for (std::uint64_t seed = 0; seed < 400 && cuts < 1; ++seed) {
            ChatParams params;
            params.sampler.temperature = 1;
            params.sampler.top_p = 1;
            params.sampler.seed = seed;
            params.maxTokens = 3;
            // The engine's reply: the prompt of a first turn, the sampler ChatSession makes (penalties of the World
            // vocabulary), the default options but the length.
            Sampler sampler(withPenaltiesForVocabulary(params.sampler, model_->shape().vocab_size),
                            model_->shape().vocab_size);
            GenerateOptions options;
            options.max_tokens = 3;
            State state = model_->new_state();
            std::string engine;  // as streamed: ChatSession strips the blanks it ends with as it does (' ', '\n')
            Generator(*model_, *tokenizer_, sampler).run(state, prompt, options,
                                                         [&](std::string_view piece) { engine += piece; });
            const bool cut = engine.size() >= 3 && engine.compare(engine.size() - 3, 3, "\xEF\xBF\xBD") == 0;
            if (cut) {
                engine.resize(engine.size() - 3);
                ++cuts;
            }
            while (!engine.empty() && (engine.back() == ' ' || engine.back() == '\n')) engine.pop_back();
            if (!cut && seed >= 5) continue;  // the first few whole, to show the two read and sample alike
            const qint64 chat = store.createConversation(QStringLiteral("Seed %1").arg(seed));
            const TurnStats stats = session.runTurn(chat, question, params);
            QVERIFY(stats.replySaved);
            QCOMPARE(stats.end, store::ReplyEnd::LengthLimit);
            const QString expected = QString::fromStdString(engine);
            QCOMPARE(stats.reply, expected);  // shown
            const std::optional<store::Message> stored = store.message(stats.assistantMessageId);
            QVERIFY(stored.has_value());
            QCOMPARE(stored->text, expected);  // stored
            if (cut) qInfo("seed %llu: cut after \"%s\"", qulonglong(seed), engine.c_str());
        }
        QVERIFY2(cuts > 0, "no reply of 3 tokens in 400 seeds ended part way through a character");
    }

private:
    QTemporaryDir tmp_;
    std::unique_ptr<Model> model_;
    std::unique_ptr<Tokenizer> tokenizer_;
};

QTEST_MAIN(TestChatCutCharacter)
#include "test_chat_cut_character.moc"
