// tests/app/test_model_manager.cpp — ModelManagerController and CatalogListModel: a download driven through
// the controller against a loopback server (http_test_server.h), roles, fit, import and delete; the chat window's
// download banner texts (progress, and "no network" said at the first failed attempt, not after the retries); a
// catalog entry with a single source's URL; the models folder changed during a download. Downloads cut or failed (the
// banner at the next start, the bytes line kept): test_model_manager_failed_downloads.cpp. The models on this computer
// (listing, names, import names, read-only folders): test_local_models.cpp.
#include "download_test_util.h"
#include "http_test_server.h"
#include "model_manager_page.h"
#include "read_only_folder.h"

#include "app_paths.h"
#include "models/disk_space.h"
#include "models/download_manager.h"
#include "models/model_manager_controller.h"
#include "models/model_settings.h"
#include "models/network_problem.h"
#include "models/one_line.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include "rwkv/devices.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <tuple>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace rwkv::models;

class TestModelManager : public QObject {
    Q_OBJECT

private slots:
    void downloadImportDelete();
    void sourceAndFolderPersist();
    void noNetworkIsSaidAtOnce();
    void oneUrlEntryDownloads();
    void folderChangedDuringDownload();
    void sizesThatRoundAlikeAreSaidInBytes();
    void fitHintsCountDiscreteGpusOfEveryBackend();
};

