// store/damage_mark.cpp — see damage_mark.h.
#include "damage_mark.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <sqlite3.h>

#include "database.h"
#include "store_error.h"

namespace rwkv::store {
namespace {

/// The whole file's PRAGMA quick_check: "ok", or its complaints, one a line.
QStringList quickCheck(Database& db) {
    QStringList lines;
    auto s = db.cached("PRAGMA quick_check");
    while (s->step()) lines += s->columnText(0).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines;
}

bool isWhole(const QStringList& check) { return check == QStringList{QStringLiteral("ok")}; }

/// Whether every complaint is the free-page list's: its own ("Main freelist: invalid page number 1431655765") or a
/// page it lost ("Page 166 is never used"). A VACUUM writes the list anew and reads no free page; a complaint about a
/// table's pages ("On tree page 14 cell 0: …") is not its to mend: a VACUUM over a state's damaged overflow chain
/// failed with "database or disk is full" there.
bool onlyTheFreeList(const QStringList& check) {
    static const QRegularExpression lost(QStringLiteral("^Page \\d+ is never used$"));
    for (const QString& line : check)
        if (!line.startsWith(QLatin1String("*** in database ")) && !line.contains(QLatin1String("reelist")) &&
            !lost.match(line).hasMatch())
            return false;
    return !check.isEmpty();
}

/// The complaints as a log line or an error's words: the first five, and how many more.
std::string shown(const QStringList& check) {
    QString text = check.mid(0, 5).join(QLatin1String("; "));
    if (check.size() > 5) text += QStringLiteral("; … %1 more").arg(check.size() - 5);
    return text.toStdString();
}

StoreError damagedDatabase(const QString& path, const std::string& what) {
    return StoreError(path.toStdString() + ": database disk image is malformed (" + what + ")", SQLITE_CORRUPT,
                      SQLITE_CORRUPT, {}, path.toStdString(), "database disk image is malformed");
}

}  // namespace

QString damageMarkPath(const QString& databasePath) { return databasePath + QStringLiteral(".damage-seen"); }

void markDamageSeen(sqlite3* db, const char* sqliteWords) {
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    if (file == nullptr || *file == '\0') return;  // in memory, or a temporary database
    const QString mark = damageMarkPath(QFile::decodeName(file));
    if (QFileInfo::exists(mark)) return;
    QFile f(mark);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) ||
        f.write(QStringLiteral("%1 a write to %2 failed as damaged (%3): RWKV Desktop checks the whole file when it "
                               "next opens it\n")
                    .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), QFile::decodeName(file),
                         QString::fromUtf8(sqliteWords ? sqliteWords : ""))
                    .toUtf8()) < 0 ||
        !f.flush()) {
        qWarning("rwkv store: the note %s could not be written (%s): the next open checks only each table",
                 qPrintable(mark), qPrintable(f.errorString()));
        return;
    }
    f.close();
}

bool checkMarkedDamage(Database& db, const QString& path) {
    const QString mark = damageMarkPath(path);
    if (db.isReadOnly() || !QFileInfo::exists(mark)) return false;
    const QStringList check = quickCheck(db);
    if (isWhole(check)) {
        qWarning("%s: a write failed as damaged before; the whole file checks whole now", qPrintable(path));
        QFile::remove(mark);
        return false;
    }
    const std::string damage = "the whole file's check: " + shown(check);
    if (!onlyTheFreeList(check)) throw damagedDatabase(path, damage);
    qWarning("%s: a write failed as damaged before, and the free-page list is damaged (%s); writing the file anew "
             "(VACUUM), which reads every row",
             qPrintable(path), damage.c_str());
    try {
        db.exec("VACUUM");
    } catch (const StoreError& e) {
        if (e.code() == SQLITE_FULL)  // the note stays: the next open tries again (kFullWhileMending says the room)
            throw StoreError(path.toStdString() + ": the disk is full: mending the damaged list of free pages writes "
                                                  "the whole file anew (" + e.what() + ")",
                             SQLITE_FULL, kFullWhileMending, "VACUUM", path.toStdString(), e.sqliteMessage());
        if (e.code() != 0 && e.code() != SQLITE_CORRUPT && e.code() != SQLITE_NOTADB) throw;
        throw damagedDatabase(path, damage + "; its rows cannot all be read: " + e.what());
    }
    if (const QStringList after = quickCheck(db); !isWhole(after))
        throw damagedDatabase(path, damage + "; still damaged after it was written anew: " + shown(after));
    qWarning("%s: written anew: the whole file checks whole, no row was lost", qPrintable(path));
    QFile::remove(mark);
    return true;
}

}  // namespace rwkv::store
