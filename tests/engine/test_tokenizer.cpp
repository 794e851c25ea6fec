// test_tokenizer.cpp — World and byte tokenizers, Utf8StreamDecoder (spec §6): every golden case of
// testdata/golden/tokenizer.json, the §6.5 table, round trips, streaming splits and vocab-file errors.
#include "rwkv/error.h"
#include "rwkv/tokenizer.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include <sys/stat.h>  // mkfifo

using rwkv::Error;
using rwkv::ErrorCode;

namespace {

const std::string kTestdata = RWKV_TESTDATA_DIR;
const std::string kVocab = kTestdata + "/rwkv_vocab_v20230424.txt";
const std::string kReplacement = "\xEF\xBF\xBD";

std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return lines;
}

// A valid UTF-8 string never contains U+FFFD unless it was in the input; used on decoder output.
bool is_valid_utf8(const std::string& s) { return rwkv::utf8_replace_invalid(s) == s; }

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<rwkv::Tokenizer> world_;
    nlohmann::json golden_;

    // Writes `lines` (LF-joined, trailing LF) to dir/name and returns the load error it causes.
    Error load_error(const QTemporaryDir& dir, const std::vector<std::string>& lines, const char* name) {
        const std::string path = dir.filePath(name).toStdString();
        std::ofstream out(path, std::ios::binary);
        for (const auto& line : lines) out << line << '\n';
        out.close();
        try {
            rwkv::load_world_tokenizer(path);
        } catch (const Error& e) {
            return e;
        }
        return Error(ErrorCode::Internal, "no error thrown");
    }

