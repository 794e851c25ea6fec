// test_data_folder_problems.cpp — what a data folder that cannot hold the conversations says (app_paths.h:
// resolveDataDir, dataFolderProblem): a file in its place, a folder where no database can be made, a drive not
// connected, a chosen folder whose parents are missing (not made), a folder behind one that cannot be entered. Each
// reason names the folder at fault by its full path, isolated (U+2068 … U+2069). Split from test_app_settings.cpp.
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include "app_paths.h"
#include "as_another_user.h"
#include "read_only_folder.h"

using namespace rwkv::app;

namespace {
/// dataFolderProblem(dir) as a user who cannot enter a folder of mode 0000: as `nobody` in a child process when this
/// runs as root (root enters any folder), else as this user.
DataFolderProblem dataFolderProblemAsAnotherUser(const QString& dir) {
    const QStringList parts = QString::fromUtf8(asAnotherUser([&dir] {
        const DataFolderProblem p = dataFolderProblem(dir);
        return (p.reason + QLatin1Char('\n') + p.advice).toUtf8();
    })).split(QLatin1Char('\n'));
    if (parts.size() != 2) return {QStringLiteral("(child failed)"), {}};
    return {parts[0], parts[1]};
}
}  // namespace

class TestDataFolderProblems : public QObject {
    Q_OBJECT

private slots:
    void dataDirThatIsAFileSaysSo();
    void folderWhereNoDatabaseCanBeMadeSaysSo();
    void dataFolderProblemFitsItsCase();
    void chosenFolderWithMissingParentsIsNotMade();
    void folderBehindOneThatCannotBeEnteredSaysSo();
    void madeFolderIsTakenAwayWithWhatTheStartLeft();
};

// --data-dir naming a regular file (or a folder below one): no folder, and the reason names the file; before, the
// start-up window only said "cannot create its data folder … check that it can be written".
void TestDataFolderProblems::dataDirThatIsAFileSaysSo() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("my notes");
    f.close();
    for (const QString& asked : {file, file + QStringLiteral("/sub/folder")}) {
        QString problem;
        QCOMPARE(resolveDataDir(asked, &problem), QString());
        QCOMPARE(problem, QStringLiteral("“\u2068%1\u2069” is a file, not a folder.").arg(file));
    }
    // A file named with a U+202E and a line break (session 46's trial, LOW: the start-up window's sentence, and the
    // advice after it, read backwards from it): on one line, escaped, isolated.
    const QString odd = dir.filePath(QStringLiteral("f\u202Eodd\nx"));
    QFile oddFile(odd);
    QVERIFY(oddFile.open(QIODevice::WriteOnly));
    oddFile.close();
    QString oddProblem;
    QCOMPARE(resolveDataDir(odd + QStringLiteral("/sub"), &oddProblem), QString());
    QCOMPARE(oddProblem, QStringLiteral("“\u2068%1\\u202eodd\\nx\u2069” is a file, not a folder.")
                             .arg(dir.filePath(QStringLiteral("f"))));
    QFile kept(file);  // nothing was changed
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("my notes"));

    QString problem;
    const QString fresh = dir.filePath(QStringLiteral("a/b"));
    QCOMPARE(resolveDataDir(fresh, &problem), QFileInfo(fresh).absoluteFilePath());
    QVERIFY(problem.isEmpty());
    QVERIFY(QFileInfo(fresh).isDir());
}

