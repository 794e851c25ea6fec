// generate_several (rwkv/generator.h) on the tiny real models: N replies decoded together equal N Generator::run calls
// from copies of the prompt state — text, streamed deltas, tokens, reason, counts and the state after — bit for bit on
// the CPU backend without a batched step (forward_batch = forward() per row); replies that end at different steps
// (stop string, max tokens) stay right as the batch shrinks; greedy samplers give identical replies; cancel stops
// every reply; bad arguments are refused before any work.
#include <QtTest>

#include <algorithm>
#include <memory>

#include "golden.h"
#include "model_calls.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "rwkv/generator.h"

using golden::error_code_of;
using golden::testdata;

namespace {

/// One reply as Generator::run writes it, with its streamed deltas and the state after.
struct Reply {
    rwkv::GenerateResult result;
    std::vector<std::string> deltas;
    std::vector<float> state;
};

/// The replies of generate_several, and the prompt state it left.
struct Several {
    std::vector<Reply> replies;
    std::vector<float> prompt_state;
};

Several runSeveral(rwkv::Model& m, const rwkv::Tokenizer& tok, const std::vector<std::int32_t>& prompt,
                   const std::vector<rwkv::SamplerParams>& params, const rwkv::GenerateOptions& o,
                   const std::function<void(std::size_t)>& on_delta = {}) {
    const std::size_t N = params.size();
    std::vector<rwkv::State> states;
    std::vector<std::unique_ptr<rwkv::Sampler>> samplers;
    std::vector<rwkv::State*> state_ptrs;
    std::vector<rwkv::Sampler*> sampler_ptrs;
    for (const auto& p : params) {
        states.push_back(m.new_state());
        samplers.push_back(std::make_unique<rwkv::Sampler>(p, m.shape().vocab_size));
    }
    for (std::size_t i = 0; i < N; ++i) state_ptrs.push_back(&states[i]), sampler_ptrs.push_back(samplers[i].get());
    Several out;
    out.replies.resize(N);
    rwkv::State s = m.new_state();
    auto results = rwkv::generate_several(m, tok, s, prompt, state_ptrs, sampler_ptrs, o,
                                          [&](std::size_t i, std::string_view d) {
                                              out.replies[i].deltas.emplace_back(d);
                                              if (on_delta) on_delta(i);
                                          });
    if (results.size() != N) qFatal("generate_several returned %zu results for %zu replies", results.size(), N);
    for (std::size_t i = 0; i < N; ++i) {
        out.replies[i].result = std::move(results[i]);
        out.replies[i].state = states[i].to_host();
    }
    out.prompt_state = s.to_host();
    return out;
}

Reply runOne(rwkv::Model& m, const rwkv::Tokenizer& tok, const std::vector<std::int32_t>& prompt,
             const rwkv::SamplerParams& params, const rwkv::GenerateOptions& o) {
    rwkv::Sampler sampler(params, m.shape().vocab_size);
    rwkv::Generator gen(m, tok, sampler);
    rwkv::State s = m.new_state();
    Reply r;
    r.result = gen.run(s, prompt, o, [&](std::string_view d) { r.deltas.emplace_back(d); });
    r.state = s.to_host();
    return r;
}

/// Reply i of generate_several is what run() writes with sampler i, exactly (counts, text, deltas, state).
void compareWithRuns(rwkv::Model& m, const rwkv::Tokenizer& tok, const std::vector<std::int32_t>& prompt,
                     const std::vector<rwkv::SamplerParams>& params, const rwkv::GenerateOptions& o,
                     const Several& several) {
    QCOMPARE(several.replies.size(), params.size());
    rwkv::State after_prompt = m.new_state();
    golden::forward_logits(m, after_prompt, prompt);
    QCOMPARE(several.prompt_state, after_prompt.to_host());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const Reply one = runOne(m, tok, prompt, params[i], o);
        const Reply& got = several.replies[i];
        QCOMPARE(got.result.text, one.result.text);
        QCOMPARE(got.result.tokens, one.result.tokens);
        QCOMPARE(got.result.reason, one.result.reason);
        QCOMPARE(got.result.decode_tokens, one.result.decode_tokens);
        QCOMPARE(got.result.closing_tokens, one.result.closing_tokens);
        QCOMPARE(got.result.prefill_tokens, prompt.size());
        QCOMPARE(got.deltas, one.deltas);
        QVERIFY(got.state == one.state);
    }
}

