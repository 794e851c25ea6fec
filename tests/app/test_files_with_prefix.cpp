// tests/app/test_files_with_prefix.cpp — store::filesWithPrefix, the one listing of "the files next to a database that
// belong to it by name" (its unsaved-reply notes, its upgrade backups): names compared as text, so [ ] * ? in a
// library's name are letters, case counts, folders are left out, and QDir::Time lists the newest first.
// Its two users: test_store_unsaved_notes.cpp (adoptTextNotSavedNotes), test_damaged_database.cpp (upgradeBackups).
#include "store/files_with_prefix.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rwkv::store;

class TestFilesWithPrefix : public QObject {
    Q_OBJECT

private slots:
    void wildcardCharactersAreLetters();
    void newestFirstByTime();
};

namespace {
bool writeFile(const QDir& dir, const QString& name) {
    QFile f(dir.filePath(name));
    return f.open(QIODevice::WriteOnly) && f.write("x") == 1;
}
}  // namespace

void TestFilesWithPrefix::wildcardCharactersAreLetters() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QDir dir(tmp.path());
    for (const char* name : {"chat[1].sqlite-unsaved-3", "chat1.sqlite-unsaved-4", "Chat[1].sqlite-unsaved-5",
                             "a*b?.sqlite-unsaved-6", "aXXbY.sqlite-unsaved-7", ".hidden.sqlite-unsaved-8"})
        QVERIFY(writeFile(dir, QString::fromLatin1(name)));
    QVERIFY(dir.mkdir(QStringLiteral("chat[1].sqlite-unsaved-folder")));

    QCOMPARE(filesWithPrefix(dir, QStringLiteral("chat[1].sqlite-unsaved-")),
             QStringList{QStringLiteral("chat[1].sqlite-unsaved-3")});
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("chat1.sqlite-unsaved-")),
             QStringList{QStringLiteral("chat1.sqlite-unsaved-4")});
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("a*b?.sqlite-unsaved-")),
             QStringList{QStringLiteral("a*b?.sqlite-unsaved-6")});
    QCOMPARE(filesWithPrefix(dir, QStringLiteral(".hidden.sqlite-unsaved-")),
             QStringList{QStringLiteral(".hidden.sqlite-unsaved-8")});
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("*")), QStringList{});
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("nothing-")), QStringList{});
}

void TestFilesWithPrefix::newestFirstByTime() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QDir dir(tmp.path());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QStringList names{QStringLiteral("lib.sqlite.bak-v2"), QStringLiteral("lib.sqlite.bak-v4"),
                            QStringLiteral("lib.sqlite.bak-v3")};
    for (int i = 0; i < names.size(); ++i) {  // bak-v2 oldest, then bak-v4, then bak-v3 (newest)
        QVERIFY(writeFile(dir, names[i]));
        QFile f(dir.filePath(names[i]));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(now.addSecs(-3600 * (names.size() - i)), QFileDevice::FileModificationTime));
    }
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("lib.sqlite.bak-v"), QDir::Time),
             (QStringList{QStringLiteral("lib.sqlite.bak-v3"), QStringLiteral("lib.sqlite.bak-v4"),
                          QStringLiteral("lib.sqlite.bak-v2")}));
    QCOMPARE(filesWithPrefix(dir, QStringLiteral("lib.sqlite.bak-v")),
             (QStringList{QStringLiteral("lib.sqlite.bak-v2"), QStringLiteral("lib.sqlite.bak-v3"),
                          QStringLiteral("lib.sqlite.bak-v4")}));
}

QTEST_GUILESS_MAIN(TestFilesWithPrefix)
#include "test_files_with_prefix.moc"