// A folder that exists but where no conversation database can be made (session 23's trial, T13, T12): a
// conversations.sqlite that is a folder, or no database and a folder that cannot be written (chmod 0555; root writes
// anyway, so there it is a read-only mount when one can be made). A read-only folder holding a database is usable
// (the library opens read-only), and so is a writable one.
void TestDataFolderProblems::folderWhereNoDatabaseCanBeMadeSaysSo() {
    QTemporaryDir dir;
    QCOMPARE(databaseFolderProblem(dir.path()), QString());
    const QString db = databasePath(dir.path());
    QVERIFY(QDir().mkpath(db));
    QCOMPARE(databaseFolderProblem(dir.path()),
             QStringLiteral("The conversation database \u2068%1\u2069 is a folder, not a database file: move or rename it.").arg(db));
    // A folder named with U+202E RIGHT-TO-LEFT OVERRIDE: the path is one unit of the sentence (U+2068 … U+2069), so the
    // override ends with it; before, "…/db\u202eevil/conversations.sqlite is a folder, not …" drew the rest backwards.
    const QString evil = dir.filePath(QStringLiteral("db\u202Eevil"));
    QVERIFY(QDir().mkpath(databasePath(evil)));
    QCOMPARE(databaseFolderProblem(evil),
             QStringLiteral("The conversation database \u2068%1/conversations.sqlite\u2069 is a folder, not a database file: "
                            "move or rename it.").arg(evil));

    const QString ro = dir.filePath(QStringLiteral("ro"));
    const ReadOnlyFolder readOnly(ro);
    if (QFileInfo(ro).isWritable()) QSKIP("root without mount: no folder here is read-only to this process");
    QCOMPARE(databaseFolderProblem(ro),
             QStringLiteral("Cannot create the conversation database \u2068%1/conversations.sqlite\u2069: its folder \u2068%1\u2069 "
                            "cannot be written. Make the folder writable, or keep the database in another one.").arg(ro));
    qInfo("%s", qPrintable(databaseFolderProblem(ro)));
}

// The start window for "neither folder can be used" names each folder once and follows it with the reason and the
// advice of its case (session 25's trial, N4: "The folder chosen in Settings, F: “F” is a file, not a folder.", and
// advice about drives and permissions for a file in the folder's place). No reason names the folder's path again.
void TestDataFolderProblems::dataFolderProblemFitsItsCase() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(QFile(file).open(QIODevice::WriteOnly));
    const QString linked = dir.filePath(QStringLiteral("linked"));
    QVERIFY(QDir().mkpath(linked) && QFile::link(dir.filePath(QStringLiteral("gone.sqlite")), databasePath(linked)));
    const QString dbFolder = dir.filePath(QStringLiteral("db-folder"));
    QVERIFY(QDir().mkpath(databasePath(dbFolder)));
    const QString fileAdvice = QStringLiteral("Move or rename that file; the folder is then created.");
    const struct {
        QString folder, reason, advice;
    } cases[] = {
        {dir.path(), {}, {}},
        {dir.filePath(QStringLiteral("not-yet")), {}, {}},  // only the folder itself is missing: made when used
        {dir.filePath(QStringLiteral("usbstick/chats")),  // its parent missing too: a drive not connected
         QStringLiteral("does not exist, nor does \u2068%1\u2069 on its path (a drive not connected?)")
             .arg(dir.filePath(QStringLiteral("usbstick"))),
         QStringLiteral("If it is on a drive, connect the drive; else create the missing folders.")},
        {file, QStringLiteral("is a file, not a folder"), fileAdvice},
        {file + QStringLiteral("/sub/folder"), QStringLiteral("cannot be created: “\u2068notes.txt\u2069” on its path is a file, not a folder"),
         fileAdvice},
        {dbFolder, QStringLiteral("holds a folder named conversations.sqlite where its database file should be"),
         QStringLiteral("Move or rename that folder.")},
        {linked,
         QStringLiteral("holds conversations.sqlite, a link to \u2068%1\u2069, which does not exist").arg(dir.filePath(QStringLiteral("gone.sqlite"))),
         QStringLiteral("Remove the link, or connect the drive it points to.")},
    };
    for (const auto& c : cases) {
        const DataFolderProblem p = dataFolderProblem(c.folder);
        QCOMPARE(p.reason, c.reason);
        QCOMPARE(p.advice, c.advice);
    }
    // Permissions: a read-only mount as root (root writes through chmod), else chmod 0555.
    const QString ro = dir.filePath(QStringLiteral("ro"));
    const ReadOnlyFolder readOnly(ro);
    if (QFileInfo(ro).isWritable()) QSKIP("root without mount: no folder here is read-only to this process");
    const bool mounted = readOnly.mounted;
    const QString why = mounted ? QStringLiteral("a disk mounted read-only") : QStringLiteral("permission denied");
    QCOMPARE(dataFolderProblem(ro).reason,
             QStringLiteral("cannot be written (%1) and holds no conversation database yet").arg(why));
    QCOMPARE(dataFolderProblem(ro).advice,
             mounted ? QStringLiteral("Mount that disk writable.") : QStringLiteral("Make the folder writable for you."));
    QCOMPARE(dataFolderProblem(ro + QStringLiteral("/conversations")).reason,
             QStringLiteral("does not exist and cannot be made: the folder above it, “\u2068ro\u2069”, cannot be written (%1)").arg(why));
    // A drive not connected: /media/USER/USB/conversations with /media/USER not writable.
    const DataFolderProblem drive = dataFolderProblem(ro + QStringLiteral("/USB/conversations"));
    QCOMPARE(drive.reason, QStringLiteral("does not exist, nor does \u2068%1/USB\u2069 on its path, and “\u2068ro\u2069” cannot be written (%2)")
                               .arg(ro, why));
    QCOMPARE(drive.advice, QStringLiteral("If it is on a drive, connect the drive; else create the missing folders."));
}