void TestModelManager::downloadImportDelete() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    const QByteArray body(1500000, 'r');
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/m.pth", body);
    const QByteArray json = R"({"models": [{"id": "m", "name": "Tiny", "params": "0.1B", "file": "m.pth",
        "format": "pth", "size": 1500000, "sha256": ")" + sha.toLatin1() + R"(", "n_layer": 12, "n_embd": 768,
        "urls": {"huggingface": ")" + server.url("/m.pth").toEncoded() + R"(", "hf-mirror": "https://m/m.pth",
                 "modelscope": "https://s/m.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));

    DownloadOptions options;
    options.useSystemProxy = false;
    DownloadManager downloads(store, options);
    ModelManagerController controller(*catalog, downloads, models);
    QAbstractItemModelTester tester(controller.catalog(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModel* list = controller.catalog();
    const QHash<int, QByteArray> names = list->roleNames();
    const auto role = [&names](const char* name) { return names.key(name); };
    QCOMPARE(list->rowCount(), 1);
    QCOMPARE(list->data(list->index(0, 0), role("sizeText")).toString(), QStringLiteral("1.50 MB"));
    QCOMPARE(list->data(list->index(0, 0), role("shapeText")).toString(), QStringLiteral("12 layers × 768"));
    controller.setGpuMemoryBytes(8LL << 30);
    QCOMPARE(list->data(list->index(0, 0), role("fit")).toString(), QStringLiteral("gpu"));
    QVERIFY(controller.memoryText().startsWith(QStringLiteral("GPU 8.59 GB")));
    // Session 27's trial (N5): Models said "GPU none detected" while Settings listed llvmpipe · Vulkan 0.
    rwkv::DeviceInfo llvmpipe;  // as Settings lists Mesa's lavapipe
    llvmpipe.backend = "vulkan:0";
    llvmpipe.name = "llvmpipe (LLVM 15.0.6, 256 bits)";
    llvmpipe.device_type = "cpu";
    controller.setDevices({llvmpipe});
    QVERIFY2(controller.memoryText().startsWith(QStringLiteral("GPU llvmpipe (software, on the CPU) · RAM ")),
             qPrintable(controller.memoryText()));
    controller.setDevices({});
    QVERIFY2(controller.memoryText().startsWith(QStringLiteral("GPU none detected · RAM ")), qPrintable(controller.memoryText()));
    controller.setGpuMemoryBytes(8LL << 30);

    controller.setSource(QStringLiteral("nowhere"));
    QVERIFY(controller.errorMessage().contains(QStringLiteral("nowhere")));
    QCOMPARE(controller.source(), QStringLiteral("auto"));
    controller.setSource(QStringLiteral("huggingface"));
    QCOMPARE(controller.source(), QStringLiteral("huggingface"));

    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    QStringList bannerTexts;  // what the chat window's download banner showed
    connect(&controller, &ModelManagerController::activeDownloadChanged, this,
            [&] { bannerTexts << controller.activeDownloadText(); });
    controller.download(QStringLiteral("m"));
    QCOMPARE(controller.activeDownloadId(), QStringLiteral("m"));
    QVERIFY(ready.wait(20000));
    QVERIFY2(std::any_of(bannerTexts.cbegin(), bannerTexts.cend(),
                         [](const QString& t) {
                             return t.startsWith(QStringLiteral("Downloading Tiny: ")) &&
                                    t.contains(QStringLiteral(" of 1.50 MB ("));
                         }),
             qPrintable(bannerTexts.join(QLatin1Char('\n'))));
    QVERIFY(controller.activeDownloadId().isEmpty());  // done: the banner goes away, the model loads
    QVERIFY(controller.activeDownloadText().isEmpty());
    QCOMPARE(ready.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("m.pth")));
    QCOMPARE(list->data(list->index(0, 0), role("downloadState")).toString(), QStringLiteral("completed"));
    QCOMPARE(list->data(list->index(0, 0), role("progress")).toDouble(), 1.0);
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), true);
    QCOMPARE(controller.localModels().size(), 1);

    // Asked again (rwkv-desktop --download m, run a second time): nothing is fetched, the file is ready to load. It
    // said "m.pth is already in the models folder." and loaded nothing.
    ready.clear();
    controller.clearError();
    const qsizetype requests = server.requests.size();
    controller.download(QStringLiteral("m"));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("m.pth")));
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QCOMPARE(server.requests.size(), requests);

    // Import from disk, then delete both.
    const QString outside = dir.filePath(QStringLiteral("mine.gguf"));
    QFile f(outside);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'g'));  // a model's suffix, not its bytes: refused, nothing copied (it was copied in)
    f.close();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY(!controller.importing());
    // What it is, in the window's words (session 45: "This is not a model file RWKV Desktop can read (…)" before).
    const QString notAModel = QStringLiteral(" cannot be used as a model, so nothing was copied. This is not a model file: "
                                             "it is %1.\nDetails: ");
    QCOMPARE(controller.errorMessage(),
             QStringLiteral("\u2068mine.gguf\u2069") + notAModel.arg(QStringLiteral("a text file")) +
                 QStringLiteral("mine.gguf: not a known checkpoint container (.pth, .safetensors, rwkv.cpp .bin, .gguf): "
                                "it is a text file, not a model; first bytes 67 67 67 67 67 67 67 67"));
    QCOMPARE(controller.localModels().size(), 1);
    // A file of another kind under a model's name is named, as the model button, rwkv-cli and the rows of On this
    // computer name it: a Git LFS pointer (a clone without Git LFS), a web page saved in the file's place, a picture.
    // Session 45's trial: Import from disk alone said "it does not start like a .pth … checkpoint", the kind unnamed.
    for (const auto& [name, bytes, kind, shortKind] :
         {std::tuple{"model.pth",
                     QByteArray("version https://git-lfs.github.com/spec/v1\noid sha256:"
                                "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 382156397\n"),
                     "it is a Git LFS pointer, not the model (the repository was cloned without Git LFS; the model "
                     "itself is 382.2 MB)", "a Git LFS pointer"},
          std::tuple{"model.safetensors", QByteArray("<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>\n"),
                     "it is a web page (HTML), not the model", "a web page (HTML)"},
          std::tuple{"model.gguf", QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, '\0'), "it is a PNG picture",
                     "a PNG picture"}}) {
        const QString path = dir.filePath(QLatin1String(name));
        QFile other(path);
        QVERIFY(other.open(QIODevice::WriteOnly) && other.write(bytes) == bytes.size());
        other.close();
        controller.clearError();
        controller.importModel(QUrl::fromLocalFile(path));
        QVERIFY(!controller.importing());  // said at once: only its first bytes are read
        const QString said = controller.errorMessage();
        QVERIFY2(said.startsWith(QStringLiteral("\u2068%1\u2069").arg(QLatin1String(name)) +
                                 notAModel.arg(QLatin1String(shortKind)) + QLatin1String(name) +
                                 QStringLiteral(": not a known checkpoint container")),
                 qPrintable(said));
        QVERIFY2(said.contains(QLatin1String(kind)), qPrintable(said));
        QCOMPARE(controller.localModels().size(), 1);  // nothing copied
        QVERIFY(!QFileInfo::exists(QDir(models).filePath(QLatin1String(name))));
    }
    // A real checkpoint cut short (an interrupted download or copy, new-user trial): it was copied in and failed only
    // at load. Now the engine checks the container's index against the file size (check_checkpoint_index, no tensor
    // data read) and the import is refused with its "truncated" message, nothing copied, for each container. The
    // check runs on the import thread (a large file's index took a moment on the GUI thread): importing() meanwhile.
    QSignalSpy importingChanged(&controller, &ModelManagerController::importingChanged);
    QFile gguf(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K-F16.gguf"));
    QVERIFY(gguf.open(QIODevice::ReadOnly));
    const QByteArray whole = gguf.readAll();
    // Also cut to its first 7 bytes: a 7-byte .safetensors was "not a model file: it does not start like ..."
    // (new-user trial, session 11), since its header had not arrived.
    for (const auto& [name, sevenBytes] :
         {std::pair{"tiny-rwkv7-834K.pth", false}, std::pair{"tiny-rwkv7-834K.safetensors", false},
          std::pair{"tiny-rwkv7-834K-F16.gguf", false}, std::pair{"tiny-rwkv-7v0-834K-FP16.bin", false},
          std::pair{"tiny-rwkv7-834K.safetensors", true}, std::pair{"tiny-rwkv7-834K.pth", true}}) {
        QFile src(QStringLiteral(RWKV_TESTDATA_DIR "/") + QLatin1String(name));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QString cut = dir.filePath(QStringLiteral("cut-") + QLatin1String(name));
        QFile c(cut);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(src.read(sevenBytes ? 7 : src.size() * 3 / 4));
        c.close();
        controller.clearError();
        importingChanged.clear();
        controller.importModel(QUrl::fromLocalFile(cut));
        QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));  // checked on the import thread
        QCOMPARE(importingChanged.size(), 1);
        const qsizetype readyBefore = ready.size();
        QVERIFY(importingChanged.wait(20000));  // ended
        QVERIFY(!controller.importing());
        QCOMPARE(ready.size(), readyBefore);  // nothing to load
        // The model button's plain reason, then the engine's words on a details line (session 32's trial: the
        // engine's "… not found (truncated?)" alone after the sentence, English in a zh_CN window).
        QVERIFY2(controller.errorMessage().startsWith(
                     QStringLiteral("\u2068cut-") + QLatin1String(name) +
                     QStringLiteral("\u2069 cannot be used as a model, so nothing was copied. The file is incomplete (an "
                                    "interrupted download or copy?). Download or copy it again.\nDetails: ")),
                 qPrintable(controller.errorMessage()));
        QVERIFY2(controller.errorMessage().section(QLatin1Char('\n'), 1).contains(QStringLiteral("truncated")),
                 qPrintable(controller.errorMessage()));
        QCOMPARE(controller.localModels().size(), 1);
        QVERIFY(!QFile::exists(QDir(models).filePath(QFileInfo(cut).fileName())));
    }
    // Whole files the engine cannot run (session 33's trial, MED): an RWKV-6 .safetensors and a Llama-style one were
    // copied in and listed with Use, failing only at load, though `rwkv-cli info` refuses both at once. The import
    // now runs the engine's architecture and shape check (names and shapes, no tensor data read) before the copy.
    // Tiny files written here: F32 tensors of 4×64 / 64 elements, zeros.
    const auto writeSafetensors = [&](const QString& fileName, const QList<std::pair<QByteArray, QList<int>>>& tensors) {
        QByteArray header = "{";
        qint64 offset = 0;
        for (const auto& [tensorName, shape] : tensors) {
            qint64 elements = 1;
            QStringList dims;
            for (int d : shape) elements *= d, dims << QString::number(d);
            header += QByteArray(header.size() > 1 ? "," : "") + "\"" + tensorName + "\":{\"dtype\":\"F32\",\"shape\":[" +
                      dims.join(QLatin1Char(',')).toLatin1() + "],\"data_offsets\":[" + QByteArray::number(offset) + "," +
                      QByteArray::number(offset + elements * 4) + "]}";
            offset += elements * 4;
        }
        header += "}";
        QByteArray length(8, '\0');
        qToLittleEndian<quint64>(quint64(header.size()), length.data());
        const QString path = dir.filePath(fileName);
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)) return QString();
        out.write(length + header + QByteArray(offset, '\0'));
        return path;
    };
    const QString rwkv6 = writeSafetensors(QStringLiteral("rwkv6.safetensors"),
                                           {{"emb.weight", {4, 64}},
                                            {"blocks.0.att.time_maa_x", {1, 1, 64}},
                                            {"blocks.0.att.time_decay", {64}},
                                            {"head.weight", {4, 64}}});
    const QString llama = writeSafetensors(QStringLiteral("llama.safetensors"),
                                           {{"model.embed_tokens.weight", {4, 64}},
                                            {"model.layers.0.self_attn.q_proj.weight", {64, 64}},
                                            {"lm_head.weight", {4, 64}}});
    // Intact, with RWKV-7's names changed (session 34's trial: blocks. → layers., att. → atn.): said "damaged".
    const QString renamed = writeSafetensors(QStringLiteral("renamed.safetensors"),
                                             {{"emb.weight", {4, 64}},
                                              {"layers.0.atn.key.weight", {64, 64}},
                                              {"head.weight", {4, 64}}});
    // Each says what it is, and none "damaged" or "(not RWKV-4, 5 or 6)" where that does not fit (session 34's check).
    for (const auto& [path, sentence, details] :
         {std::tuple{rwkv6, QStringLiteral("This is an RWKV-6 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 "
                                           "model."),
                     QStringLiteral("rwkv6.safetensors: unsupported architecture: RWKV-6 (key blocks.0.att.time_maa_x); "
                                    "only RWKV-7 is supported")},
          std::tuple{llama, QStringLiteral("This file is not an RWKV model (the details say what it is): RWKV Desktop runs "
                                           "RWKV-7 models only. Choose an RWKV-7 model."),
                     QStringLiteral("llama.safetensors: not an RWKV model: a Llama-style model (key "
                                    "model.embed_tokens.weight); only RWKV-7 is supported")},
          std::tuple{renamed, QStringLiteral("This file is not an RWKV-7 model: it does not have RWKV-7's layers (the details "
                                             "say what it has). Choose an RWKV-7 model."),
                     QStringLiteral("renamed.safetensors: not an RWKV-7 model: its tensors are named layers.0.\u2026, not "
                                    "blocks.0.\u2026 as RWKV-7's are")}}) {
        QVERIFY(!path.isEmpty());
        controller.clearError();
        const qsizetype readyBefore = ready.size();
        controller.importModel(QUrl::fromLocalFile(path));
        QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
        QVERIFY(importingChanged.wait(20000));
        QVERIFY(!controller.importing());
        QCOMPARE(ready.size(), readyBefore);
        QCOMPARE(controller.errorMessage(), isolated(QFileInfo(path).fileName()) +
                                                QStringLiteral(" cannot be used as a model, so nothing was copied. ") +
                                                sentence + QStringLiteral("\nDetails: ") + details);
        QCOMPARE(controller.localModels().size(), 1);
        QVERIFY(!QFile::exists(QDir(models).filePath(QFileInfo(path).fileName())));
    }
    // Whole and well formed, but a weight is NaN or infinity (session 36's trial, F1: copied in, listed with Use, and
    // failing only at load with "the model's outputs are not numbers"). The import reads every fp32/fp16/bf16 weight
    // now (rwkv::check_checkpoint_values) and refuses it, nothing copied. One element of blocks.0.ln1.weight: a NaN
    // in the fp32 file, +infinity (bf16 0x7f80) in the bf16 one.
    for (const auto& [source, bits, what] :
         {std::tuple{"tiny-rwkv7-834K.safetensors", QByteArray::fromHex("0000c07f"), "NaN"},
          std::tuple{"tiny-rwkv7-834K-bf16.safetensors", QByteArray::fromHex("807f"), "infinity"}}) {
        QFile src(QStringLiteral(RWKV_TESTDATA_DIR "/") + QLatin1String(source));
        QVERIFY(src.open(QIODevice::ReadOnly));
        QByteArray bytes = src.readAll();
        const qsizetype headerEnd = 8 + qsizetype(qFromLittleEndian<quint64>(bytes.constData()));
        const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, headerEnd - 8)).object();
        const qsizetype at = headerEnd + header[QStringLiteral("blocks.0.ln1.weight")]
                                             .toObject()[QStringLiteral("data_offsets")]
                                             .toArray()
                                             .at(0)
                                             .toInteger() +
                             5 * bits.size();
        bytes.replace(at, bits.size(), bits);
        const QString name = QStringLiteral("nan-") + QLatin1String(source);
        const QString path = dir.filePath(name);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        controller.clearError();
        const qsizetype readyBefore = ready.size();
        controller.importModel(QUrl::fromLocalFile(path));
        QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
        QVERIFY(importingChanged.wait(20000));
        QVERIFY(!controller.importing());
        QCOMPARE(ready.size(), readyBefore);
        QCOMPARE(controller.errorMessage(),
                 isolated(name) + QStringLiteral(" cannot be used as a model, so nothing was copied. The file is damaged: some of "
                                       "its weights are not numbers. Download or copy it again.\nDetails: ") +
                     name + QStringLiteral(": tensor blocks.0.ln1.weight holds ") + QLatin1String(what) +
                     QStringLiteral(" (element 5 of 64): the weights are damaged"));
        QCOMPARE(controller.localModels().size(), 1);
        QVERIFY(!QFile::exists(QDir(models).filePath(name)));
    }
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(whole);  // the whole file imports
    f.close();
    controller.clearError();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
    QVERIFY(ready.wait(20000));
    QVERIFY(!controller.importing());
    QCOMPARE(controller.localModels().size(), 2);
    // The dialog opens where the last file came from (it opened in the working folder: session 33's trial, LOW).
    QCOMPARE(controller.importFolder(), QUrl::fromLocalFile(dir.path()));
    // The same name again (session 33's trial, LOW: refused by the name alone). The same bytes: said, not copied.
    ready.clear();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY(importingChanged.wait(20000));
    QVERIFY(!controller.importing());
    QCOMPARE(controller.errorMessage(), QStringLiteral("\u2068mine.gguf\u2069 is already in the models folder."));
    QCOMPARE(ready.size(), 0);
    QCOMPARE(controller.localModels().size(), 2);
    // Another file of that name and size (one byte of its last tensor changed): in as "mine (2).gguf", said, loaded.
    QByteArray changed = whole;
    changed[changed.size() - 1] = char(changed.back() ^ 0x01);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(changed);
    f.close();
    controller.clearError();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY(ready.wait(20000));
    QVERIFY(!controller.importing());
    QCOMPARE(ready.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("mine (2).gguf")));
    QCOMPARE(controller.errorMessage(), QStringLiteral("\u2068mine.gguf\u2069 was imported as \u2068mine (2).gguf\u2069: the "
                                                       "models folder already has another file named \u2068mine.gguf\u2069."));
    QFile copy(QDir(models).filePath(QStringLiteral("mine (2).gguf")));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), changed);
    QCOMPARE(controller.localModels().size(), 3);
    copy.close();
    controller.deleteModel(QStringLiteral("mine (2).gguf"));
    QCOMPARE(controller.localModels().size(), 2);
    controller.importModel(QUrl::fromLocalFile(dir.filePath(QStringLiteral("app.sqlite"))));
    QVERIFY(controller.errorMessage().contains(QStringLiteral("not a model file")));
    // Deleted with Delete: said to main.cpp, which forgets it as the start model (session 33's trial, LOW).
    QSignalSpy deleted(&controller, &ModelManagerController::modelDeleted);
    controller.deleteModel(QStringLiteral("mine.gguf"));
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("mine.gguf")));
    controller.clearError();
    // m.pth deleted in a file manager while the page lists it: Delete unlists it, no "Could not delete m.pth."
    QVERIFY(QFile::remove(QDir(models).filePath(QStringLiteral("m.pth"))));
    QCOMPARE(controller.localModels().size(), 1);
    controller.deleteModel(QStringLiteral("m.pth"));
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QCOMPARE(controller.localModels().size(), 0);
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), false);
    QVERIFY(QFile::exists(outside));  // the original is untouched

    // m.pth cut short in the models folder (a copy stopped half-way): not "Ready" with no Download but incomplete,
    // and Download fetches it again over the short file (session 28's trial, F7: Use then failed, nothing said why).
    QFile cutCopy(QDir(models).filePath(QStringLiteral("m.pth")));
    QVERIFY(cutCopy.open(QIODevice::WriteOnly));
    cutCopy.write(body.left(600000));
    cutCopy.close();
    controller.refreshLocalModels();
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), false);
    const QString cutNote = QStringLiteral("Incomplete: 600.0 KB of 1.50 MB in the models folder (a copy or download cut "
                                           "short). Download again replaces it.");
    QCOMPARE(list->data(list->index(0, 0), role("wrongSizeText")).toString(), cutNote);
    // Its row under "On this computer" says it too (session 28's check, C4: nothing there until Use failed).
    QCOMPARE(controller.localModels().size(), 1);
    QCOMPARE(controller.localModels().at(0).toMap().value(QStringLiteral("sizeNote")).toString(), cutNote);
    ready.clear();
    controller.download(QStringLiteral("m"));
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("m.pth")));
    QCOMPARE(QFileInfo(QDir(models).filePath(QStringLiteral("m.pth"))).size(), body.size());
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), true);
    QVERIFY(list->data(list->index(0, 0), role("wrongSizeText")).toString().isEmpty());
    QVERIFY(controller.localModels().at(0).toMap().value(QStringLiteral("sizeNote")).toString().isEmpty());

    // m.pth LONGER than the catalog's (another version of the file, or bytes appended): not "Ready" either but
    // another file, said on its card and its row, and Download replaces it (session 28's check, C3: "Ready", and
    // --download failed with "m.pth is already in the models folder.").
    QFile longer(QDir(models).filePath(QStringLiteral("m.pth")));
    QVERIFY(longer.open(QIODevice::Append));
    longer.write(QByteArray(500000, 'x'));
    longer.close();
    controller.refreshLocalModels();
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), false);
    const QString otherNote = QStringLiteral("A different file: 2.00 MB in the models folder, the catalog's is 1.50 MB. "
                                             "Download again replaces it.");
    QCOMPARE(list->data(list->index(0, 0), role("wrongSizeText")).toString(), otherNote);
    QCOMPARE(controller.localModels().at(0).toMap().value(QStringLiteral("sizeNote")).toString(), otherNote);
    ready.clear();
    controller.clearError();
    controller.download(QStringLiteral("m"));
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QVERIFY(ready.wait(20000));
    QCOMPARE(QFileInfo(QDir(models).filePath(QStringLiteral("m.pth"))).size(), body.size());
    QCOMPARE(list->data(list->index(0, 0), role("installed")).toBool(), true);
    QVERIFY(list->data(list->index(0, 0), role("wrongSizeText")).toString().isEmpty());
}

