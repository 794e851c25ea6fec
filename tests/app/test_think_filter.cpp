// test_think_filter.cpp — ThinkFilter (app/core/chat_session.h): the streamed text of a reply per think mode, as the
// window shows it and the database keeps it. Think mode's prompt ends with "<think" (spec §7.2): a model that never
// writes the ">" showed "<think" in front of its answer (session 16's known defect list).
#include <QTest>

#include <string>
#include <vector>

#include "chat_session.h"
#include "message_segments.h"

using rwkv::app::ThinkFilter;
using rwkv::store::ThinkMode;

namespace {

/// What the filter makes of `deltas`, pushed one by one, and how many pushes gave text.
std::string shape(ThinkMode mode, const std::vector<std::string>& deltas, int* nonEmpty = nullptr) {
    ThinkFilter filter(mode);
    std::string out;
    int n = 0;
    for (const std::string& d : deltas) {
        const std::string piece = filter.push(d);
        n += !piece.empty();
        out += piece;
    }
    if (nonEmpty) *nonEmpty = n;
    return out;
}

}  // namespace

class TestThinkFilter : public QObject {
    Q_OBJECT
private slots:
    void thinkClosedByTheModelIsAReasoningBlock();
    void thinkNeverClosedShowsTheAnswerWithoutTheTag();
    void fakeThinkDropsTheClosingBracket();
    void offIsUnchanged();
};

void TestThinkFilter::thinkClosedByTheModelIsAReasoningBlock() {
    const std::string text = shape(ThinkMode::Think, {">\n", "The user greets me.", "\n</think>", "\nHello!"});
    QCOMPARE(text, std::string("<think>\nThe user greets me.\n</think>\nHello!"));
    const QList<rwkv::app::MessageSegment> parts = rwkv::app::splitMessage(QString::fromStdString(text));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].kind, rwkv::app::MessageSegment::Kind::Think);
    QCOMPARE(parts[0].text, QStringLiteral("The user greets me."));
    QCOMPARE(parts[1].text, QStringLiteral("Hello!"));
    // Blank pieces before the ">" wait for it; the ">" may come inside a longer piece.
    int pushes = 0;
    QCOMPARE(shape(ThinkMode::Think, {" ", "\n", ">plan", " more"}, &pushes), std::string("<think>plan more"));
    QCOMPARE(pushes, 2);
}

void TestThinkFilter::thinkNeverClosedShowsTheAnswerWithoutTheTag() {
    // The model answers at once, without the ">": before, the reply read "<think Hello there" (prose, tag and all).
    const std::string text = shape(ThinkMode::Think, {" Hello", " there", "."});
    QCOMPARE(text, std::string("Hello there."));
    const QList<rwkv::app::MessageSegment> parts = rwkv::app::splitMessage(QString::fromStdString(text));
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts[0].kind, rwkv::app::MessageSegment::Kind::Prose);
    QCOMPARE(parts[0].text, QStringLiteral("Hello there."));
    QVERIFY(!parts[0].text.contains(QStringLiteral("<think")));
    QCOMPARE(shape(ThinkMode::Think, {"\n\n", "Sure", ": 4"}), std::string("Sure: 4"));
    QCOMPARE(shape(ThinkMode::Think, {"\n", " "}), std::string());  // only blanks: nothing (as an empty reply)
}

void TestThinkFilter::fakeThinkDropsTheClosingBracket() {
    QCOMPARE(shape(ThinkMode::FakeThink, {">", "\n\n", "Four."}), std::string("Four."));
    QCOMPARE(shape(ThinkMode::FakeThink, {">\nFour", " > three"}), std::string("Four > three"));
}

void TestThinkFilter::offIsUnchanged() {
    QCOMPARE(shape(ThinkMode::Off, {" <think", ">x"}), std::string(" <think>x"));
}

QTEST_GUILESS_MAIN(TestThinkFilter)
#include "test_think_filter.moc"
