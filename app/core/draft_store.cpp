// draft_store.cpp — see draft_store.h.
#include "draft_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include "whole_file_write.h"

namespace rwkv::app {

DraftStore::DraftStore(QString path) : path_(std::move(path)) {
    QFile file(path_);
    if (!file.open(QIODevice::ReadOnly)) return;  // no file yet (or none readable: the next write makes it)
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    file.close();
    if (error.error == QJsonParseError::NoError && doc.isObject() && doc.object().value(u"drafts").isObject()) {
        drafts_ = doc.object().value(u"drafts").toObject();
        return;
    }
    const QString aside = path_ + QStringLiteral(".unreadable");
    QFile::remove(aside);
    if (QFile::rename(path_, aside)) unreadable_ = aside;
}

QString DraftStore::text(const QString& database, qint64 id) const {
    return drafts_.value(database).toObject().value(QString::number(id)).toString();
}

bool DraftStore::set(const QString& database, qint64 id, const QString& text) {
    const bool blank = text.trimmed().isEmpty();
    if (written_ && (blank ? this->text(database, id).isEmpty() : this->text(database, id) == text)) return true;
    QJsonObject chats = drafts_.value(database).toObject();
    if (blank) chats.remove(QString::number(id));
    else chats.insert(QString::number(id), text);
    if (chats.isEmpty()) drafts_.remove(database);
    else drafts_.insert(database, chats);
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

bool DraftStore::write() {
    QDir().mkpath(QFileInfo(path_).absolutePath());
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("drafts"), drafts_}}).toJson(QJsonDocument::Indented);
    written_ = writeWholeFile(path_, bytes).written;
    if (written_) unwritten_.clear();  // the whole file: every draft as text() answers it
    return written_;
}

bool DraftStore::kept(const QString& database, qint64 id) const {
    return !unwritten_.contains(database + u'/' + QString::number(id));
}

}  // namespace rwkv::app