void TestModelManager::sourceAndFolderPersist() {
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const QString defaultModels = dir.filePath(QStringLiteral("models"));
    const QString chosen = dir.filePath(QStringLiteral("big-disk"));
    QVERIFY(QDir().mkpath(defaultModels));
    QVERIFY(QDir().mkpath(chosen));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadOptions options;
    options.useSystemProxy = false;
    DownloadManager downloads(store, options);
    const ModelCatalog catalog;
    {
        QSettings settings(ini, QSettings::IniFormat);
        ModelManagerController first(catalog, downloads, defaultModels);
        persistModelSettings(first, settings);
        QCOMPARE(first.source(), QStringLiteral("auto"));  // nothing saved yet
        QCOMPARE(first.modelsDir(), defaultModels);
        first.setSource(QStringLiteral("modelscope"));
        first.setModelsDir(QUrl::fromLocalFile(chosen).toString());  // the folder dialog hands over a URL
        QCOMPARE(first.modelsDir(), chosen);
        QVERIFY(first.importFolder() != QUrl::fromLocalFile(dir.path()));  // nothing chosen yet (importFolderFirstTime)
        // Refused (not a model), but its folder is where the user looks for models.
        first.importModel(QUrl::fromLocalFile(dir.filePath(QStringLiteral("app.sqlite"))));
        QCOMPARE(first.importFolder(), QUrl::fromLocalFile(dir.path()));
    }
    {  // a restart: both choices come back
        QSettings settings(ini, QSettings::IniFormat);
        QCOMPARE(settings.value(QStringLiteral("models/source")).toString(), QStringLiteral("modelscope"));
        ModelManagerController second(catalog, downloads, defaultModels);
        persistModelSettings(second, settings);
        QCOMPARE(second.source(), QStringLiteral("modelscope"));
        QCOMPARE(second.modelsDir(), chosen);
        QCOMPARE(second.importFolder(), QUrl::fromLocalFile(dir.path()));  // models/importFolder
        QVERIFY(second.errorMessage().isEmpty());
    }
    // The chosen folder disappears (unplugged disk): the default is used and the user is told why.
    QVERIFY(QDir(chosen).removeRecursively());
    QSettings settings(ini, QSettings::IniFormat);
    ModelManagerController third(catalog, downloads, defaultModels);
    persistModelSettings(third, settings);
    QCOMPARE(third.modelsDir(), defaultModels);
    QCOMPARE(third.source(), QStringLiteral("modelscope"));
    QVERIFY2(third.errorMessage().contains(QStringLiteral("big-disk")), qPrintable(third.errorMessage()));
}

