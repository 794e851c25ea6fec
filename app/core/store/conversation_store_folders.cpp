// store/conversation_store_folders.cpp — folders of conversations (schema v7): create, rename, delete (the chats move
// out), file a conversation in one or take it out, find or make an imported chat's folder by its name. Tests in
// tests/app/test_store_folders.cpp, test_export_folders.cpp (imports).
#include "conversation_store.h"

#include "bidi_control.h"      // isBidiControl (app/core)
#include "invisible_format.h"  // withoutHiddenFormat, withoutInvisibleFormat, holdsNothingToRead (app/core)
#include "surrogate_pairs.h"   // halfSurrogateAt (app/core)
#include "database.h"
#include "store_rows.h"
#include "transaction.h"

#include <algorithm>
#include <string>

namespace rwkv::store {

using namespace detail;

namespace {

/// The form two names are compared in: without invisible formatting characters, composed (NFC) and case-folded, so
/// "Work" and "work", "Café" and "cafe\u0301", "Work" and "Wo\u200Brk" (drawn alike) are one name. QString's folding
/// is Unicode's (SQLite's NOCASE folds ASCII only: "Ä" and "ä" would be two).
QString nameKey(const QString& name) {
    return rwkv::app::withoutInvisibleFormat(name).normalized(QString::NormalizationForm_C).toCaseFolded();
}

/// Throws FolderNameError (Taken) when a folder other than `except` has `name` in another or the same case.
void refuseTakenName(Database& db, const QString& name, qint64 except) {
    const QString key = nameKey(name);
    auto s = db.cached("SELECT id, name FROM folders");
    while (s->step())
        if (s->columnInt64(0) != except && nameKey(s->columnText(1)) == key)
            throw FolderNameError("A folder named \"" + s->columnText(1).toStdString() + "\" already exists.",
                                  FolderNameProblem::Taken);
}

/// `name` without the halves of surrogate pairs that stand alone: a text field's maximumLength counts UTF-16 units and
/// cuts an emoji typed or pasted at the limit in two, and SQLite's UTF-8 held its half as U+FFFD ("aaa…\uFFFD").
QString withoutLoneSurrogates(QString name) {
    for (qsizetype i = rwkv::app::halfSurrogateAt(name); i >= 0; i = rwkv::app::halfSurrogateAt(name, i))
        name.remove(i, 1);
    return name;
}

void requireFolder(Database& db, qint64 id, const char* caller) {
    auto s = db.cached("SELECT 1 FROM folders WHERE id = ?1");
    s->bindInt64(1, id);
    if (!s->step()) throw StoreError(std::string(caller) + ": " + unknown("folder", id));
}

}  // namespace

bool ConversationStore::sameFolderName(const QString& a, const QString& b) { return nameKey(a) == nameKey(b); }

QString ConversationStore::checkedFolderName(const QString& name) {
    const QString typed = name.trimmed();
    if (typed.isEmpty()) throw FolderNameError("The folder name is empty.", FolderNameProblem::Empty);
    for (const QChar c : typed) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line ||
            category == QChar::Separator_Paragraph || rwkv::app::isBidiControl(c.unicode()))
            throw FolderNameError("The folder name holds a control or text-direction character (U+" +
                                      QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0').toStdString() +
                                      "); a folder name is one line of text.",
                                  FolderNameProblem::ControlCharacter);
    }
    // The invisible formatting characters a shown title leaves out (U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, a
    // soft hyphen: withoutHiddenFormat) are left out of the name too, the direction marks kept; a name of nothing
    // else (marks alone) is empty: "\u200B\u2060" made a folder row without a name, "wo\u200Brk" a second "work".
    // Half an emoji (a surrogate standing alone, where a field's limit cut a pair) is left out as well. A name of
    // characters drawn as nothing alone (holdsNothingToRead, the message box's and a title's rule: "\u3164" HANGUL
    // FILLER, "\u2800", a tag) is empty too: each made a folder row without a name (session 53's trial2).
    const QString trimmed = rwkv::app::withoutHiddenFormat(withoutLoneSurrogates(typed)).trimmed();
    if (rwkv::app::holdsNothingToRead(trimmed))
        throw FolderNameError("The folder name is empty.", FolderNameProblem::Empty);
    if (trimmed.size() > kMaxFolderNameLength)
        throw FolderNameError("The folder name is longer than " + std::to_string(kMaxFolderNameLength) +
                                  " characters.",
                              FolderNameProblem::TooLong);
    return trimmed;
}

