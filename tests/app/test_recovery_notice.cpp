// test_recovery_notice.cpp — the banner after "Recover what can be read" (app/gui/recovery_notice.cpp) in English and
// in Chinese (the app's .qm files from the build): the chats whose damaged titles were replaced are named by their new
// titles, quoted and isolated as every title in a sentence, joined by the language's list separator.
#include <QCoreApplication>
#include <QTranslator>
#include <QtTest>

#include "recovery_notice.h"

class TestRecoveryNotice : public QObject {
    Q_OBJECT

private slots:
    void retitledChatsAreNamed_data();
    void retitledChatsAreNamed();
    void logLineSaysWhatWasLost();
};

namespace {
QString quoted(const QString& title) { return QStringLiteral("“\u2068%1\u2069”").arg(title); }
}  // namespace

void TestRecoveryNotice::retitledChatsAreNamed_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("titles");
    QTest::addColumn<QString>("sentence");  // the banner's last one
    const QString one = QStringLiteral("Recovered chat 1"), two = QStringLiteral("Recovered chat 2");
    const QString zhOne = QStringLiteral("恢复的对话 1"), zhTwo = QStringLiteral("恢复的对话 2");
    QTest::newRow("en, one") << "en" << QStringList{one}
                             << QStringLiteral("Damaged titles: 1 chat renamed %1.").arg(quoted(one));
    QTest::newRow("en, two") << "en" << QStringList{one, two}
                             << QStringLiteral("Damaged titles: 2 chats renamed %1, %2.").arg(quoted(one), quoted(two));
    QTest::newRow("en, four") << "en" << QStringList{one, two, QStringLiteral("Recovered chat 3"),
                                                      QStringLiteral("Recovered chat 4")}
                              << QStringLiteral("Damaged titles: 4 chats renamed %1, %2, %3, ….")
                                     .arg(quoted(one), quoted(two), quoted(QStringLiteral("Recovered chat 3")));
    QTest::newRow("zh_CN, two") << "zh_CN" << QStringList{zhOne, zhTwo}
                                << QStringLiteral("标题已损坏：2 个对话改名为%1、%2。").arg(quoted(zhOne), quoted(zhTwo));
}

// Session 38's check (LOW): the banner said "1 chat renamed “Recovered chat N”" while the sidebar showed "Recovered
// chat 1": a user looked for a chat called "Recovered chat N" (zh_CN the same, 改名为“恢复的对话 N”).
void TestRecoveryNotice::retitledChatsAreNamed() {
    QFETCH(QString, language);
    QFETCH(QStringList, titles);
    QFETCH(QString, sentence);
    // The app loads its English too: plural forms ("1 chat", "2 chats").
    QTranslator translator;
    const QString qm = QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_%1.qm").arg(language);
    QVERIFY2(translator.load(qm), qPrintable(qm));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    rwkv::store::RecoveryReport report;
    report.chats = 3;
    report.messages = 8;
    report.retitled = int(titles.size());
    report.retitledTitles = titles;
    const QString text = rwkv::gui::recoveryNotice(report, QStringLiteral("/data/conversations.sqlite.damaged-1"));
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(text.endsWith(sentence), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String(" N”")), qPrintable(text));
    // The path where the file went is isolated (session 40's trial, LOW: a folder named with U+202E turned the rest of
    // the sentence around): "… moved to \u2068/data/…\u2069 (nothing was deleted)".
    QVERIFY2(text.contains(QStringLiteral("\u2068/data/conversations.sqlite.damaged-1\u2069")), qPrintable(text));
}

// The line on standard error after a recovery (startup_database.cpp). Session 44's trial: after a heavy damage it read
// "… 0 could not be read, more may be lost (12 page(s) unread)", which says two things at once; now it says which.
void TestRecoveryNotice::logLineSaysWhatWasLost() {
    rwkv::store::RecoveryReport r;
    r.chats = 2;
    r.messages = 1;
    r.chatsEmptied = 1;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 2 chats (1 message) from it, 1 of them by title only (its messages lost); "
                            "no chat lost\n"));
    r.pagesUnread = 12;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 2 chats (1 message) from it, 1 of them by title only (its messages lost); "
                            "how many chats were lost is not known (12 pages unread)\n"));
    r.chatsLost = 1;
    r.pagesUnread = 1;
    r.headerUnread = true;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 2 chats (1 message) from it, 1 of them by title only (its messages lost); "
                            "1 chat could not be read, more may be lost (1 page unread, the header damaged)\n"));
    r.pagesUnread = 0;
    r.headerUnread = false;
    r.chatsLost = 3;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 2 chats (1 message) from it, 1 of them by title only (its messages lost); "
                            "3 chats could not be read\n"));
    // Said as the window's notice counts them (session 45's trial: "recovered 1 chat … 1 of them by title only", and
    // "0 of them by title only" after a recovery that lost no message).
    r.chatsLost = 0;
    r.chatsEmptied = 0;
    QCOMPARE(rwkv::gui::recoveryLogLine(r), QStringLiteral("; recovered 2 chats (1 message) from it; no chat lost\n"));
    r.chatsEmptied = 2;
    r.messages = 0;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 2 chats (0 messages) from it, all by title only (their messages lost); no chat "
                            "lost\n"));
    r.chats = 1;
    r.chatsEmptied = 1;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 1 chat (0 messages) from it, by title only (its messages lost); no chat lost\n"));
    r.chats = 3;
    r.chatsEmptied = 2;
    QCOMPARE(rwkv::gui::recoveryLogLine(r),
             QStringLiteral("; recovered 3 chats (0 messages) from it, 2 of them by title only (their messages lost); no "
                            "chat lost\n"));
}

QTEST_GUILESS_MAIN(TestRecoveryNotice)
#include "test_recovery_notice.moc"