// No network (here: a name no DNS resolves): the banner says so after the first attempt, while the retries go on
// in the background (a 10-minute retry delay: the test would time out if the text waited for the retries).
void TestModelManager::noNetworkIsSaidAtOnce() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    const QByteArray json = R"({"models": [{"id": "m", "name": "Tiny", "params": "0.1B", "file": "m.pth",
        "format": "pth", "size": 1500000, "n_layer": 12, "n_embd": 768,
        "urls": {"huggingface": "http://no-such-host.invalid/m.pth", "hf-mirror": "http://no-such-host.invalid/m.pth",
                 "modelscope": "http://no-such-host.invalid/m.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    DownloadOptions options;
    options.useSystemProxy = false;
    options.retryBaseMs = 600000;
    options.retryMaxMs = 600000;
    DownloadManager downloads(store, options);
    ModelManagerController controller(*catalog, downloads, models);
    controller.download(QStringLiteral("m"));
    // Waited for as such: the sources' "huggingface failed (…); trying hf-mirror" notes may show on the way.
    QTRY_COMPARE_WITH_TIMEOUT(
        controller.activeDownloadNote(),
        QStringLiteral("Retrying in 600.0 s (attempt 1): no network or no DNS: cannot find no-such-host.invalid"), 15000);
    QCOMPARE(controller.activeDownloadState(), QStringLiteral("downloading"));  // still trying
    QVERIFY(!controller.activeDownloadWaitsForOtherWindow());  // a problem: drawn red, not as a waiting note
    QCOMPARE(controller.activeDownloadText(), QStringLiteral("Downloading Tiny: 0 B of 1.50 MB (0 %)"));
    QCOMPARE(controller.activeDownloadProgress(), 0.0);
    QVERIFY(controller.errorMessage().isEmpty());  // not failed: nothing for the Models page's error banner
    controller.dismissActiveDownload();  // the banner goes, the download does not
    QVERIFY(controller.activeDownloadText().isEmpty());
    QCOMPARE(downloads.status(QStringLiteral("m"))->state, DownloadState::Downloading);
    downloads.cancel(QStringLiteral("m"));

    // The other codes, in words: the host, and Qt's text only where the code says too little.
    QCOMPARE(describeNetworkError(QNetworkReply::ConnectionRefusedError, QStringLiteral("h.example"), QStringLiteral("x")).text(),
             QStringLiteral("h.example refused the connection"));
    QCOMPARE(describeNetworkError(QNetworkReply::TimeoutError, QStringLiteral("h.example"), QStringLiteral("x")).text(),
             QStringLiteral("h.example did not answer in time"));
    QCOMPARE(describeNetworkError(QNetworkReply::TemporaryNetworkFailureError, QStringLiteral("h"),
                                  QStringLiteral("Network access is disabled.")).text(),
             QStringLiteral("no network connection (Network access is disabled.)"));
    QCOMPARE(describeNetworkError(QNetworkReply::ProtocolFailure, QStringLiteral("h"), QStringLiteral("Qt's own words")).text(),
             QStringLiteral("Qt's own words"));
    QVERIFY(isNoNetworkError(QNetworkReply::HostNotFoundError));
    QVERIFY(!isNoNetworkError(QNetworkReply::ConnectionRefusedError));
}

