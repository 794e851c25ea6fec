// test_list_time.cpp — listTime (app/core/list_time.h): the time a sidebar row or a search result shows, by language.
#include <QtTest>

#include "list_time.h"

using rwkv::app::fileTime;
using rwkv::app::listTime;

class TestListTime : public QObject {
    Q_OBJECT
private slots:
    void todayIsTheTime() {
        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime morning(now.date(), QTime(9, 5));
        QCOMPARE(listTime(morning.toMSecsSinceEpoch(), QLocale(QLocale::Japanese, QLocale::Japan)), QStringLiteral("09:05"));
        QCOMPARE(listTime(morning.toMSecsSinceEpoch(), QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("09:05"));
    }
    void anotherDayIsWrittenAsTheLanguageWritesIt_data() {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("shown");
        // Session 49: Japanese rows read "5 1月 2026" (the Latin order with Japanese month names).
        QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates) << QStringLiteral("5 Jan 2026");
        QTest::newRow("ja") << QLocale(QLocale::Japanese, QLocale::Japan) << QStringLiteral("2026年1月5日");
        QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::China) << QStringLiteral("2026年1月5日");
        QTest::newRow("zh_TW") << QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan)
                               << QStringLiteral("2026年1月5日");
        QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany) << QStringLiteral("5 Jan. 2026");
    }
    void anotherDayIsWrittenAsTheLanguageWritesIt() {
        QFETCH(QLocale, locale);
        QFETCH(QString, shown);
        QCOMPARE(listTime(QDateTime(QDate(2026, 1, 5), QTime(14, 3)).toMSecsSinceEpoch(), locale), shown);
    }
    // A file dialog's row: the language's short date and time. 繁體中文's short time is CLDR's "Bh:mm", whose day
    // period (B) Qt 6.4 writes as a letter: "2026/1/5 B14:03" (session 59's trial).
    void fileTimeIsTheLanguagesShortDateAndTime_data() {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("shown");
        QTest::newRow("zh_TW") << QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan)
                               << QStringLiteral("2026/1/5 下午2:03");
        QTest::newRow("zh_HK") << QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::HongKong)
                               << QStringLiteral("5/1/2026 下午2:03");
        QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::China) << QStringLiteral("2026/1/5 14:03");
        QTest::newRow("ja") << QLocale(QLocale::Japanese, QLocale::Japan) << QStringLiteral("2026/01/05 14:03");
        QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates) << QStringLiteral("1/5/26 2:03 PM");
    }
    void fileTimeIsTheLanguagesShortDateAndTime() {
        QFETCH(QLocale, locale);
        QFETCH(QString, shown);
        const QDateTime time(QDate(2026, 1, 5), QTime(14, 3));
        QCOMPARE(fileTime(time, locale), shown);
        QVERIFY2(!fileTime(QDateTime(QDate(2026, 1, 5), QTime(9, 5)), locale).contains(u'B'), qPrintable(shown));
    }
};

QTEST_GUILESS_MAIN(TestListTime)
#include "test_list_time.moc"
