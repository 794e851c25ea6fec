// test_terminal_text.cpp — rwkv-cli's model text on a terminal (app/cli/terminal_text.h): control characters but a line
// break and a tab, and bidi controls, written as escapes, also when a piece of the stream ends inside one. Before
// (session 39's trial), `chat` and `generate` wrote a reply's ESC sequences and U+202E to the terminal raw.
#include <QtTest>

#include <string>
#include <vector>

#include "terminal_text.h"

using rwkv::cli::TerminalText;

namespace {
/// `pieces` through one TerminalText, as a reply is streamed, and its end.
std::string streamed(const std::vector<std::string>& pieces) {
    TerminalText t;
    std::string out;
    for (const std::string& p : pieces) out += t.feed(p);
    return out + t.finish();
}
}  // namespace

class TestTerminalText : public QObject {
    Q_OBJECT
private slots:
    void controlsAreEscaped_data();
    void controlsAreEscaped();
    void aCharacterSplitBetweenPiecesIsKeptWhole();
    void oneLineEscapesLineBreaksToo();
};

void TestTerminalText::controlsAreEscaped_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("plain") << QByteArray("Line one\nline\ttwo, caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80")
                           << QByteArray("Line one\nline\ttwo, caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80");
    QTest::newRow("escape codes") << QByteArray("a\x1b[31mred\x1b]52;c;aGk=\x07 \x08\x7f\x00z", 26)
                                  << QByteArray("a\\u001b[31mred\\u001b]52;c;aGk=\\u0007 \\u0008\\u007f\\u0000z");
    QTest::newRow("line ends") << QByteArray("a\r\nb\rc") << QByteArray("a\r\nb\\rc");
    QTest::newRow("a last carriage return") << QByteArray("a\r") << QByteArray("a\\r");
    // C1 (U+009B is CSI on some terminals); U+00A0 and U+00E9 share the lead byte C2 / C3 and stay.
    QTest::newRow("C1") << QByteArray("\xC2\x9B" "31m \xC2\x85 \xC2\xA0 \xC2\xBF")
                        << QByteArray("\\u009b31m \\u0085 \xC2\xA0 \xC2\xBF");
    // U+202E drew "evil" as "live"; the isolates, embeddings and the pop; U+2014 (E2 80 94), U+200F (E2 80 8F) and
    // U+2069's neighbour U+2070 (E2 81 B0) share the lead byte and stay.
    QTest::newRow("bidi") << QByteArray("\xE2\x80\xAE" "evil\xE2\x80\xAC \xE2\x81\xA6x\xE2\x81\xA9 \xE2\x80\xAA"
                                        "y\xE2\x80\x94\xE2\x80\x8F\xE2\x81\xB0")
                          << QByteArray("\\u202eevil\\u202c \\u2066x\\u2069 \\u202ay\xE2\x80\x94\xE2\x80\x8F\xE2\x81\xB0");
    // Not UTF-8 (a byte-level model can write any byte): written as it came, a lone lead byte included.
    QTest::newRow("not UTF-8") << QByteArray("\xFF\xE2x\xC2") << QByteArray("\xFF\xE2x\xC2");
}

void TestTerminalText::controlsAreEscaped() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, shown);
    QCOMPARE(QByteArray::fromStdString(streamed({text.toStdString()})), shown);
    // Byte by byte, as a byte-level model's tokens come: the same.
    std::vector<std::string> bytes;
    for (const char b : text) bytes.emplace_back(1, b);
    QCOMPARE(QByteArray::fromStdString(streamed(bytes)), shown);
}

void TestTerminalText::aCharacterSplitBetweenPiecesIsKeptWhole() {
    TerminalText t;
    const auto feed = [&t](const char* piece) { return QByteArray::fromStdString(t.feed(piece)); };
    QCOMPARE(feed("a\xE2"), QByteArray("a"));  // may begin U+202E: waits
    QCOMPARE(feed("\x80"), QByteArray());
    QCOMPARE(feed("\xAE" "b\r"), QByteArray("\\u202eb"));  // "\r" waits for a "\n"
    QCOMPARE(feed("\nc\xE2\x80"), QByteArray("\r\nc"));
    QCOMPARE(feed("\x94"), QByteArray("\xE2\x80\x94"));  // an em dash: as it is
    QCOMPARE(feed("\xC2"), QByteArray());
    QCOMPARE(QByteArray::fromStdString(t.finish()), QByteArray("\xC2"));  // the end: what waited, as it is
    QCOMPARE(QByteArray::fromStdString(t.finish()), QByteArray());
}

// terminal_line: a path or a title on one line (an error, a table row): TerminalText's escapes, and "\n", "\r", "\t"
// as escapes too (a raw line break split an error line in two; "\r\n" left a raw "\r" before it).
void TestTerminalText::oneLineEscapesLineBreaksToo() {
    const auto line = [](const QByteArray& text) {
        return QByteArray::fromStdString(rwkv::cli::terminal_line(text.toStdString()));
    };
    QCOMPARE(line("/tmp/a\x1b]0;pwned\x07\xE2\x80\xAE" "b.pth"),
             QByteArray("/tmp/a\\u001b]0;pwned\\u0007\\u202eb.pth"));
    QCOMPARE(line("a\nb\r\nc\td\re\r"), QByteArray("a\\nb\\r\\nc\\td\\re\\r"));
    QCOMPARE(line("caf\xC3\xA9 \xE4\xBD\xA0 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \\u202e"),
             QByteArray("caf\xC3\xA9 \xE4\xBD\xA0 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB \\u202e"));  // ZWJ, "\\": kept
    QCOMPARE(line("\xE2\x80\xAE\n\xC2\x9B"), QByteArray("\\u202e\\n\\u009b"));  // around a line break
    QCOMPARE(line("\xFF\xE2\n"), QByteArray("\xFF\xE2\\n"));  // not UTF-8: as it came
}

QTEST_APPLESS_MAIN(TestTerminalText)
#include "test_terminal_text.moc"