rwkv::SamplerParams sampled(std::uint64_t seed, float top_p, float presence = 0.5f) {
    rwkv::SamplerParams p;
    p.seed = seed;
    p.top_p = top_p;
    p.presence_penalty = p.frequency_penalty = presence;
    return p;
}

}  // namespace

class TestGenerateSeveral : public QObject {
    Q_OBJECT

    std::unique_ptr<rwkv::Model> tiny_ = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
    std::unique_ptr<rwkv::Tokenizer> bytes_ = rwkv::make_byte_tokenizer();
    std::vector<std::int32_t> prompt_ = bytes_->encode(rwkv::format_user_turn("Tell me about the sea", "", true));

private slots:
    // Three seeded replies with their own settings equal three run() calls from the same prompt.
    void threeRepliesEqualThreeRuns() {
        QVERIFY(!tiny_->has_batched_decode());
        const std::vector<rwkv::SamplerParams> params = {sampled(1, 0.9f), sampled(2, 0.5f, 0.0f), sampled(3, 0.95f, 1.0f)};
        rwkv::GenerateOptions o;
        o.max_tokens = 120;
        o.stop_strings = {"\n\n", "."};
        const Several got = runSeveral(*tiny_, *bytes_, prompt_, params, o);
        compareWithRuns(*tiny_, *bytes_, prompt_, params, o, got);
        // Different seeds: different replies (the test would not notice every reply taking reply 0's sampler).
        QVERIFY(got.replies[0].result.tokens != got.replies[1].result.tokens);
        QVERIFY(got.replies[1].result.tokens != got.replies[2].result.tokens);
        for (const Reply& r : got.replies) qInfo("%s (%zu tokens): %s", rwkv::to_string(r.result.reason),
                                                 r.result.decode_tokens, r.result.text.c_str());
    }