// A catalog entry with one source's URL (ModelScope only; the others left out, null or ""), as a catalog may list a
// model one mirror has (accepted since session 16: such an entry refused the whole catalog). Auto skips the sources it
// lacks and downloads from the one it has; picking a source it lacks is refused with a message naming it, nothing
// fetched; and when that one URL fails, the download ends with the reason instead of cycling through "other" sources.
void TestModelManager::oneUrlEntryDownloads() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    const QByteArray body(700000, 's');
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/one.pth", body);
    const QByteArray json = R"({"models": [
        {"id": "one", "name": "One", "params": "0.1B", "file": "one.pth", "format": "pth", "size": 700000,
         "sha256": ")" + sha.toLatin1() + R"(", "n_layer": 12, "n_embd": 768,
         "urls": {"hf-mirror": null, "modelscope": ")" + server.url("/one.pth").toEncoded() + R"("}},
        {"id": "gone", "name": "Gone", "params": "0.1B", "file": "gone.pth", "format": "pth", "size": 700000,
         "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" + server.url("/gone.pth").toEncoded() +
                            R"(", "hf-mirror": ""}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    const CatalogEntry* one = catalog->find(QStringLiteral("one"));
    QVERIFY(one);
    QCOMPARE(one->urls.size(), 1);
    QCOMPARE(one->urls.value(Source::ModelScope), server.url("/one.pth"));

    DownloadOptions options;
    options.useSystemProxy = false;
    options.retryBaseMs = 50;
    options.retryMaxMs = 50;
    DownloadManager downloads(store, options);
    ModelManagerController controller(*catalog, downloads, models);
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);

    // Hugging Face picked: "one" has no URL there; refused at once, nothing fetched, the message names both.
    controller.setSource(QStringLiteral("huggingface"));
    controller.download(QStringLiteral("one"));
    QVERIFY2(controller.errorMessage().contains(QStringLiteral("one.pth")) &&
                 controller.errorMessage().contains(QStringLiteral("huggingface")),
             qPrintable(controller.errorMessage()));
    QVERIFY(controller.errorCardId().isEmpty());  // no card says a refusal: the page's banner does
    QVERIFY(controller.activeDownloadId().isEmpty());
    QVERIFY(server.requests.isEmpty());

    // Auto: fetched from its one URL, verified, ready to load.
    controller.clearError();
    controller.setSource(QStringLiteral("auto"));
    controller.download(QStringLiteral("one"));
    QCOMPARE(controller.activeDownloadId(), QStringLiteral("one"));
    QVERIFY(ready.wait(20000));
    QCOMPARE(ready.at(0).at(0).toString(), QDir(models).filePath(QStringLiteral("one.pth")));
    QFile got(QDir(models).filePath(QStringLiteral("one.pth")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QCOMPARE(got.readAll(), body);
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QVERIFY(!server.requests.isEmpty());
    for (const SeenRequest& r : server.requests) QCOMPARE(r.path, QByteArray("/one.pth"));
    QCOMPARE(downloads.status(QStringLiteral("one"))->state, DownloadState::Completed);

    // "gone": its one URL answers 404. The download fails with the server's answer; no other source is tried.
    ready.clear();
    server.requests.clear();
    controller.download(QStringLiteral("gone"));
    QTRY_VERIFY_WITH_TIMEOUT(downloads.status(QStringLiteral("gone")) &&
                                 downloads.status(QStringLiteral("gone"))->state == DownloadState::Failed,
                             20000);
    QVERIFY(ready.isEmpty());
    QVERIFY(!QFile::exists(QDir(models).filePath(QStringLiteral("gone.pth"))));
    QVERIFY(!server.requests.isEmpty());
    for (const SeenRequest& r : server.requests) QCOMPARE(r.path, QByteArray("/gone.pth"));
    const QString why = downloads.status(QStringLiteral("gone"))->message;
    QVERIFY2(why.contains(QStringLiteral("gone.pth")) && why.contains(QStringLiteral("404")), qPrintable(why));
    // It has no other source: the message must not send the user to choose one.
    QVERIFY2(!why.contains(QStringLiteral("choose another source")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("lists no other source")), qPrintable(why));
}

// Session 28's trial (F10): the models folder changed during a download. The file goes on into the folder of its
// start, which the page says while it runs; once there it is listed with that folder and its card is installed, and
// Download loads it without fetching it again. Before: "No models yet", the card offering Download.
void TestModelManager::folderChangedDuringDownload() {
    QTemporaryDir dir;
    const QString oldModels = dir.filePath(QStringLiteral("old"));
    const QString newModels = dir.filePath(QStringLiteral("new"));
    QVERIFY(QDir().mkpath(oldModels) && QDir().mkpath(newModels));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    const QByteArray body(900000, 'f');
    const QString sha = download_test::sha256Hex(body);
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/f.pth", body);
    server.trickleBytes = 8 * 1024;
    const QByteArray json = R"({"models": [{"id": "f", "name": "Folder test", "params": "0.1B", "file": "f.pth",
        "format": "pth", "size": 900000, "sha256": ")" + sha.toLatin1() + R"(", "n_layer": 12, "n_embd": 768,
        "urls": {"huggingface": ")" + server.url("/f.pth").toEncoded() + R"("}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    DownloadManager downloads(store, DownloadOptions{.useSystemProxy = false});  // loopback only
    ModelManagerController controller(*catalog, downloads, oldModels);
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    controller.download(QStringLiteral("f"));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(oldModels + QStringLiteral("/f.pth.part")).size() > 0, 20000);
    controller.setModelsDir(newModels);
    QCOMPARE(controller.elsewhereNote(),
             QStringLiteral("Folder test goes on downloading into %1, the models folder when it started; once there it "
                            "is listed here, with its folder.")
                 .arg(isolated(oldModels)));
    QVERIFY(ready.wait(20000));
    const QString file = QDir(oldModels).filePath(QStringLiteral("f.pth"));
    QCOMPARE(ready.at(0).at(0).toString(), file);
    QCOMPARE(controller.elsewhereNote(), QString());
    QCOMPARE(controller.localModels().size(), 1);
    const QVariantMap row = controller.localModels().at(0).toMap();
    QCOMPARE(row.value(QStringLiteral("path")).toString(), file);
    QCOMPARE(row.value(QStringLiteral("folder")).toString(), oldModels);
    QAbstractItemModel* list = controller.catalog();
    QCOMPARE(list->data(list->index(0, 0), list->roleNames().key("installed")).toBool(), true);
    ready.clear();
    const qsizetype requests = server.requests.size();
    controller.download(QStringLiteral("f"));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), file);
    QCOMPARE(server.requests.size(), requests);
}

