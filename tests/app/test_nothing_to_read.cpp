// test_nothing_to_read.cpp — holdsNothingToRead (app/core/invisible_format.h), the rule that refuses a message of only
// white space and characters drawn as nothing (ChatController::send and editMessage, the box's Send, rwkv-cli chat),
// for characters outside the BMP: a surrogate pair is one character. The window's refusal of the BMP ones:
// test_chat_controller::emptyMessageIsRefused.
#include <QtTest>

#include "invisible_format.h"

using namespace rwkv::app;

class TestNothingToRead : public QObject {
    Q_OBJECT
private slots:
    void defaultIgnorablesOutsideTheBmpAreNothingToRead();
    void charactersOutsideTheBmpThatDrawAreRead();
};

void TestNothingToRead::defaultIgnorablesOutsideTheBmpAreNothingToRead() {
    // Three tags ("AB" and a tag space) were sent, an empty bubble in a chat listed with no title (session 51's
    // trial); so were a variation selector of the supplement, the musical and shorthand format controls, and the
    // Khmer inherent vowels of the BMP.
    for (const QString& blank :
         {QStringLiteral("\U000E0041\U000E0042\U000E0020"), QStringLiteral(" \U000E0001\U000E007F\n"),
          QStringLiteral("\U000E0100\U000E01EF"), QStringLiteral("\U0001D173\U0001D17A\U0001BCA0\U0001BCA3"),
          QStringLiteral("\u17b4\u17b5"), QStringLiteral("\u200b\U000E0020\u3164")})
        QVERIFY2(holdsNothingToRead(blank), qPrintable(QString::number(blank.toUcs4().value(0), 16)));
}

void TestNothingToRead::charactersOutsideTheBmpThatDrawAreRead() {
    // Scotland's flag: 🏴 and its tags — the tags alone draw nothing, with the flag they are read.
    const QString scotland = QStringLiteral("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F");
    QVERIFY(!holdsNothingToRead(scotland));
    QVERIFY(!holdsNothingToRead(QStringLiteral("\U000E0020\U0001F600")));  // an emoji after a tag
    QVERIFY(!holdsNothingToRead(QStringLiteral("\U00020000")));            // a CJK Extension B ideograph
    QVERIFY(!holdsNothingToRead(QStringLiteral("\U0001D172")));            // the musical symbol before the controls
    QVERIFY(!holdsNothingToRead(QStringLiteral("\U000E0080")));            // past the tags: unassigned, not skipped
    QVERIFY(!holdsNothingToRead(QString(QChar(0xD800))));                  // a lone surrogate is not nothing
    QVERIFY(!holdsNothingToRead(QStringLiteral("\u17b4x")));
}

QTEST_GUILESS_MAIN(TestNothingToRead)
#include "test_nothing_to_read.moc"
