// engine_error_text.h — the engine's errors (rwkv::Error) as sentences in the window's language. The engine's own
// text is English and technical; the window shows a translated sentence chosen by ErrorCode, then the engine's text
// on a second line (the detail a bug report needs). Tested in tests/app/test_chat_controller.cpp (en) and
// tests/packaging/test_translations (zh_CN).
#pragma once

#include <QString>

#include <exception>

#include "rwkv/error.h"

namespace rwkv::app {

/// A translated sentence for what a user can do about `e` when a model file is loaded (FileNotFound, Io,
/// UnsupportedFormat, CorruptFile, EmptyFile and TruncatedFile — both "the file is incomplete" —,
/// UnsupportedModel (unsupportedModelSentence), UnsafeFile, OutOfMemory, BackendUnavailable, InvalidLogits,
/// WeightOutOfRange), followed by "\n" and e.what(). Other codes: e.what() alone.
QString modelLoadErrorText(const rwkv::Error& e);

/// A translated sentence for why a file chosen as a chat's starting state cannot be one (app::readStartStateFile, then
/// rwkv::state_file_floats against the loaded model), by `e`'s code — for UnsupportedFormat by what its words say the
/// file is: a model checkpoint, no file on a disk, or no state-tuning file; empty for a code without one (the window
/// then shows e.what() alone). The window shows e.what() as the details under it, as for a model that does not load.
/// Before, the engine's English alone, in every language (session 55's trial: "trunc.pth は開始状態にできません：
/// trunc.pth: ZIP end-of-central-directory record not found (truncated?)").
QString startStateErrorSentence(const rwkv::Error& e);

/// Whether a model load's Error(UnsupportedFormat) `detail` says the file is an RWKV state-tuning file (rwkv/state_file.h),
/// so that the window says where it goes (a chat's starting state) rather than "not a model file".
bool isStateTuningFileDetail(const QString& detail);
/// Whether an Error(UnsupportedFormat) `detail` says the path is no file on a disk (rwkv::require_regular_file: a
/// device, a pipe, a file of /proc or /sys), whose bytes are not to be read to say what it is (/proc/kmsg blocks).
bool isNotARegularFileDetail(const QString& detail);
/// What such a `detail` says the path is ("PATH: not a regular file (a named pipe)"), as a phrase that fills "This is
/// %1, …": "a named pipe (FIFO)", "a character device", "a block device", "a socket", "a file of /proc, which the
/// system makes up as it is read" …, in the window's language (`translated`) or in English (rwkv-cli's words); empty
/// where it names nothing known (the sentences then list every kind, as before).
QString notARegularFileKind(const QString& detail, bool translated = true);

/// The translated sentence for Error(UnsupportedModel) by what the engine's `detail` says the file is: an RWKV-4, 5
/// or 6 model by name; not an RWKV model at all (a Llama-style, GPT-2-style … checkpoint; a GGUF of another
/// architecture); not RWKV-7 (no blocks.N. tensors); else an RWKV-7 kind the engine cannot run (head size, variant).
QString unsupportedModelSentence(const QString& detail);

/// A translated sentence for an engine text (`detail`, an Error's what()) that says CUDA cannot run here for want of a
/// driver, of a new enough driver, or of an NVIDIA GPU (rwkv::cuda::unavailable_reason's words); empty for any other.
QString gpuDriverSentence(const QString& detail);

/// `text` without its one final full stop ("." or "。"), for a sentence put inside another that ends it itself
/// ("Could not load “F”: %2. Still using M."): the engine's sentences end with their own, and "…bin).. Still using"
/// read twice (session 28's trial, F4). Trailing spaces go too; any other ending ("…", "?", a closing bracket) stays.
QString withoutFinalStop(const QString& text);

/// The translated sentence for Error(InvalidLogits): the model computed NaN or +inf (a damaged file or not RWKV-7).
QString invalidLogitsSentence();

/// The translated sentence for Error(WeightOutOfRange), whose English is `detail`: a weight beyond fp16's range (the
/// backend would make it infinite), which int8 weights on the CPU hold; or one beyond int8's too ("beyond int8's
/// range": its group's fp16 scale would be infinite), which no weights the window loads hold.
QString weightOutOfRangeSentence(const QString& detail);

/// Why a reply failed, for the window, for every error the worker can report: a translated sentence chosen by the
/// error's kind and code, never the store's or the engine's English, then "\n" and that technical text (the banner's
/// details line) where there is one. rwkv::Error: a sentence per ErrorCode (engineReplySentence); store::StoreError:
/// translatedStoreError's sentence alone where it has one, else one by SQLite's primary code (a damaged database,
/// or "could not save the reply") + "\n" + its userMessage(); store::CodecError (a saved state that cannot be read) and
/// std::bad_alloc: their sentence + what(); ChatError: its what() (a sentence of the app's own, translated when
/// thrown); any other exception: a sentence saying the reply failed + what(). Tested by
/// test_translations::everyReplyFailureIsWorded (every ErrorCode, SQLite code and kind, in zh_CN).
QString replyErrorText(const std::exception& e);
/// The same for an error kept (InferenceWorker::replyFailed's), worded when called: a banner made again after a
/// language switch says it in the new language. Empty for none; the sentence of any other failure for a thrown value
/// that is no std::exception.
QString replyErrorText(const std::exception_ptr& error);

/// The translated sentence for an engine error of `code` met while a reply was written.
QString engineReplySentence(ErrorCode code);

}  // namespace rwkv::app
