// engine_error_text.cpp — see engine_error_text.h.
#include "engine_error_text.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <sqlite3.h>

#include <new>

#include "bidi_control.h"  // isolated: the database's path in a sentence
#include "chat_error.h"
#include "store/snapshot_codec.h"
#include "store/store_error.h"
#include "store_error_text.h"

namespace rwkv::app {

QString withoutFinalStop(const QString& text) {
    QString s = text.trimmed();
    const bool ellipsis = s.endsWith(QLatin1String("..."));
    if (!ellipsis && (s.endsWith(QLatin1Char('.')) || s.endsWith(QChar(0x3002)))) s.chop(1);
    return s;
}

QString modelLoadErrorText(const rwkv::Error& e) {
    const QString detail = QString::fromStdString(e.what());
    QString sentence;
    switch (e.code()) {
    case ErrorCode::FileNotFound: sentence = QCoreApplication::translate("EngineError", "The file could not be found or opened."); break;
    case ErrorCode::Io: sentence = QCoreApplication::translate("EngineError", "The file could not be read. Check that it can be read and that its disk works."); break;
    case ErrorCode::EmptyFile:
        // 0 bytes (a copy or download that wrote nothing): incomplete, not a file of another kind (session 40's trial:
        // "This is not a model file RWKV Desktop can read" beside "0 B").
    case ErrorCode::TruncatedFile:  // cut part way: by its code, not the word "truncated" in its English (session 42)
        sentence = QCoreApplication::translate("EngineError", "The file is incomplete (an interrupted download or copy?). Download or copy it again.");
        break;
    case ErrorCode::UnsupportedFormat:
        // A state-tuning file where a model was asked for (the engine's validate_shape says so): where it goes instead
        // (session 48's trial: the models folder listed one as "Damaged").
        // A file of /proc or /sys (rwkv::require_regular_file; loadModel names a device or a pipe itself): no file of
        // any format, which the sentence of a file of another format said (session 54's loose ends).
        sentence = isStateTuningFileDetail(detail)
                       ? QCoreApplication::translate("EngineError", "This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat's starting state (⋯ → Starting state…).")
                   // Which it is, as the engine names it (session 57's loose ends: a pipe, a device and a file of /proc
                   // read alike).
                   : isNotARegularFileDetail(detail) && !notARegularFileKind(detail).isEmpty()
                       ? QCoreApplication::translate("EngineError", "This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.").arg(notARegularFileKind(detail))
                   : isNotARegularFileDetail(detail)
                       ? QCoreApplication::translate("EngineError", "This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.")
                       : QCoreApplication::translate("EngineError", "This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).");
        break;
    case ErrorCode::CorruptFile:
        // No "instead": the window adds "The demo model was loaded instead." (session 26's trial, F12: "instead" twice).
        // NaN weights (rwkv::check_checkpoint_values, an import's check): damaged, but its parts fit together.
        sentence = detail.contains(QLatin1String("the weights are damaged"))
                       ? QCoreApplication::translate("EngineError", "The file is damaged: some of its weights are not numbers. Download or copy it again.")
                       : QCoreApplication::translate("EngineError", "The file is damaged: its contents do not fit together. Download or copy it again.");
        break;
    case ErrorCode::UnsupportedModel: sentence = unsupportedModelSentence(detail); break;
    case ErrorCode::UnsafeFile: sentence = QCoreApplication::translate("EngineError", "The file asks to run code when it is opened, so it was not loaded."); break;
    case ErrorCode::OutOfMemory:
        sentence = QCoreApplication::translate("EngineError", "There is not enough memory for this model. Close other programs or choose a smaller model.");
        break;
    case ErrorCode::BackendUnavailable:
        sentence = gpuDriverSentence(detail);
        if (sentence.isEmpty())
            sentence = QCoreApplication::translate("EngineError", "The chosen device is not available. Choose another device (or Automatic) in Settings.");
        break;
    case ErrorCode::InvalidLogits: sentence = invalidLogitsSentence(); break;
    case ErrorCode::WeightOutOfRange: sentence = weightOutOfRangeSentence(detail); break;
    default: return detail;
    }
    return sentence + QLatin1Char('\n') + detail;
}

QString startStateErrorSentence(const rwkv::Error& e) {
    const QString detail = QString::fromStdString(e.what());
    switch (e.code()) {  // the file problems as a model's load words them (the same strings), the rest its own
    case ErrorCode::FileNotFound: return QCoreApplication::translate("EngineError", "The file could not be found or opened.");
    case ErrorCode::Io: return QCoreApplication::translate("EngineError", "The file could not be read. Check that it can be read and that its disk works.");
    case ErrorCode::EmptyFile:
    case ErrorCode::TruncatedFile:
        return QCoreApplication::translate("EngineError", "The file is incomplete (an interrupted download or copy?). Download or copy it again.");
    case ErrorCode::CorruptFile:
        return QCoreApplication::translate("EngineError", "The file is damaged: its contents do not fit together. Download or copy it again.");
    case ErrorCode::UnsafeFile: return QCoreApplication::translate("EngineError", "The file asks to run code when it is opened, so it was not loaded.");
    case ErrorCode::UnsupportedFormat:
        if (detail.contains(QLatin1String("this is a model checkpoint")))  // rwkv::read_state_file's words
            return QCoreApplication::translate("EngineError", "This is a model, not a state-tuning file: open it with the model button (top right).");
        if (isNotARegularFileDetail(detail) && !notARegularFileKind(detail).isEmpty())
            return QCoreApplication::translate("EngineError", "This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.").arg(notARegularFileKind(detail));
        if (isNotARegularFileDetail(detail))
            return QCoreApplication::translate("EngineError", "This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.");
        return QCoreApplication::translate("EngineError", "This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).");
    case ErrorCode::UnsupportedModel:  // a head size other than 64
        return QCoreApplication::translate("EngineError", "This state-tuning file is for a model RWKV Desktop cannot run (the details say why).");
    case ErrorCode::StateMismatch:  // state_file_floats: the file's shape and the loaded model's
        return QCoreApplication::translate("EngineError", "This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.");
    default: return {};
    }
}

bool isStateTuningFileDetail(const QString& detail) {
    return detail.contains(QLatin1String("this is an RWKV state-tuning file"));
}

bool isNotARegularFileDetail(const QString& detail) {
    return detail.contains(QLatin1String(": not a regular file"));
}

QString notARegularFileKind(const QString& detail, bool translated) {
    // rwkv::require_regular_file's words (mapped_file.cpp what_it_is, kernel_file_system): "…: not a regular file (KIND)"
    const auto say = [translated](const char* text) {
        return translated ? QCoreApplication::translate("EngineError", text) : QString::fromUtf8(text);
    };
    const qsizetype at = detail.lastIndexOf(QLatin1String(": not a regular file ("));
    if (at < 0) return {};
    const QStringView kind = QStringView(detail).mid(at + 22);
    if (kind.startsWith(QLatin1String("a named pipe)"))) return say(QT_TRANSLATE_NOOP("EngineError", "a named pipe (FIFO)"));
    if (kind.startsWith(QLatin1String("a character device)"))) return say(QT_TRANSLATE_NOOP("EngineError", "a character device"));
    if (kind.startsWith(QLatin1String("a block device)"))) return say(QT_TRANSLATE_NOOP("EngineError", "a block device"));
    if (kind.startsWith(QLatin1String("a socket)"))) return say(QT_TRANSLATE_NOOP("EngineError", "a socket"));
    for (const char* where : {"/proc", "/sys"})
        if (kind.startsWith(QLatin1String("a file of %1,").arg(QLatin1String(where))))
            return say(QT_TRANSLATE_NOOP("EngineError", "a file of %1, which the system makes up as it is read"))
                .arg(QLatin1String(where));
    if (kind.startsWith(QLatin1String("a file of a kernel file system,")))
        return say(QT_TRANSLATE_NOOP("EngineError", "a file of one of the kernel's own file systems, which the system makes up as it is read"));
    return {};
}

QString unsupportedModelSentence(const QString& detail) {
    // What the engine could tell the file is, said first (session 34's check: "(not RWKV-4, 5 or 6)" after a Llama
    // model or an RWKV-7 file with renamed tensors). A whole file of another model is no damage (session 22's trial,
    // F4): downloading it again would not help.
    static const QRegularExpression olderRwkv(QStringLiteral("unsupported architecture: (RWKV-[456])\\b"));
    if (const auto m = olderRwkv.match(detail); m.hasMatch())
        return QCoreApplication::translate("EngineError", "This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.")
            .arg(m.captured(1));
    if (detail.contains(QLatin1String("not an RWKV model")))  // "not an RWKV model: a Llama-style model (key …)", GGUF's
        return QCoreApplication::translate("EngineError", "This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.");
    if (detail.contains(QLatin1String("not an RWKV-7 model")))
        return QCoreApplication::translate("EngineError", "This file is not an RWKV-7 model: it does not have RWKV-7's layers (the details say what it has). Choose an RWKV-7 model.");
    return QCoreApplication::translate("EngineError", "This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.");
}

QString gpuDriverSentence(const QString& detail) {
    // CUDA's own words were the whole message (session 22's trial, F7); they stay the detail, after this sentence.
    if (detail.contains(QLatin1String("no NVIDIA GPU driver found")))
        return QCoreApplication::translate("EngineError", "No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.");
    if (detail.contains(QLatin1String("NVIDIA GPU driver (CUDA")) && detail.contains(QLatin1String("is older than this build needs")))
        return QCoreApplication::translate("EngineError", "The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.");
    if (detail.contains(QLatin1String("no NVIDIA GPU found")))
        return QCoreApplication::translate("EngineError", "No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.");
    return {};
}

QString invalidLogitsSentence() {
    return QCoreApplication::translate("EngineError", "The model's outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.");
}

QString weightOutOfRangeSentence(const QString& detail) {
    // The window loads fp16 or int8 (InferenceWorker::loadModel). The CPU's int8 holds a weight up to 8321039.5 (a
    // group's scale, |x| / 127, is kept as fp16): beyond it, neither can load the model (session 57's loose ends).
    if (detail.contains(QLatin1String("beyond int8's range")))
        return QCoreApplication::translate("EngineError", "Some of this model's weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.");
    return QCoreApplication::translate("EngineError", "Some of this model's weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.");
}

QString engineReplySentence(ErrorCode code) {
    // Every code, none by default (-Wswitch names a new one): before, any but InvalidLogits reached the banner as the
    // engine's English ("The reply in “A” failed: <text>", session 37's check).
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QCoreApplication::translate("EngineError", "The engine refused a setting of this reply (the details say which). Check the reply's settings and try again.");
    case ErrorCode::FileNotFound:
        return QCoreApplication::translate("EngineError", "The model's file could not be found or opened any more. Load the model again.");
    case ErrorCode::Io:
        return QCoreApplication::translate("EngineError", "The model's file could not be read. Check that its disk works, then load the model again.");
    case ErrorCode::UnsupportedFormat:
    case ErrorCode::CorruptFile:
    case ErrorCode::EmptyFile:
    case ErrorCode::TruncatedFile:
        return QCoreApplication::translate("EngineError", "The model's file is damaged. Download or copy it again, or choose another model.");
    case ErrorCode::UnsupportedModel:
        return QCoreApplication::translate("EngineError", "This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.");
    case ErrorCode::UnsafeFile:
        return QCoreApplication::translate("EngineError", "The file asks to run code when it is opened, so it was not loaded.");
    case ErrorCode::InvalidToken:
        return QCoreApplication::translate("EngineError", "The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.");
    case ErrorCode::StateMismatch:
        return QCoreApplication::translate("EngineError", "A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.");
    case ErrorCode::CorruptState:
        return QCoreApplication::translate("EngineError", "A saved state of this chat is damaged. Try again; if it fails again, report it with the details.");
    case ErrorCode::OutOfMemory:
        return QCoreApplication::translate("EngineError", "There is not enough memory to write the reply. Close other programs or choose a smaller model.");
    case ErrorCode::BackendUnavailable:
        return QCoreApplication::translate("EngineError", "The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.");
    case ErrorCode::Cancelled: return QCoreApplication::translate("EngineError", "The reply was cancelled.");
    case ErrorCode::InvalidLogits: return invalidLogitsSentence();
    case ErrorCode::WeightOutOfRange: return weightOutOfRangeSentence({});  // a load's; no reply meets it
    case ErrorCode::Internal:
        return QCoreApplication::translate("EngineError", "Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.");
    }
    return QCoreApplication::translate("EngineError", "The reply could not be written (the details say why).");
}

