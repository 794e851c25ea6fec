// app_paths.cpp — data folder and resource folder lookup (see app_paths.h).
#include "app_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStorageInfo>

#include "bidi_control.h"
#include "models/one_line.h"  // isolatedPath
#include "store/store_error.h"

namespace rwkv::app {

namespace {

/// Why `dir` could not be created: the part of the path that is a file, or the nearest folder that exists but
/// cannot be written. Each path as isolatedPath quotes it: on one line, its own direction kept inside it (session 46's
/// trial: a file named "f\u202eodd\nx" on the path turned the start-up window's whole sentence, and the advice after
/// it, backwards).
QString mkpathProblem(const QString& dir) {
    QFileInfo at(QDir(dir).absolutePath());
    for (;;) {
        if (at.exists() && !at.isDir())
            return QCoreApplication::translate("main", "“%1” is a file, not a folder.")
                .arg(models::isolatedPath(at.absoluteFilePath()));
        if (at.isDir()) {
            if (!at.isWritable())
                return QCoreApplication::translate("main", "The folder “%1” cannot be written (permission denied).")
                    .arg(models::isolatedPath(at.absoluteFilePath()));
            // Writable by its permission bits, and nothing can be made in it (/proc as root: "could not be created"
            // with no reason; session 53's trial).
            if (const QString why = store::fileCreationProblem(at.absoluteFilePath(), store::Words::Translated);
                !why.isEmpty())
                return QCoreApplication::translate("main", "The folder “%1” cannot be written (%2).")
                    .arg(models::isolatedPath(at.absoluteFilePath()), why);
            return QCoreApplication::translate("main", "“%1” could not be created.").arg(models::isolatedPath(dir));
        }
        const QString parent = at.absolutePath();
        if (parent == at.absoluteFilePath())
            return QCoreApplication::translate("main", "“%1” could not be created.").arg(models::isolatedPath(dir));
        at = QFileInfo(parent);
    }
}

/// Where the path of a folder that does not exist stops existing: the top missing folder on it (the folder itself
/// when only it is missing) and the nearest part of the path that exists (the root when none shows itself).
struct MissingPath {
    QFileInfo topMissing, nearest;
};
MissingPath missingPath(const QFileInfo& folder) {
    MissingPath p{folder, QFileInfo(folder.absolutePath())};
    while (!p.nearest.exists() && p.nearest.absoluteFilePath() != p.nearest.absolutePath()) {
        p.topMissing = p.nearest;
        p.nearest = QFileInfo(p.nearest.absolutePath());
    }
    return p;
}

}  // namespace

void setApplicationIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("rwkv-desktop"));
    QCoreApplication::setOrganizationName(QStringLiteral("rwkv-desktop"));
}

QString resolveDataDir(const QString& override, QString* problem, QString* made) {
    if (made) made->clear();
    QString dir = override;
    if (dir.isEmpty()) dir = qEnvironmentVariable("RWKV_DESKTOP_DATA_DIR");
    if (dir.isEmpty()) dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty()) {
        if (problem) *problem = QCoreApplication::translate("main", "The system names no folder for application data.");
        return {};
    }
    const QFileInfo wanted(QDir(dir).absolutePath());
    const QString topMissing = wanted.exists() ? QString() : missingPath(wanted).topMissing.absoluteFilePath();
    if (!QDir().mkpath(dir)) {
        if (problem) *problem = mkpathProblem(dir);
        return {};
    }
    if (made) *made = topMissing;
    return QDir(dir).absolutePath();
}