// Session 26's trial, F4: data/folder=/media/usbstick/chats (a drive not connected) as root was created on the system
// disk and opened an empty history. A chosen folder whose parent is missing too is named, and main.cpp makes nothing;
// one whose parent exists is still made when used.
void TestDataFolderProblems::chosenFolderWithMissingParentsIsNotMade() {
    QTemporaryDir dir;
    const QString usb = dir.filePath(QStringLiteral("media/usbstick"));
    QCOMPARE(missingParentsProblem(usb + QStringLiteral("/chats")),
             QStringLiteral("The folder “\u2068%1/chats\u2069” does not exist, nor does \u2068%2\u2069 on its path (a drive "
                            "not connected?).")
                 .arg(usb, dir.filePath(QStringLiteral("media"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("media"))));  // nothing made
    QVERIFY(QDir().mkpath(usb));  // the empty mount point left when the drive is unplugged
    QCOMPARE(missingParentsProblem(usb + QStringLiteral("/chats/2026")),
             QStringLiteral("The folder “\u2068%1/chats/2026\u2069” does not exist, nor does \u2068%1/chats\u2069 on its "
                            "path (a drive not connected?).").arg(usb));
    QCOMPARE(missingParentsProblem(usb + QStringLiteral("/chats")), QString());  // its parent is there: made when used
    QCOMPARE(missingParentsProblem(usb), QString());                             // exists
    QCOMPARE(missingParentsProblem(QString()), QString());
    // Session 41: a folder on the path named with a U+202E (RIGHT-TO-LEFT OVERRIDE) drew the rest of the sentence
    // backwards; each path is isolated (U+2068 … U+2069), its own isolates left out.
    const QString evil = dir.filePath(QStringLiteral("usb\u202eevil\u2069"));
    QCOMPARE(missingParentsProblem(evil + QStringLiteral("/chats")),
             QStringLiteral("The folder “\u2068%1/chats\u2069” does not exist, nor does \u2068%1\u2069 on its path (a drive "
                            "not connected?).")
                 .arg(dir.filePath(QStringLiteral("usb\u202eevil"))));
    QCOMPARE(dataFolderProblem(evil + QStringLiteral("/chats")).reason,
             QStringLiteral("does not exist, nor does \u2068%1\u2069 on its path (a drive not connected?)")
                 .arg(dir.filePath(QStringLiteral("usb\u202eevil"))));
}

// Session 26's trial, F3: the chosen folder, with its conversations.sqlite, inside a folder the user cannot enter
// (root's, mode 700; the app run as another user) was said not to exist, with the advice to create it there. Now the
// folder that cannot be entered is named by its full path; so is a folder that cannot itself be entered.
void TestDataFolderProblems::folderBehindOneThatCannotBeEnteredSaysSo() {
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFile::permissions(dir.path()) | QFileDevice::ExeOther |
                                                  QFileDevice::ReadOther));  // nobody may enter the temporary folder
    const QString priv = dir.filePath(QStringLiteral("priv"));
    const QString chats = priv + QStringLiteral("/chats");
    QVERIFY(QDir().mkpath(chats));
    QFile db(databasePath(chats));
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.close();
    QVERIFY(QFile::setPermissions(priv, QFileDevice::Permissions()));  // mode 0000
    const auto restore = qScopeGuard([&] { QFile::setPermissions(priv, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner); });
    const QString advice =
        QStringLiteral("Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.");
    const DataFolderProblem behind = dataFolderProblemAsAnotherUser(chats);
    QCOMPARE(behind.reason,
             QStringLiteral("cannot be reached: the folder \u2068%1\u2069 on its path cannot be entered (permission denied)")
                 .arg(priv));
    QCOMPARE(behind.advice, advice);
    const DataFolderProblem itself = dataFolderProblemAsAnotherUser(priv);
    QCOMPARE(itself.reason, QStringLiteral("cannot be opened (permission denied)"));
    QCOMPARE(itself.advice, advice);
}

