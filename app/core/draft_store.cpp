// draft_store.cpp — see draft_store.h.
#include "draft_store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace rwkv::app {

DraftStore::DraftStore(QString path) : path_(std::move(path)) {
    const QFileInfo info(path_);
    existed_ = info.exists() || info.isSymLink();
    QFile file(path_);
    // A folder, a FIFO (its open waited for a writer: the app hung before its window, session 35's check) or a device
    // there is not a drafts file: set aside like an unreadable one, unopened.
    const bool regular = info.isFile();  // a link to a plain file is one (a dotfiles setup)
    if (regular && !file.open(QIODevice::ReadOnly)) return;  // unreadable to this user: the next write says so
    if (!regular && !existed_) return;                        // no file yet: the next write makes it
    if (regular && file.size() <= kMaxFileBytes) {  // larger: not ours (a 1 GiB one was read whole before)
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error == QJsonParseError::NoError && doc.isObject() && doc.object().value(u"drafts").isObject()) {
            drafts_ = doc.object().value(u"drafts").toObject();
            saved_ = doc.object().value(u"saved").toObject();
            held_ = doc.object().value(u"held").toObject();
            return;
        }
    }
    file.close();
    // Under a name no earlier one has: a second unreadable file must not replace the first one kept aside.
    QString aside = path_ + QStringLiteral(".unreadable");
    for (int n = 2; QFileInfo::exists(aside) && n < 1000; ++n) aside = path_ + QStringLiteral(".unreadable-%1").arg(n);
    if (QFile::rename(path_, aside)) {
        unreadable_ = aside;
        qWarning("rwkv drafts: %s is not a drafts file; kept aside as %s", qPrintable(path_), qPrintable(aside));
    }
}

QString DraftStore::text(const QString& database, qint64 id) const {
    return drafts_.value(database).toObject().value(QString::number(id)).toString();
}

qint64 DraftStore::savedAt(const QString& database, qint64 id) const {
    return saved_.value(database).toObject().value(QString::number(id)).toInteger();
}

qsizetype DraftStore::held(const QString& database, qint64 id) const {
    const qint64 n = held_.value(database).toObject().value(QString::number(id)).toInteger();
    return n > 0 && n <= text(database, id).size() ? qsizetype(n) : 0;  // a file changed by hand: no more than the text
}

// Sets or (remove) takes out `id`'s entry of a {database: {id: value}} object.
static void put(QJsonObject& all, const QString& database, qint64 id, const QJsonValue& value, bool remove) {
    QJsonObject chats = all.value(database).toObject();
    if (remove) chats.remove(QString::number(id));
    else chats.insert(QString::number(id), value);
    if (chats.isEmpty()) all.remove(database);
    else all.insert(database, chats);
}

bool DraftStore::set(const QString& database, qint64 id, const QString& text, qsizetype held) {
    const bool blank = text.trimmed().isEmpty();
    held = blank ? 0 : std::clamp<qsizetype>(held, 0, text.size());
    const bool same = blank ? this->text(database, id).isEmpty()
                            : this->text(database, id) == text && this->held(database, id) == held;
    if (written_ && same) return true;
    if (!same) {
        put(drafts_, database, id, text, blank);
        put(saved_, database, id, QDateTime::currentMSecsSinceEpoch(), blank);
        put(held_, database, id, qint64(held), held == 0);
    }
    written_ = false;
    unwritten_.insert(database + u'/' + QString::number(id));
    return write();
}

void DraftStore::adopt(const QString& database, qint64 id, const QString& text) {
    if (text.trimmed().isEmpty() || !this->text(database, id).isEmpty()) return;
    QJsonObject chats = drafts_.value(database).toObject();
    chats.insert(QString::number(id), text);
    drafts_.insert(database, chats);
    written_ = false;
    unwritten_.insert(database + u'/' + QString::number(id));
}

int DraftStore::keepOnly(const QString& database, const QSet<qint64>& conversations) {
    int removed = 0;
    for (const QString& key : drafts_.value(database).toObject().keys()) {
        bool ok = false;
        const qint64 id = key.toLongLong(&ok);
        if (!ok || id == 0 || conversations.contains(id)) continue;
        put(drafts_, database, id, {}, true);
        put(saved_, database, id, {}, true);
        put(held_, database, id, {}, true);
        unwritten_.remove(database + u'/' + key);  // nothing of it is lost now: no question at quit
        ++removed;
    }
    if (removed > 0) write();
    return removed;
}

bool DraftStore::write() {
    QDir().mkpath(QFileInfo(path_).absolutePath());
    QJsonObject all{{QStringLiteral("drafts"), drafts_}, {QStringLiteral("saved"), saved_}};
    if (!held_.isEmpty()) all.insert(QStringLiteral("held"), held_);
    const QByteArray bytes = QJsonDocument(all).toJson(QJsonDocument::Indented);
    const WholeFileWrite result = writeWholeFile(path_, bytes);
    written_ = result.written;
    failure_ = writeFailure(result);
    failureReason_ = rwkv::app::failureReason(result);
    failureErrno_ = result.written ? 0 : result.systemError;
    if (written_) unwritten_.clear();  // the whole file: every draft as text() answers it
    return written_;
}

bool DraftStore::kept(const QString& database, qint64 id) const {
    return !unwritten_.contains(database + u'/' + QString::number(id));
}

QList<qint64> DraftStore::unkept(const QString& database) const {
    QList<qint64> ids;
    const QString prefix = database + u'/';
    for (const QString& key : unwritten_) {
        bool ok = false;
        const qint64 id = key.startsWith(prefix) ? key.mid(prefix.size()).toLongLong(&ok) : 0;
        if (ok && !text(database, id).trimmed().isEmpty()) ids << id;
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace rwkv::app