bool removeMadeDataFolder(const QString& dataDir, const QString& made) {
    if (dataDir.isEmpty() || made.isEmpty()) return false;
    QString folder = QDir(dataDir).absolutePath();
    const QString top = QDir(made).absolutePath();
    if (folder != top && !folder.startsWith(top + QLatin1Char('/'))) return false;  // not made by that start
    // What SQLite made while it could not set the database up: an empty file, its journal. A database with anything
    // written in it is kept (something was saved after all), and so is its folder.
    const QFileInfo db(databasePath(folder));
    if (db.exists() && (!db.isFile() || db.size() > 0)) return false;
    for (const char* suffix : {"-journal", "-wal", "-shm", ""}) QFile::remove(db.filePath() + QLatin1String(suffix));
    for (;;) {
        if (!QDir().rmdir(folder)) return false;  // not empty: what is left there is kept
        if (folder == top) return true;
        folder = QFileInfo(folder).absolutePath();
    }
}

QString missingParentsProblem(const QString& dir) {
    if (dir.isEmpty()) return {};
    const QFileInfo folder(QDir(dir).absolutePath());
    if (folder.exists()) return {};
    const QFileInfo topMissing = missingPath(folder).topMissing;
    if (topMissing.absoluteFilePath() == folder.absoluteFilePath()) return {};  // only the folder: made when used
    return QCoreApplication::translate("main", "The folder “%1” does not exist, nor does %2 on its path (a drive not "
                                               "connected?).")
        .arg(isolated(QDir::toNativeSeparators(folder.absoluteFilePath())),
             isolated(QDir::toNativeSeparators(topMissing.absoluteFilePath())));
}

