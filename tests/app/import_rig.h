// import_rig.h — what the import tests share: a one-model catalog (catalogJson, closedCatalog), a two-message JSON
// export (exportedConversation), writeFile, and ImportRig (the app's objects around a BundleImportController on a
// fresh database). Used by test_bundle_import.cpp, test_bundle_export.cpp and test_import_queue.cpp.
#pragma once

#include <QFile>
#include <QTemporaryDir>
#include <QUrl>

#include <stdexcept>

#include "bundle_import_controller.h"
#include "chat_controller.h"
#include "conversation_export.h"
#include "inference_worker.h"
#include "models/download_manager.h"
#include "models/model_manager_controller.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

namespace rwkv::test {

using namespace rwkv::app;

inline QByteArray catalogJson(const QByteArray& sha, const QUrl& url) {
    return R"({"models": [{"id": "m", "name": "Tiny", "params": "0.1B", "file": "m.pth",
        "format": "pth", "size": 1500000, "sha256": ")" + sha + R"(", "n_layer": 12, "n_embd": 768,
        "urls": {"huggingface": ")" + url.toEncoded() + R"(", "hf-mirror": "https://m/m.pth",
                 "modelscope": "https://s/m.pth"}}]})";
}

/// A JSON export of a two-message conversation made with catalog model `catalogId`.
inline QByteArray exportedConversation(const QString& title, const QString& catalogId) {
    store::ConversationStore sender(QStringLiteral(":memory:"));
    const qint64 c = sender.createConversation(title);
    const qint64 u = sender.addMessage(c, 0, store::Role::User, QStringLiteral("Where is the harbour?"));
    sender.addMessage(c, u, store::Role::Assistant, QStringLiteral("Down the hill."));
    return exportJson(sender, c, catalogId);
}

inline QString writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) return {};
    return path;
}

/// The one-model catalog of catalogJson whose download address is closed (nothing is downloaded from it).
inline models::ModelCatalog closedCatalog() {
    QString error;
    auto catalog = models::ModelCatalog::fromJson(
        catalogJson(QByteArray(64, '0'), QUrl(QStringLiteral("http://127.0.0.1:9/m.pth"))), &error);
    if (!catalog) throw std::runtime_error("closedCatalog: " + error.toStdString());
    return std::move(*catalog);
}

inline models::DownloadOptions noProxy() {
    models::DownloadOptions options;
    options.useSystemProxy = false;
    return options;
}

/// What the app builds around its BundleImportController, on a fresh database in a temporary folder, with
/// closedCatalog(): for the cases that export or switch conversations and download nothing.
struct ImportRig {
    QTemporaryDir dir;
    QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    store::ConversationStore store{db};
    store::DownloadStore downloadStore{db};
    models::ModelCatalog catalog = closedCatalog();
    models::DownloadManager downloads{downloadStore, noProxy()};
    models::ModelManagerController modelManager{catalog, downloads, dir.filePath(QStringLiteral("models"))};
    InferenceWorker worker{store, QStringLiteral(RWKV_TESTDATA_DIR)};
    ChatController chat{store, worker};
    BundleImportController importer{store, chat, modelManager, catalog};
};

}  // namespace rwkv::test
