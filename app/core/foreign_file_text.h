// foreign_file_text.h — what a file that is neither a model nor a conversation is (a Git LFS pointer, a web page, a
// picture, an archive), in the window's language: rwkv::classify_foreign_file's kind worded by the app, since the
// engine's describe_foreign_file is English and speaks of a file given as a model.
#pragma once

#include <QByteArray>
#include <QString>

namespace rwkv::app {

/// What a file that is neither a model checkpoint nor a conversation is, from its first bytes (up to
/// rwkv::kForeignFileHeadBytes; rwkv::classify_foreign_file): "a PNG picture", "a Git LFS pointer", "a web page
/// (HTML)", "a gzip-compressed file: unpack it first (gunzip)", "a text file" — the English phrase, marked for lupdate
/// (context "rwkv::app::ForeignFile"); nullptr where the bytes name nothing known (random bytes). Said by the
/// conversation import's refusal after "neither a bundle nor a JSON export" (session 44's trial gave it a PNG) and by a
/// failed load's sentence after "not a model file" (session 45's trial: a Git LFS pointer named only in the English
/// details).
const char* foreignFileKind(const QByteArray& head);
/// foreignFileKind in the window's language; empty for nullptr.
QString foreignFileKindText(const char* kind);
/// The first bytes of the file at `path` (up to rwkv::kForeignFileHeadBytes) as foreignFileKind names them; nullptr
/// when they name nothing or the file cannot be read.
const char* foreignFileKindOf(const QString& path);
/// A failed load's sentence for a file the engine reads no container of (ErrorCode::UnsupportedFormat) that
/// foreignFileKind named: "This is not a model file: it is a Git LFS pointer." in the window's language. The model
/// button and Models → Import from disk say it in place of modelLoadErrorText's sentence (session 45's trial: "This
/// is not a model file RWKV Desktop can read", the kind in the engine's English details only).
QString notAModelFileSentence(const char* kind);

}  // namespace rwkv::app
