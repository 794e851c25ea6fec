// test_cli_progress.cpp — rwkv-cli chat's progress while it reads the prompt (app/cli/cli_progress.h), with a clock of
// the test's own: on a terminal only once the reading takes 2 s, redrawn in place; elsewhere only with --progress, a
// line every 2 s; "[read …]" at the end of what was shown. Before (session 23's trial, T8) a 922 KB --message-file
// was read for 130 s without a word.
#include <QtTest>

#include <algorithm>
#include <sstream>

#include "cli_progress.h"

using rwkv::cli::PrefillProgress;

class TestCliProgress : public QObject {
    Q_OBJECT
private slots:
    void terminalShowsALongReadingInPlace();
    void terminalSaysNothingOfAShortReading();
    void notATerminalSaysNothingUnlessAsked();
    void askedWritesALineEveryTwoSeconds();
    void aFailedTurnEndsTheLineDrawn();
    void durations();
};

namespace {
struct Fake {
    double now = 0;
    PrefillProgress::Clock clock() {
        return [this] { return now; };
    }
};
}  // namespace

void TestCliProgress::terminalShowsALongReadingInPlace() {
    std::ostringstream out;
    Fake t;
    {
        PrefillProgress p(out, false, true, t.clock());
        p.start();
        t.now = 1.0;
        p.update(10000, 100000);
        QCOMPARE(out.str(), std::string());  // quiet for the first 2 s
        t.now = 2.0;
        p.update(20000, 100000);
        QCOMPARE(out.str(), std::string("\r[reading the prompt: 20000 / 100000 tokens, 10000 tok/s, about 8 s left]"));
        t.now = 2.1;
        p.update(21000, 100000);  // redrawn at most 4 times a second
        QCOMPARE(out.str().size(), std::size_t(73));
        t.now = 5.0;
        p.update(99500, 100000);
        QVERIFY2(out.str().ends_with("\r[reading the prompt: 99500 / 100000 tokens, 19900 tok/s, almost done]   "),
                 out.str().c_str());  // blanks over the longer line before
        t.now = 6.0;
        p.update(100000, 100000);
        QVERIFY2(out.str().ends_with("\r[read 100000 prompt tokens in 6.0 s, 16667 tok/s]" + std::string(23, ' ') +
                                     "\n"),
                 out.str().c_str());
        p.finish();  // once
    }
    const std::string all = out.str();
    QCOMPARE(std::count(all.begin(), all.end(), '\n'), 1);
}

void TestCliProgress::terminalSaysNothingOfAShortReading() {
    std::ostringstream out;
    Fake t;
    PrefillProgress p(out, false, true, t.clock());
    p.start();
    t.now = 1.9;
    p.update(500, 1000);
    p.update(1000, 1000);
    p.finish();
    QCOMPARE(out.str(), std::string());
}

void TestCliProgress::notATerminalSaysNothingUnlessAsked() {
    std::ostringstream out;
    Fake t;
    PrefillProgress p(out, false, false, t.clock());
    p.start();
    for (int i = 1; i <= 100; ++i) {
        t.now = i;
        p.update(std::size_t(i) * 1000, 100000);
    }
    QCOMPARE(out.str(), std::string());
}

void TestCliProgress::askedWritesALineEveryTwoSeconds() {
    std::ostringstream out;
    Fake t;
    PrefillProgress p(out, true, false, t.clock());
    p.start();
    for (int i = 1; i <= 50; ++i) {  // 0.1 s apart: 5 s in all
        t.now = i * 0.1;
        p.update(std::size_t(i) * 100, 5000);
    }
    QCOMPARE(out.str(), std::string("[reading the prompt: 100 / 5000 tokens, 1000 tok/s, about 5 s left]\n"
                                    "[reading the prompt: 2100 / 5000 tokens, 1000 tok/s, about 3 s left]\n"
                                    "[reading the prompt: 4100 / 5000 tokens, 1000 tok/s, almost done]\n"
                                    "[read 5000 prompt tokens in 5.0 s, 1000 tok/s]\n"));
    // Asked, a short reading: only the last line.
    std::ostringstream quick;
    PrefillProgress q(quick, true, false, t.clock());
    q.start();
    t.now += 0.5;
    q.update(20, 20);
    QCOMPARE(quick.str(), std::string("[read 20 prompt tokens in 0.5 s, 40 tok/s]\n"));
}

void TestCliProgress::aFailedTurnEndsTheLineDrawn() {
    std::ostringstream out;
    Fake t;
    {
        PrefillProgress p(out, false, true, t.clock());
        p.start();
        t.now = 3;
        p.update(300, 1000);
    }  // the error line that follows starts on a line of its own
    QVERIFY2(out.str().ends_with("left]\n"), out.str().c_str());
}

void TestCliProgress::durations() {
    QCOMPARE(rwkv::cli::roughDuration(0.4), std::string("0 s"));
    QCOMPARE(rwkv::cli::roughDuration(59.4), std::string("59 s"));
    QCOMPARE(rwkv::cli::roughDuration(125), std::string("2 min 5 s"));
    QCOMPARE(rwkv::cli::roughDuration(3 * 3600 + 4 * 60 + 5), std::string("3 h 4 min"));
}

QTEST_APPLESS_MAIN(TestCliProgress)
#include "test_cli_progress.moc"
