// test_cli_long_input.cpp — a text rwkv-cli reads whole (chat --message-file, tokenize --file) that is longer than a
// message can be saved (kMaxTextBytes, 1,000,000,000 bytes: SQLite's longest value) is refused with one line and
// nothing written: a regular file by its size, unread; an endless one (/dev/zero) once one byte past the limit is read.
// Before session 51's trial /dev/zero was read until "error: --message-file: std::bad_alloc". Code:
// app/cli/cli_common.cpp (read_text_file, read_text_stream), app/cli/cli_chat.cpp. Helpers: cli_run.h.
#include "cli_run.h"

#include <QTemporaryDir>

using namespace cli_test;

class TestCliLongInput : public QObject {
    Q_OBJECT
private slots:
    void textLongerThanAMessageIsRefused();
};

void TestCliLongInput::textLongerThanAMessageIsRefused() {
    QTemporaryDir dir;
    const QString db = dir.filePath("c.sqlite");
    // A sparse file: its 1,000,000,001 bytes take no room on the disk, and they are not read.
    const QString big = dir.filePath("big.txt");
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.resize(1'000'000'001));
    f.close();
    const Run file = cli({"chat", "--db", db, "--model", tinyModel(), "--message-file", big});
    QCOMPARE(file.code, 1);
    QCOMPARE(file.err, "error: --message-file: " + big.toUtf8() +
                           " holds 1,000,000,001 bytes; rwkv-cli reads at most 1,000,000,000 bytes of text (the most "
                           "SQLite keeps in one message)\n");
    const Run tokenize = cli({"tokenize", "--vocab", vocab(), "--file", big});
    QCOMPARE(tokenize.code, 1);
    QVERIFY2(tokenize.err.contains(" holds 1,000,000,001 bytes; rwkv-cli reads at most 1,000,000,000 bytes of text") &&
                 isPlainOneLineError(tokenize.err),
             tokenize.err.constData());
    // An endless input: read up to one byte past the limit, then refused (1 GB of memory for a moment).
    const Run endless = cli({"chat", "--db", db, "--model", tinyModel(), "--message-file", "/dev/zero"});
    QCOMPARE(endless.code, 1);
    QCOMPARE(endless.err, QByteArray("error: --message-file: /dev/zero holds more than 1,000,000,000 bytes; rwkv-cli "
                                     "reads at most 1,000,000,000 bytes of text (the most SQLite keeps in one "
                                     "message)\n"));
    QVERIFY(!QFileInfo::exists(db));  // nothing was written
}

QTEST_GUILESS_MAIN(TestCliLongInput)
#include "test_cli_long_input.moc"
