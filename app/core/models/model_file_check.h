// models/model_file_check.h — whether a model file of a models folder can be loaded, by the engine's index-only check
// (rwkv::check_checkpoint_index: the container's index against the file size, then the architecture and shapes from the
// tensors' names and shapes; no tensor data read), remembered by (path, size, modification time) so that listing the
// folders again reads only the files that changed. ModelManagerController marks a row "Damaged" / "Not RWKV-7" with it.
// Tests: tests/app/test_local_model_rows.cpp.
#pragma once

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QString>

#include <optional>

namespace rwkv::models {

class ModelFileCheck {
public:
    /// Why a file cannot be loaded: the engine's rwkv::ErrorCode (as int; -1 for an exception of another kind) and its
    /// words (English, technical: the details line).
    struct Problem {
        int code = -1;
        QString detail;
        /// What the file is when its first bytes name it and the engine reads no container of it (UnsupportedFormat):
        /// foreignFileKind's phrase ("a Git LFS pointer", "a PNG picture"), nullptr otherwise.
        const char* kind = nullptr;
        bool operator==(const Problem&) const = default;
        /// In place of the row's Use, translated: "Damaged" (CorruptFile, TruncatedFile: cut, EmptyFile, Io),
        /// "Not RWKV-7" (UnsupportedModel: RWKV-6, Llama-style …), "Starting state" (an RWKV state-tuning file: a
        /// chat's starting state, not a model), else "Cannot be used" (not a model file, unsafe).
        QString label() const;
        /// Under the row: the model button's sentence for it (modelLoadErrorText, translated; for a file `kind` names,
        /// notAModelFileSentence: "This is not a model file: it is a Git LFS pointer."), then the engine's words on a
        /// details line.
        QString text() const;
    };
    /// nullopt when the file's index passes; answered from the cache when path, size and mtime are those of the last
    /// check. Reads the file's index on the calling thread (a few KB for a safetensors or .pth, a GGUF's metadata).
    std::optional<Problem> check(const QFileInfo& file);
    /// Forgets the files not in `paths` (absolute): the cache holds only the folders' files.
    void keepOnly(const QStringList& paths);
    /// How many checks read a file (not answered from the cache): for tests.
    int filesRead() const { return filesRead_; }

private:
    struct Entry {
        qint64 size = -1;
        QDateTime modified;
        std::optional<Problem> problem;
    };
    QHash<QString, Entry> cache_;  // absolute path → its last check
    int filesRead_ = 0;
};

}  // namespace rwkv::models