    // Reply 0 ends early on the stop string "e"; reply 1 never may (its sampler bans 'e') and runs to max_tokens;
    // reply 2 in between. The batch shrinks under the others and each still equals its run().
    void repliesEndingAtDifferentStepsStayRight() {
        const std::vector<rwkv::SamplerParams> params = {sampled(11, 0.9f), sampled(12, 0.9f), sampled(13, 0.9f)};
        rwkv::GenerateOptions o;
        o.max_tokens = 60;
        o.stop_strings = {"e", "\n\n"};
        // Bans are each sampler's own: reply 1's sampler bans 'e', so it can never end on the stop string.
        std::vector<rwkv::State> states;
        std::vector<rwkv::Sampler> samplers;
        for (const auto& p : params) states.push_back(tiny_->new_state()), samplers.emplace_back(p, 256);
        samplers[1].ban('e');
        std::vector<rwkv::State*> sp = {&states[0], &states[1], &states[2]};
        std::vector<rwkv::Sampler*> smp = {&samplers[0], &samplers[1], &samplers[2]};
        rwkv::State s = tiny_->new_state();
        // The order of events: ("text", i) per delta, ("end", i) per on_finished, with the result it was given.
        std::vector<std::pair<std::string, std::size_t>> events;
        std::vector<rwkv::GenerateResult> ended(3);
        const auto got = rwkv::generate_several(
            *tiny_, *bytes_, s, prompt_, sp, smp, o,
            [&](std::size_t i, std::string_view) { events.emplace_back("text", i); },
            [&](std::size_t i, const rwkv::GenerateResult& r) {
                events.emplace_back("end", i);
                ended[i] = r;
            });
        QCOMPARE(got[0].reason, rwkv::StopReason::StopString);
        QCOMPARE(got[1].reason, rwkv::StopReason::MaxTokens);
        QVERIFY(got[0].decode_tokens < got[2].decode_tokens || got[2].reason == rwkv::StopReason::MaxTokens);
        QVERIFY(got[0].decode_tokens + 10 < got[1].decode_tokens);
        QVERIFY(got[1].decode_tokens >= 60);
        QCOMPARE(got[0].closing_tokens, std::size_t(0));  // a stop string closes the turn itself
        QCOMPARE(got[1].closing_tokens, std::size_t(2));  // "\n\n" fed to reply 1 alone
        // on_finished: once per reply, after its own last delta, with its final result; reply 0's end is told
        // while reply 1 is still writing (before reply 1's last delta).
        const auto at = [&](const std::string& kind, std::size_t i, bool last) {
            std::ptrdiff_t found = -1;
            for (std::size_t e = 0; e < events.size(); ++e)
                if (events[e] == std::make_pair(kind, i) && (last || found < 0)) found = std::ptrdiff_t(e);
            return found;
        };
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(std::count(events.begin(), events.end(), std::make_pair(std::string("end"), i)), 1);
            QVERIFY(at("text", i, true) < at("end", i, false));
            QCOMPARE(ended[i].text, got[i].text);
            QCOMPARE(ended[i].tokens, got[i].tokens);
            QCOMPARE(ended[i].closing_tokens, got[i].closing_tokens);
        }
        QVERIFY(at("end", 0, false) < at("text", 1, true));
        for (std::size_t i = 0; i < 3; ++i) {
            rwkv::Sampler one(params[i], 256);
            if (i == 1) one.ban('e');
            rwkv::Generator gen(*tiny_, *bytes_, one);
            rwkv::State st = tiny_->new_state();
            const auto r = gen.run(st, prompt_, o);
            QCOMPARE(got[i].text, r.text);
            QCOMPARE(got[i].tokens, r.tokens);
            QCOMPARE(got[i].reason, r.reason);
            QCOMPARE(got[i].closing_tokens, r.closing_tokens);
            QVERIFY(states[i].to_host() == st.to_host());
            qInfo("%s (%zu tokens): %s", rwkv::to_string(r.reason), r.decode_tokens, r.text.c_str());
        }
    }

    // Greedy samplers: three identical replies, each the greedy run().
    void greedyRepliesAreIdentical() {
        rwkv::SamplerParams g;
        g.temperature = 0;
        const std::vector<rwkv::SamplerParams> params(3, g);
        rwkv::GenerateOptions o;
        o.max_tokens = 50;
        const Several got = runSeveral(*tiny_, *bytes_, prompt_, params, o);
        QVERIFY(!got.replies[0].result.tokens.empty());
        for (const Reply& r : got.replies) {
            QCOMPARE(r.result.tokens, got.replies[0].result.tokens);
            QCOMPARE(r.state, got.replies[0].state);
        }
        compareWithRuns(*tiny_, *bytes_, prompt_, params, o, got);
    }

    // The World vocabulary on the random 3-layer model (V = 65536, no byte constraint, special tokens banned).
    void worldVocabularyEqualsRuns() {
        auto m = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"));
        auto world = rwkv::load_world_tokenizer(testdata("rwkv_vocab_v20230424.txt"));
        const auto prompt = world->encode(rwkv::format_user_turn("Hello there", "", true));
        const std::vector<rwkv::SamplerParams> params = {sampled(5, 0.9f), sampled(6, 0.3f)};
        rwkv::GenerateOptions o;
        o.max_tokens = 12;
        const Several got = runSeveral(*m, *world, prompt, params, o);
        compareWithRuns(*m, *world, prompt, params, o, got);
        QVERIFY(got.replies[0].result.tokens != got.replies[1].result.tokens);
    }

    // Cancel mid-decode stops every reply still going (reason Cancelled, turn closed as run() closes it).
    void cancelStopsEveryReply() {
        std::atomic<bool> cancel{false};
        rwkv::GenerateOptions o;
        o.max_tokens = 200;
        o.stop_strings.clear();  // run until cancelled
        o.cancel = &cancel;
        const std::vector<rwkv::SamplerParams> params = {sampled(21, 0.9f), sampled(22, 0.9f), sampled(23, 0.9f)};
        int deltas = 0;
        const Several got = runSeveral(*tiny_, *bytes_, prompt_, params, o, [&](std::size_t i) {
            if (i == 0 && ++deltas == 5) cancel = true;
        });
        for (const Reply& r : got.replies) {
            QCOMPARE(r.result.reason, rwkv::StopReason::Cancelled);
            QVERIFY(r.result.decode_tokens >= 5 && r.result.decode_tokens < 20);
            QCOMPARE(r.result.decode_tokens, got.replies[0].result.decode_tokens);  // all stopped at the same step
            QCOMPARE(r.result.closing_tokens, std::size_t(2));
            // The state after: prompt, the reply's tokens, then the separator.
            rwkv::State manual = tiny_->new_state();
            std::vector<std::int32_t> all = prompt_;
            all.insert(all.end(), r.result.tokens.begin(), r.result.tokens.end());
            all.insert(all.end(), {10, 10});
            golden::forward_logits(*tiny_, manual, all);
            QVERIFY(manual.to_host() == r.state);
        }
        // Cancelled before the call: prefill throws Cancelled, as run() does.
        QCOMPARE(error_code_of([&] { runSeveral(*tiny_, *bytes_, prompt_, params, o); }), rwkv::ErrorCode::Cancelled);
    }

    // Bad arguments are refused before any work: the prompt state is not advanced.
    void argumentErrors() {
        rwkv::State s = tiny_->new_state(), a = tiny_->new_state(), b = tiny_->new_state();
        rwkv::Sampler sa(rwkv::SamplerParams{}, 256), sb(rwkv::SamplerParams{}, 256);
        rwkv::GenerateOptions o;
        o.max_tokens = 4;
        const auto code = [&](std::vector<rwkv::State*> states, std::vector<rwkv::Sampler*> samplers) {
            return error_code_of([&] { rwkv::generate_several(*tiny_, *bytes_, s, prompt_, states, samplers, o); });
        };
        const auto bad = rwkv::ErrorCode::InvalidArgument;
        QCOMPARE(code({}, {}), bad);                          // N == 0
        QCOMPARE(code({&a, &b}, {&sa}), bad);                 // N != samplers
        QCOMPARE(code({&a}, {&sa, &sb}), bad);
        QCOMPARE(code({&a, nullptr}, {&sa, &sb}), bad);       // null state
        QCOMPARE(code({&a, &b}, {&sa, nullptr}), bad);        // null sampler
        QCOMPARE(code({&a, &a}, {&sa, &sb}), bad);            // repeated state
        QCOMPARE(code({&a, &b}, {&sb, &sb}), bad);            // repeated sampler
        QCOMPARE(code({&a, &s}, {&sa, &sb}), bad);            // the prompt state among the replies
        const std::vector<float> zeros(s.size(), 0.0f);
        QVERIFY(s.to_host() == zeros);
        QVERIFY(a.to_host() == zeros);
        const std::vector<rwkv::State*> good_states = {&a, &b};
        const std::vector<rwkv::Sampler*> good_samplers = {&sa, &sb};
        QCOMPARE(rwkv::generate_several(*tiny_, *bytes_, s, prompt_, good_states, good_samplers, o).size(), 2u);
        QVERIFY(s.to_host() != zeros);
        std::vector<std::int32_t> empty;
        QCOMPARE(error_code_of([&] {
                     std::vector<rwkv::State*> st = {&a};
                     std::vector<rwkv::Sampler*> sm = {&sa};
                     rwkv::generate_several(*tiny_, *bytes_, s, empty, st, sm, o);
                 }),
                 bad);
    }
};

QTEST_APPLESS_MAIN(TestGenerateSeveral)
#include "test_generate_several.moc"