QString databasePath(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")); }

QString databaseFolderProblem(const QString& dataDir) {
    return store::databaseFileProblem(QFileInfo(databasePath(dataDir)).absoluteFilePath(), store::Words::Translated);
}

DataFolderProblem dataFolderProblem(const QString& dir) {
    // lupdate files these under the namespace (as tr() calls in it): the same context here.
    const auto tr = [](const char* source) { return QCoreApplication::translate("rwkv::app", source); };
    if (dir.isEmpty()) return {};  // not a path: QDir would read it as the current folder
    const QFileInfo folder(QDir(dir).absolutePath());
    const auto onReadOnlyDisk = [](const QFileInfo& f) {
        const QStorageInfo disk(f.absoluteFilePath());
        return disk.isValid() && disk.isReadOnly();
    };
    // Names and paths isolated (U+2068 … U+2069): a U+202E in a folder's name turns no sentence around.
    const auto nameOf = [](const QFileInfo& f) {
        return isolated(f.fileName().isEmpty() ? f.absoluteFilePath() : f.fileName());
    };
    const auto pathOf = [](const QFileInfo& f) { return isolated(QDir::toNativeSeparators(f.absoluteFilePath())); };
    if (folder.exists() && !folder.isDir())
        return {tr("is a file, not a folder"), tr("Move or rename that file; the folder is then created.")};
    if (!folder.exists()) {
        const auto [topMissing, at] = missingPath(folder);
        if (at.exists() && !at.isDir())
            return {tr("cannot be created: “%1” on its path is a file, not a folder").arg(nameOf(at)),
                    tr("Move or rename that file; the folder is then created.")};
        // The nearest folder that shows itself may be one this user cannot enter (root's, mode 700): nothing under it
        // can be seen, so DIR may well exist there (session 26's trial, F3: "does not exist … create this one in it
        // yourself" for a folder that held its database).
        if (at.isDir() && !at.isExecutable())
            return {tr("cannot be reached: the folder %1 on its path cannot be entered (permission denied)")
                        .arg(pathOf(at)),
                    tr("Ask the owner of that folder (or an administrator) to let you enter it, or choose another "
                       "folder.")};
        if (at.isDir() && !at.isWritable()) {
            const bool readOnly = onReadOnlyDisk(at);
            const QString why = readOnly ? tr("a disk mounted read-only") : tr("permission denied");
            if (topMissing.absoluteFilePath() == folder.absoluteFilePath())
                return {tr("does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)")
                            .arg(nameOf(at), why),
                        readOnly ? tr("Mount that disk writable.")
                                 : tr("Make that folder writable for you, or create this one in it yourself.")};
            // The missing folder by its full path: "nor does “rwkv-desktop”" could be either of two folders of
            // that name on .../rwkv-desktop/rwkv-desktop (session 26's trial, F3).
            return {tr("does not exist, nor does %1 on its path, and “%2” cannot be written (%3)")
                        .arg(pathOf(topMissing), nameOf(at), why),
                    tr("If it is on a drive, connect the drive; else create the missing folders.")};
        }
        if (!at.exists()) return {tr("could not be created"), tr("Check the disk it is on.")};
        // Missing with folders above it: not made (a drive's mount point left when it is unplugged; session 26's
        // trial, F4: /media/usbstick/chats was created on the system disk and opened an empty history).
        if (topMissing.absoluteFilePath() != folder.absoluteFilePath())
            return {tr("does not exist, nor does %1 on its path (a drive not connected?)")
                        .arg(pathOf(topMissing)),
                    tr("If it is on a drive, connect the drive; else create the missing folders.")};
        return {};  // only the folder itself is missing: made when it is used
    }
    if (!folder.isExecutable() || !folder.isReadable())
        return {tr("cannot be opened (permission denied)"),
                tr("Ask the owner of that folder (or an administrator) to let you enter it, or choose another "
                   "folder.")};
    const QFileInfo db(databasePath(folder.absoluteFilePath()));
    if (db.isDir())
        return {tr("holds a folder named %1 where its database file should be").arg(db.fileName()),
                tr("Move or rename that folder.")};
    if (db.isSymLink() && !db.exists())
        return {tr("holds %1, a link to %2, which does not exist").arg(db.fileName(), isolated(QDir::toNativeSeparators(db.symLinkTarget()))),
                tr("Remove the link, or connect the drive it points to.")};
    if (!db.exists() && !folder.isWritable()) {
        const bool readOnly = onReadOnlyDisk(folder);
        return {tr("cannot be written (%1) and holds no conversation database yet")
                    .arg(readOnly ? tr("a disk mounted read-only") : tr("permission denied")),
                readOnly ? tr("Mount that disk writable.") : tr("Make the folder writable for you.")};
    }
    return {};
}

QStringList resourceDirCandidates(const QString& executableDir) {
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("RWKV_DESKTOP_RESOURCES");
    if (!fromEnv.isEmpty()) candidates << fromEnv;
    const QDir exe(executableDir);
    candidates << exe.filePath(QStringLiteral("../share/rwkv-desktop")) << exe.filePath(QStringLiteral("resources"))
               << exe.filePath(QStringLiteral("../resources")) << exe.filePath(QStringLiteral("../../resources"));
    return candidates;
}

QString findResourceDir(const QString& executableDir) {
    for (const QString& c : resourceDirCandidates(executableDir)) {
        if (QFileInfo::exists(QDir(c).filePath(QString::fromLatin1(kVocabFileName))))
            return QDir(c).canonicalPath();
    }
    return {};
}

QString missingResourcesText(const QString& executableDir) {
    QStringList looked;
    for (const QString& c : resourceDirCandidates(executableDir)) looked << QDir::cleanPath(QDir(c).absolutePath());
    return QCoreApplication::translate("main", "RWKV Desktop cannot find its resources folder, which holds the tokenizer "
                                               "vocabulary that models need (%1), the model catalog (models.json) and "
                                               "the demo model, so no model can be loaded. Looked in: %2. Reinstall "
                                               "RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.")
        .arg(QString::fromLatin1(kVocabFileName), looked.join(QStringLiteral(", ")));
}

QString expectedDemoModelPath(const QString& executableDir) {
    QString dir = findResourceDir(executableDir);
    if (dir.isEmpty()) dir = qEnvironmentVariable("RWKV_DESKTOP_RESOURCES");
    if (dir.isEmpty()) dir = QDir(executableDir).filePath(QStringLiteral("resources"));
    return QDir::cleanPath(QDir(dir).absoluteFilePath(QString::fromLatin1(kDemoModelFileName)));
}

}  // namespace rwkv::app