QString replyErrorText(const std::exception& e) {
    const QString what = QString::fromStdString(e.what());
    const auto withDetail = [](const QString& sentence, const QString& detail) {
        return detail.isEmpty() ? sentence : sentence + QLatin1Char('\n') + detail;
    };
    if (const auto* engine = dynamic_cast<const rwkv::Error*>(&e))
        return withDetail(engineReplySentence(engine->code()), what);
    if (const auto* se = dynamic_cast<const store::StoreError*>(&e)) {
        if (const QString known = translatedStoreError(e); !known.isEmpty()) return known;
        const QString file =
            isolated(se->file().empty() ? QStringLiteral("conversations.sqlite") : QString::fromStdString(se->file()));
        const bool damaged = se->code() == SQLITE_CORRUPT || se->code() == SQLITE_NOTADB;
        return withDetail(
            damaged ? QCoreApplication::translate("StoreError", "The conversation database %1 is damaged, so the reply could not be saved (the details say where).").arg(file)
                    : QCoreApplication::translate("StoreError", "The conversation database %1 could not save the reply (the details say why).").arg(file),
            storeEnglishText(e));
    }
    // the app's own sentence, translated when thrown; the names in it isolated as the window quotes them
    if (const auto* chat = dynamic_cast<const ChatError*>(&e)) return QString::fromUtf8(chat->shown());
    if (dynamic_cast<const store::CodecError*>(&e))
        return withDetail(engineReplySentence(ErrorCode::CorruptState), what);
    if (dynamic_cast<const std::bad_alloc*>(&e)) return withDetail(engineReplySentence(ErrorCode::OutOfMemory), what);
    return withDetail(QCoreApplication::translate("EngineError", "The reply could not be written (the details say why)."), what);
}

QString replyErrorText(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return replyErrorText(e);
    } catch (...) {  // no std::exception: nothing more to say than that
    }
    return QCoreApplication::translate("EngineError", "The reply could not be written.");
}

}  // namespace rwkv::app