// A file 100 bytes longer than the catalog's: both sizes in bytes, not "35.0 MB … the catalog's is 35.0 MB" (session
// 29's check, M1); sizes that differ once rounded stay short.
void TestModelManager::sizesThatRoundAlikeAreSaidInBytes() {
    QCOMPARE(wrongSizeText(35000100, 35000000),
             QStringLiteral("A different file: 35,000,100 bytes in the models folder, the catalog's is 35,000,000 bytes. "
                            "Download again replaces it."));
    QCOMPARE(wrongSizeText(34999000, 35000000, QStringLiteral("/std"), true),
             QStringLiteral("Incomplete: 34,999,000 bytes of 35,000,000 bytes in the models folder (a copy or download "
                            "cut short); the whole file is in /std."));
    QCOMPARE(wrongSizeText(20000000, 35000000),
             QStringLiteral("Incomplete: 20.0 MB of 35.0 MB in the models folder (a copy or download cut short). "
                            "Download again replaces it."));
}

// The fit hints' GPU memory from the devices Settings lists (setDevices, as main.cpp gives it): a Vulkan GPU counts as
// a CUDA one does; an integrated GPU, a virtual one, a software renderer and an unusable device do not. Before session
// 59 the hints took CUDA's devices alone: a build without CUDA (the Debian package, AMD, Intel) never said "Fits your
// GPU" with an 8 GiB Radeon listed in Settings.
void TestModelManager::fitHintsCountDiscreteGpusOfEveryBackend() {
    const auto device = [](const char* backend, const char* name, const char* type, qint64 bytes, bool usable = true) {
        rwkv::DeviceInfo d;
        d.backend = backend;
        d.name = name;
        d.device_type = type;
        d.total_bytes = std::size_t(bytes);
        d.free_bytes = std::size_t(bytes);
        d.usable = usable;
        return d;
    };
    constexpr qint64 GiB = 1LL << 30;
    const rwkv::DeviceInfo radeon = device("vulkan:0", "AMD Radeon RX 7600 (RADV NAVI33)", "discrete", 8 * GiB);
    const rwkv::DeviceInfo lavapipe = device("vulkan:1", "llvmpipe (LLVM 15.0.6, 256 bits)", "cpu", 31 * GiB);
    const rwkv::DeviceInfo intel = device("vulkan:0", "Intel(R) UHD Graphics 620 (KBL GT2)", "integrated", 12 * GiB);
    const rwkv::DeviceInfo cudaListed = device("cuda:0", "NVIDIA GeForce RTX 4090", "discrete", 24 * GiB);
    const rwkv::DeviceInfo cudaAtStart = device("cuda:0", "NVIDIA GeForce RTX 4090", "", 24 * GiB);  // no type given
    QCOMPARE(fitHintGpuBytes({radeon, lavapipe}), 8 * GiB);
    QCOMPARE(fitHintGpuBytes({lavapipe, radeon}), 8 * GiB);
    QCOMPARE(fitHintGpuBytes({intel, lavapipe}), 0);
    QCOMPARE(fitHintGpuBytes({lavapipe}), 0);
    QCOMPARE(fitHintGpuBytes({}), 0);
    QCOMPARE(fitHintGpuBytes({cudaAtStart}), 24 * GiB);  // the CUDA case as before
    QCOMPARE(fitHintGpuBytes({cudaListed, radeon, lavapipe}), 24 * GiB);
    QCOMPARE(fitHintGpuBytes({device("vulkan:0", "Radeon", "discrete", 16 * GiB, false), intel}), 0);
    QCOMPARE(fitHintGpuBytes({device("vulkan:0", "virtio-gpu", "virtual", 16 * GiB)}), 0);
    QCOMPARE(fitHintGpuBytes({device("cuda", "CUDA", "", 0, false), radeon}), 8 * GiB);  // CUDA without a driver

    const QByteArray json = R"({"models": [{"id": "m", "name": "Tiny", "params": "0.1B", "file": "m.pth",
        "format": "pth", "size": 1500000, "n_layer": 12, "n_embd": 768, "urls": {"huggingface": "https://h/m.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    QTemporaryDir dir;
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // the schema
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions{});
    ModelManagerController controller(*catalog, downloads, dir.path());
    controller.setRamBytes(16 * GiB);
    QAbstractItemModel* list = controller.catalog();
    const auto fit = [list] { return list->data(list->index(0, 0), list->roleNames().key("fitText")).toString(); };
    QCOMPARE(fit(), QStringLiteral("Fits your RAM (CPU)"));  // nothing listed yet
    QSignalSpy memory(&controller, &ModelManagerController::memoryChanged);
    controller.setDevices({radeon, lavapipe});
    QCOMPARE(memory.size(), 1);
    QCOMPARE(controller.gpuMemoryBytes(), 8 * GiB);
    QCOMPARE(fit(), QStringLiteral("Fits your GPU"));
    QCOMPARE(controller.memoryText(), QStringLiteral("GPU 8.59 GB · RAM 17.2 GB"));
    controller.setDevices({lavapipe});  // this box: no "Fits your GPU" for llvmpipe
    QCOMPARE(controller.gpuMemoryBytes(), -1);
    QCOMPARE(fit(), QStringLiteral("Fits your RAM (CPU)"));
    QCOMPARE(controller.memoryText(), QStringLiteral("GPU llvmpipe (software, on the CPU) · RAM 17.2 GB"));
    // Integrated only: "auto" runs on the CPU, and the GPU's memory is the RAM the hints measure; the line names it.
    controller.setDevices({intel, lavapipe});
    QCOMPARE(controller.gpuMemoryBytes(), -1);
    QCOMPARE(fit(), QStringLiteral("Fits your RAM (CPU)"));
    QCOMPARE(controller.memoryText(),
             QStringLiteral("GPU Intel(R) UHD Graphics 620 (integrated, shares the RAM) · RAM 17.2 GB"));
    controller.setDevices({});
    QCOMPARE(controller.gpuMemoryBytes(), -1);
    QCOMPARE(fit(), QStringLiteral("Fits your RAM (CPU)"));
    QCOMPARE(controller.memoryText(), QStringLiteral("GPU none detected · RAM 17.2 GB"));
    controller.setDevices({cudaListed, radeon});
    QCOMPARE(controller.gpuMemoryBytes(), 24 * GiB);
    QCOMPARE(fit(), QStringLiteral("Fits your GPU"));
}

QTEST_GUILESS_MAIN(TestModelManager)
#include "test_model_manager.moc"