QString ConversationStore::checkedImportedFolderName(const QString& name) {
    if (const qsizetype half = rwkv::app::halfSurrogateAt(name); half >= 0)
        throw FolderNameError("The folder name holds half of a character (U+" +
                                  QString::number(name.at(half).unicode(), 16).toUpper().toStdString() +
                                  " without the other half of its pair): the file is damaged there.",
                              FolderNameProblem::HalfCharacter);
    return checkedFolderName(name);
}

QList<Folder> ConversationStore::listFolders() const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached("SELECT id, name, created_at FROM folders ORDER BY name COLLATE NOCASE, id");
    QList<Folder> out;
    while (s->step()) out.append({s->columnInt64(0), s->columnText(1), s->columnInt64(2)});
    // NOCASE folds ASCII only: the order of other scripts' cases is made whole here (a stable sort keeps the ids')
    std::stable_sort(out.begin(), out.end(), [](const Folder& a, const Folder& b) {
        return QString::compare(a.name, b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QString ConversationStore::folderName(qint64 id) const {
    if (id == 0) return {};
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached("SELECT name FROM folders WHERE id = ?1");
    s->bindInt64(1, id);
    return s->step() ? s->columnText(0) : QString();
}

qint64 ConversationStore::createFolder(const QString& name) {
    const QString checked = checkedFolderName(name);
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    refuseTakenName(*db_, checked, 0);
    auto s = db_->cached("INSERT INTO folders (name, created_at) VALUES (?1, ?2)");
    s->bindText(1, checked);
    s->bindInt64(2, nowMs());
    s->run();
    const qint64 id = db_->lastInsertRowId();
    tx.commit();
    return id;
}

void ConversationStore::renameFolder(qint64 id, const QString& name) {
    const QString checked = checkedFolderName(name);
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    requireFolder(*db_, id, "renameFolder");
    refuseTakenName(*db_, checked, id);
    auto s = db_->cached("UPDATE folders SET name = ?1 WHERE id = ?2");
    s->bindText(1, checked);
    s->bindInt64(2, id);
    s->run();
    tx.commit();
}

int ConversationStore::deleteFolder(qint64 id) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    requireFolder(*db_, id, "deleteFolder");
    // ON DELETE SET NULL does the same; said here too, so that a connection without foreign keys (another tool's)
    // cannot leave chats filed in a folder that is gone
    auto out = db_->cached("UPDATE conversations SET folder_id = NULL WHERE folder_id = ?1");
    out->bindInt64(1, id);
    out->run();
    const int moved = int(db_->changes());
    auto s = db_->cached("DELETE FROM folders WHERE id = ?1");
    s->bindInt64(1, id);
    s->run();
    tx.commit();
    return moved;
}

qint64 ConversationStore::folderForImport(const QString& name, bool* made) {
    const QString checked = checkedImportedFolderName(name);
    const QString key = nameKey(checked);
    {
        auto s = db_->cached("SELECT id, name FROM folders ORDER BY id");
        while (s->step())
            if (nameKey(s->columnText(1)) == key) return s->columnInt64(0);
    }
    auto s = db_->cached("INSERT INTO folders (name, created_at) VALUES (?1, ?2)");
    s->bindText(1, checked);
    s->bindInt64(2, nowMs());
    s->run();
    if (made) *made = true;
    return db_->lastInsertRowId();
}

void ConversationStore::setFolder(qint64 conversationId, qint64 folderId) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    if (folderId != 0) requireFolder(*db_, folderId, "setFolder");
    auto s = db_->cached("UPDATE conversations SET folder_id = nullif(?1, 0) WHERE id = ?2");
    s->bindInt64(1, folderId);
    s->bindInt64(2, conversationId);
    s->run();
    if (db_->changes() != 1) throw StoreError("setFolder: " + unknown("conversation", conversationId));
    tx.commit();
}

}  // namespace rwkv::store
