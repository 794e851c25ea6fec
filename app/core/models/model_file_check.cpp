// models/model_file_check.cpp — see model_file_check.h.
#include "model_file_check.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

#include <exception>

#include "engine_error_text.h"  // modelLoadErrorText
#include "foreign_file_text.h"  // foreignFileKindOf, notAModelFileSentence
#include "one_line.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv::models {

QString ModelFileCheck::Problem::label() const {
    switch (code) {
    case int(rwkv::ErrorCode::CorruptFile):
    case int(rwkv::ErrorCode::EmptyFile):  // 0 bytes: a copy that wrote nothing
    case int(rwkv::ErrorCode::TruncatedFile):  // cut part way
    case int(rwkv::ErrorCode::Io): return QCoreApplication::translate("ModelFileCheck", "Damaged");
    case int(rwkv::ErrorCode::UnsupportedModel): return QCoreApplication::translate("ModelFileCheck", "Not RWKV-7");
    case int(rwkv::ErrorCode::UnsupportedFormat):
        if (app::isStateTuningFileDetail(detail)) return QCoreApplication::translate("ModelFileCheck", "Starting state");
        return QCoreApplication::translate("ModelFileCheck", "Cannot be used");
    default: return QCoreApplication::translate("ModelFileCheck", "Cannot be used");
    }
}

QString ModelFileCheck::Problem::text() const {
    if (code < 0) return detail;
    const QString worded = app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode(code), detail.toStdString()));
    const qsizetype cut = worded.indexOf(QLatin1Char('\n'));
    if (cut < 0) return worded;
    // A file its first bytes name: what it is, as the model button and Import from disk say it (session 46's trial: a
    // Git LFS pointer in the models folder was "not a model file RWKV Desktop can read", its kind in English details).
    const QString sentence = kind ? app::notAModelFileSentence(kind) : worded.first(cut);
    // The engine's words begin with the file's name as it is: on one line as the row's name ("odd\nname.pth").
    return QCoreApplication::translate("ModelFileCheck", "%1\nDetails: %2").arg(sentence, oneLine(worded.mid(cut + 1)));
}

std::optional<ModelFileCheck::Problem> ModelFileCheck::check(const QFileInfo& file) {
    const QString path = file.absoluteFilePath();
    const qint64 size = file.size();
    const QDateTime modified = file.lastModified();
    if (const auto it = cache_.constFind(path); it != cache_.cend() && it->size == size && it->modified == modified)
        return it->problem;
    ++filesRead_;
    std::optional<Problem> problem;
    try {
        rwkv::check_checkpoint_index(QFile::encodeName(path).toStdString());
    } catch (const rwkv::Error& e) {
        const bool foreign = e.code() == rwkv::ErrorCode::UnsupportedFormat;
        problem = Problem{int(e.code()), QString::fromStdString(e.what()), foreign ? app::foreignFileKindOf(path) : nullptr};
    } catch (const std::exception& e) {
        problem = Problem{-1, QString::fromStdString(e.what())};
    }
    cache_.insert(path, Entry{size, modified, problem});
    return problem;
}

void ModelFileCheck::keepOnly(const QStringList& paths) {
    const QSet<QString> kept(paths.cbegin(), paths.cend());
    for (auto it = cache_.begin(); it != cache_.end();)
        it = kept.contains(it.key()) ? std::next(it) : cache_.erase(it);
}

}  // namespace rwkv::models