// Session 56's loose ends (LOW): on a full disk, `--data-dir NEW` said "Nothing was changed" and left NEW behind (empty
// but for what SQLite could make). resolveDataDir says which folder it made; removeMadeDataFolder takes it away with
// an empty database's files, and keeps a folder that holds anything else, and every folder that was there before.
void TestDataFolderProblems::madeFolderIsTakenAwayWithWhatTheStartLeft() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString top = tmp.filePath(QStringLiteral("new")), data = top + QStringLiteral("/a/b");
    QString made = QStringLiteral("not emptied");
    QCOMPARE(resolveDataDir(data + QLatin1Char('/'), nullptr, &made), data);
    QCOMPARE(made, top);  // the topmost folder it made
    for (const char* name : {"conversations.sqlite", "conversations.sqlite-journal"}) {
        QFile f(QDir(data).filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));  // empty, as a full disk leaves them
    }
    QVERIFY(removeMadeDataFolder(data, made));
    QVERIFY(!QFileInfo::exists(top));
    QVERIFY(QFileInfo::exists(tmp.path()));  // there before: kept

    // A folder that was there: nothing made, nothing to take away.
    QCOMPARE(resolveDataDir(tmp.path(), nullptr, &made), tmp.path());
    QCOMPARE(made, QString());
    QVERIFY(!removeMadeDataFolder(tmp.path(), made));
    QVERIFY(QFileInfo::exists(tmp.path()));

    // Anything else in it (a file of the user's, a database with something in it) keeps it, and the folders above.
    QCOMPARE(resolveDataDir(data, nullptr, &made), data);
    QCOMPARE(made, top);
    QFile other(QDir(data).filePath(QStringLiteral("notes.txt")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("mine");
    other.close();
    QVERIFY(!removeMadeDataFolder(data, made));
    QVERIFY(QFileInfo::exists(other.fileName()));
    QVERIFY(QFile::remove(other.fileName()));
    QFile db(databasePath(data));
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.write(QByteArray("SQLite format 3") + QByteArray(1, '\0'));
    db.close();
    QVERIFY(!removeMadeDataFolder(data, made));
    QVERIFY(QFileInfo::exists(databasePath(data)));
    QVERIFY(QFileInfo::exists(top));
    // Not a folder below `made`: refused, nothing removed.
    QVERIFY(!removeMadeDataFolder(tmp.path(), top));
    QVERIFY(QFileInfo::exists(databasePath(data)));
}

QTEST_GUILESS_MAIN(TestDataFolderProblems)
#include "test_data_folder_problems.moc"