private slots:
    void initTestCase() {
        QElapsedTimer timer;
        timer.start();
        world_ = rwkv::load_world_tokenizer(kVocab);
        const qint64 ms = timer.elapsed();
        qInfo("World vocab load: %lld ms", static_cast<long long>(ms));  // informative only: speed is not a unit test
        std::ifstream in(kTestdata + "/golden/tokenizer.json");
        QVERIFY(in.good());
        golden_ = nlohmann::json::parse(in);
    }

    void worldBasics() {
        QCOMPARE(world_->vocab_size(), 65536);
        QCOMPARE(world_->name(), std::string_view("world"));
        for (int b = 0; b < 256; ++b) QCOMPARE(world_->token_bytes(b + 1), std::string(1, static_cast<char>(b)));
        QCOMPARE(world_->token_bytes(11), std::string_view("\n"));
        QCOMPARE(world_->token_bytes(261), std::string_view("\n\n"));
        QCOMPARE(world_->token_bytes(2423), std::string_view("\xC2\x80"));      // '\x80' str literal: U+0080
        QCOMPARE(world_->token_bytes(2430), std::string_view("\xC2\xA0"));
        QCOMPARE(world_->token_bytes(9804), std::string_view("\xE2\x80\x82"));  // '\u2002'
        QCOMPARE(world_->token_bytes(19125), std::string_view("\xEF\xBB\xBF")); // '\ufeff'
        QCOMPARE(world_->token_bytes(3319), std::string_view("\xF0\x9F"));      // b'\xf0\x9f'
        QCOMPARE(world_->token_bytes(65529), std::string_view(std::string(128, ' ')));
        for (int id : {0, 65530, 65535}) QVERIFY(world_->token_bytes(id).empty());
        const std::vector<std::int32_t> silent{0, 24281, 65530, 65535};
        QCOMPARE(world_->decode(silent), std::string("User"));
        for (int id : {-1, 65536, 1 << 30}) {
            try {
                world_->token_bytes(id);
                QFAIL("token_bytes did not throw");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::InvalidToken);
            }
            const std::vector<std::int32_t> ids{5, id};
            try {
                world_->decode(ids);
                QFAIL("decode did not throw");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::InvalidToken);
            }
        }
    }

    void goldenEncode() {
        const auto& cases = golden_.at("encode_cases");
        QVERIFY(cases.size() >= 40);
        for (const auto& c : cases) {
            const std::string name = c.at("name");
            const std::string bytes = from_hex(c.at("utf8_hex"));
            QCOMPARE(bytes, c.at("text").get<std::string>());
            const auto expected = c.at("ids").get<std::vector<std::int32_t>>();
            const auto ids = world_->encode(bytes);
            QVERIFY2(ids == expected, name.c_str());
            const auto& pieces = c.at("token_bytes_hex");
            for (std::size_t k = 0; k < ids.size(); ++k)
                QVERIFY2(world_->token_bytes(ids[k]) == from_hex(pieces.at(k)), name.c_str());
            QCOMPARE(world_->decode(ids) == bytes, c.at("roundtrip_ok").get<bool>());
        }
    }

    void goldenDecode() {
        const auto& cases = golden_.at("decode_cases");
        QVERIFY(cases.size() >= 53);
        for (const auto& c : cases) {
            const std::string name = c.at("name");
            const auto ids = c.at("ids").get<std::vector<std::int32_t>>();
            const std::string bytes = world_->decode(ids);
            QVERIFY2(bytes == from_hex(c.at("bytes_hex")), name.c_str());
            const std::string replaced = rwkv::utf8_replace_invalid(bytes);
            QVERIFY2(replaced == c.at("text_replace").get<std::string>(), name.c_str());
            QCOMPARE(is_valid_utf8(bytes), c.at("valid_utf8").get<bool>());
            if (c.at("valid_utf8").get<bool>()) QVERIFY2(bytes == c.at("text").get<std::string>(), name.c_str());
            // The streaming decoder, fed token by token, gives the same text as the one-shot decode.
            rwkv::Utf8StreamDecoder stream;
            std::string streamed;
            for (const auto id : ids) streamed += stream.push(world_->token_bytes(id));
            streamed += stream.flush();
            QVERIFY2(streamed == replaced, name.c_str());
        }
    }

    void specTable_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<int>>("ids");
        QTest::newRow("chat") << QByteArray("User: hi\n\nAssistant:") << QList<int>{24281, 59, 4571, 261, 5585, 41693, 59};
        QTest::newRow("think") << QByteArray("Assistant: <think") << QList<int>{5585, 41693, 59, 295, 35762};
        QTest::newRow("fake think") << QByteArray("Assistant: <think>\n</think")
                                    << QList<int>{5585, 41693, 59, 295, 35762, 63, 11, 754, 35762};
        QTest::newRow("eiffel") << QByteArray("The Eiffel tower is in the city of")
                                << QList<int>{6699, 304, 25740, 109, 39990, 4600, 4596, 22590, 30449, 4706};
        QTest::newRow("turn") << QByteArray("\n\nUser:") << QList<int>{261, 24281, 59};
        QTest::newRow("cjk") << QByteArray("User: 你好，世界\n\nAssistant: <think></think")
                             << QList<int>{24281, 59, 33, 10464, 11685, 19137, 10267, 14610, 261, 5585, 41693, 59, 295,
                                           35762, 5439, 35762};
        QTest::newRow("system") << QByteArray("System: You are a helpful assistant.\n\n")
                                << QList<int>{40812, 59, 21189, 21286, 332, 51922, 59179, 47, 261};
        QTest::newRow("paren") << QByteArray(" (think)") << QList<int>{275, 35762, 42};
        QTest::newRow("emoji") << QByteArray("Hello world! 😀") << QList<int>{33155, 40213, 34, 33, 3319, 153, 129};
    }

    void specTable() {
        QFETCH(QByteArray, text);
        QFETCH(QList<int>, ids);
        const auto got = world_->encode(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
        QCOMPARE(QList<int>(got.begin(), got.end()), ids);
        QCOMPARE(world_->decode(got), text.toStdString());
    }

    void roundTripRandomBytes() {
        std::mt19937 rng(1234);  // fixed seed: the same strings every run
        for (int n = 0; n < 300; ++n) {
            std::string s(static_cast<std::size_t>(rng() % 200), '\0');
            for (auto& ch : s) ch = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 32 + rng() % 95);
            const auto ids = world_->encode(s);
            QCOMPARE(world_->decode(ids), s);
            for (const auto id : ids) QVERIFY(id >= 1 && id <= 65529);
        }
        // Longest match: 128 spaces are one token, 129 are two.
        QCOMPARE(world_->encode(std::string(128, ' ')), std::vector<std::int32_t>{65529});
        QCOMPARE(world_->encode(std::string(129, ' ')).size(), std::size_t(2));
        QVERIFY(world_->encode("").empty());
        QCOMPARE(world_->encode(std::string_view("\0", 1)), std::vector<std::int32_t>{1});
    }

    void encodeSpeed() {
        std::string text;
        for (int i = 0; i < 2000; ++i) text += "User: 你好，世界 The quick brown fox jumps over the lazy dog. 😀\n\n";
        QElapsedTimer timer;
        timer.start();
        const auto ids = world_->encode(text);
        qInfo("encoded %zu bytes into %zu tokens in %lld ms", text.size(), ids.size(),
              static_cast<long long>(timer.elapsed()));
        QCOMPARE(world_->decode(ids), text);
    }

    void streamEveryByteSplit() {
        const std::vector<std::string> inputs{
            "你好，世界😀👨‍👩‍👧 ok",
            "a\xF0\x9F" "b\xED\xA0\x80\xE4\xBD\xA0\xC0\xAF\xF4\x90\x80\x80z\xE4\xBD",  // invalid parts + a tail
        };
        for (const auto& s : inputs) {
            const std::string one_shot = rwkv::utf8_replace_invalid(s);
            if (s == inputs[0]) QCOMPARE(one_shot, s);
            // Two cut points i <= j: pushes s[0,i), s[i,j), s[j,end).
            for (std::size_t i = 0; i <= s.size(); ++i) {
                for (std::size_t j = i; j <= s.size(); ++j) {
                    rwkv::Utf8StreamDecoder dec;
                    std::string out = dec.push(s.substr(0, i));
                    out += dec.push(s.substr(i, j - i));
                    out += dec.push(s.substr(j));
                    out += dec.flush();
                    QCOMPARE(out, one_shot);
                    QVERIFY(!dec.has_pending());
                }
            }
            // One byte at a time: every emitted piece is valid UTF-8 and at most 3 bytes are ever held.
            rwkv::Utf8StreamDecoder dec;
            std::string out;
            for (const char ch : s) {
                const std::string piece = dec.push(std::string_view(&ch, 1));
                QVERIFY(is_valid_utf8(piece));
                out += piece;
            }
            out += dec.flush();
            QCOMPARE(out, one_shot);
        }
    }

    void streamTokens() {
        const std::string text = "User: 你好，世界😀👨‍👩‍👧 ok\n\n𠀀𪚥 — café ½ \xEF\xBF\xBF end";
        const auto ids = world_->encode(text);
        rwkv::Utf8StreamDecoder dec;
        std::string out;
        for (const auto id : ids) {
            const std::string piece = dec.push(world_->token_bytes(id));
            QVERIFY(piece.find(kReplacement) == std::string::npos);  // incomplete characters are held back
            out += piece;
        }
        QVERIFY(!dec.has_pending());
        QCOMPARE(dec.flush(), std::string());
        QCOMPARE(out, text);
    }

    void streamPendingAndFlush() {
        rwkv::Utf8StreamDecoder dec;
        QCOMPARE(dec.push("x\xE4\xBD"), std::string("x"));
        QVERIFY(dec.has_pending());
        QCOMPARE(dec.flush(), kReplacement);
        QVERIFY(!dec.has_pending());
        QCOMPARE(dec.push("\xF0"), std::string());
        QCOMPARE(dec.push("A"), kReplacement + "A");   // a lead byte that cannot complete becomes U+FFFD at once
        QCOMPARE(dec.push("\x80\xFF"), kReplacement + kReplacement);
        QCOMPARE(rwkv::utf8_replace_invalid("\xE0\x80\x80"), kReplacement + kReplacement + kReplacement);  // overlong
    }

    void literalEscapes() {
        // A synthetic vocab: the 256 single bytes from the real file plus lines exercising the literal rules.
        // (No raw string literals here: Qt 6.4's moc stops finding the class after one.)
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto lines = split_lines(read_all(kVocab));
        lines.resize(256);
        lines.push_back("257 '\\u00e9x' 3");
        lines.push_back("258 \"it's\" 4");
        lines.push_back("259 b'\\xe4\\xbd' 2");
        lines.push_back("260 '\\\\n\\'' 3");
        lines.push_back("261 'a b ' 4");
        lines.push_back("262 '\xE4\xBD\xA0' 3");
        lines.push_back("263 '\\x80\\t' 3");
        lines.push_back("264 '\\U0001F600' 4");
        const std::string path = dir.filePath("mini.txt").toStdString();
        {
            std::ofstream out(path, std::ios::binary);
            for (const auto& line : lines) out << line << '\n';
        }
        const auto tok = rwkv::load_world_tokenizer(path);
        QCOMPARE(tok->token_bytes(257), std::string_view("\xC3\xA9x"));
        QCOMPARE(tok->token_bytes(258), std::string_view("it's"));
        QCOMPARE(tok->token_bytes(259), std::string_view("\xE4\xBD"));
        QCOMPARE(tok->token_bytes(260), std::string_view("\\n'"));
        QCOMPARE(tok->token_bytes(261), std::string_view("a b "));
        QCOMPARE(tok->token_bytes(262), std::string_view("\xE4\xBD\xA0"));
        QCOMPARE(tok->token_bytes(263), std::string_view("\xC2\x80\t"));
        QCOMPARE(tok->token_bytes(264), std::string_view("\xF0\x9F\x98\x80"));
        QVERIFY(tok->token_bytes(265).empty());  // ids past the file have no bytes
        QCOMPARE(tok->encode("\xC3\xA9xa b \xE4\xBD\xA0"), (std::vector<std::int32_t>{257, 261, 262}));
    }

    void vocabErrors_data() {
        QTest::addColumn<int>("line");         // 1-based line to replace
        QTest::addColumn<QByteArray>("text");  // its new content
        QTest::addColumn<QString>("expect");   // fragment of the message
        QTest::newRow("length column") << 100 << QByteArray("100 'c' 2") << ":100: length column says 2";
        QTest::newRow("str \\x counted as a byte") << 2430 << QByteArray("2430 '\\xa0' 1") << ":2430: length column";
        QTest::newRow("length not a number") << 500 << QByteArray("500 'ab' x") << ":500: length column";
        QTest::newRow("unterminated") << 200 << QByteArray("200 'abc 3") << ":200: bad literal";
        QTest::newRow("bad hex") << 300 << QByteArray("300 b'\\xZZ' 1") << ":300: bad literal";
        QTest::newRow("bare quote") << 301 << QByteArray("301 'a'b' 3") << ":301: bad literal";
        QTest::newRow("escaped close") << 302 << QByteArray("302 'ab\\' 3") << ":302: bad literal";
        QTest::newRow("non-ascii bytes") << 303 << QByteArray("303 b'\xC3\xA9' 2") << ":303: bad literal";
        QTest::newRow("surrogate") << 9804 << QByteArray("9804 '\\ud800' 3") << ":9804: bad literal";
        QTest::newRow("bad utf8") << 9805 << QByteArray("9805 '\xE4\xBD' 2") << ":9805: bad literal";
        QTest::newRow("no quotes") << 400 << QByteArray("400 abc 3") << ":400: bad literal";
        QTest::newRow("id order") << 600 << QByteArray("601 'zz' 2") << ":600: id 601 out of sequence";
        QTest::newRow("id text") << 601 << QByteArray("x 'zz' 2") << ":601: id is not a decimal";
        QTest::newRow("fields") << 700 << QByteArray("700") << ":700: expected";
        QTest::newRow("crlf") << 800 << QByteArray("800 'ab' 2\r") << ":800: carriage return";
        QTest::newRow("empty token") << 900 << QByteArray("900 '' 0") << ":900: empty token";
        QTest::newRow("duplicate") << 1000 << QByteArray("1000 'ab' 2") << "token repeats";
    }

    void vocabErrors() {
        QFETCH(int, line);
        QFETCH(QByteArray, text);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto lines = split_lines(read_all(kVocab));
        QCOMPARE(lines.size(), std::size_t(65529));
        lines[static_cast<std::size_t>(line - 1)] = text.toStdString();
        const Error e = load_error(dir, lines, "broken.txt");
        QCOMPARE(e.code(), ErrorCode::CorruptFile);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expect), e.what());
    }

    void vocabFileErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        try {
            rwkv::load_world_tokenizer(dir.filePath("missing.txt").toStdString());
            QFAIL("no error for a missing file");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::FileNotFound);
            QVERIFY(QString::fromUtf8(e.what()).contains("missing.txt"));
        }
        QCOMPARE(load_error(dir, {}, "empty.txt").code(), ErrorCode::CorruptFile);
        try {  // session 55's trial: "std::bad_alloc" (a folder's size read as 2^63 - 1 bytes)
            rwkv::load_world_tokenizer(dir.path().toStdString());
            QFAIL("no error for a folder");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QVERIFY2(QString::fromUtf8(e.what()).contains("is a directory, not a vocabulary file"), e.what());
        }
        // Session 55's trial2: a pipe (--vocab <(cat vocab.txt)) was "cannot determine the file size", a device
        // (/dev/urandom) "the vocabulary file is empty"; refused as a model is (rwkv::require_regular_file).
        const QString fifo = dir.filePath("fifo.txt");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const QString& path : {fifo, QStringLiteral("/dev/urandom"), QStringLiteral("/dev/null")}) {
            try {
                rwkv::load_world_tokenizer(path.toStdString());
                QFAIL(qPrintable("no error for " + path));
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::UnsupportedFormat);
                // Which it is, named (session 55's loose ends: "not a regular file" alone for each).
                QCOMPARE(QString::fromUtf8(e.what()),
                         path + (path == fifo ? ": not a regular file (a named pipe)"
                                              : ": not a regular file (a character device)"));
            }
        }
        auto lines = split_lines(read_all(kVocab));
        lines.resize(255);  // byte 0xFF (id 256) missing
        const Error e = load_error(dir, lines, "short.txt");
        QCOMPARE(e.code(), ErrorCode::CorruptFile);
        QVERIFY2(QString::fromUtf8(e.what()).contains("0xff"), e.what());
        lines = split_lines(read_all(kVocab));
        lines.push_back("65530 'x' 1");  // ids 65530.. must have no text
        QVERIFY(QString::fromUtf8(load_error(dir, lines, "long.txt").what()).contains(":65530: id 65530 above"));
    }

    void byteTokenizer() {
        const auto tok = rwkv::make_byte_tokenizer();
        QCOMPARE(tok->vocab_size(), 256);
        QCOMPARE(tok->name(), std::string_view("byte"));
        const std::string s("A\x00\xFF\xE4\xBD\xA0", 6);
        const auto ids = tok->encode(s);
        QCOMPARE(ids, (std::vector<std::int32_t>{65, 0, 255, 228, 189, 160}));
        QCOMPARE(tok->decode(ids), s);
        QCOMPARE(tok->token_bytes(32), std::string_view(" "));
        for (int id : {-1, 256}) {
            try {
                tok->token_bytes(id);
                QFAIL("no error");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::InvalidToken);
            }
        }
    }

    void selectBySize() {
        QCOMPARE(rwkv::tokenizer_for_vocab_size(256, "/nonexistent")->name(), std::string_view("byte"));
        QCOMPARE(rwkv::tokenizer_for_vocab_size(65536, kVocab)->name(), std::string_view("world"));
        for (int v : {0, 255, 65535, 100000}) {
            try {
                rwkv::tokenizer_for_vocab_size(v, kVocab);
                QFAIL("no error");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::UnsupportedModel);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
