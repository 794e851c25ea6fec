// tests/app/model_manager_page.h — fixtures of the Models page tests (test_model_manager, test_download_write_lock):
// an app database with its downloads, and the Models page of a new data folder for the catalog of one small model "m"
// served by a loopback server (http_test_server.h).
#pragma once

#include "http_test_server.h"

#include "models/download_manager.h"
#include "models/model_catalog.h"
#include "models/model_manager_controller.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QHostAddress>
#include <QTemporaryDir>

#include <optional>

namespace rwkv::models {

/// An app database in `dir` (its migrations run), its download list and a DownloadManager on it that uses no proxy.
struct AppDownloads {
    explicit AppDownloads(const QTemporaryDir& dir, DownloadOptions options = {.useSystemProxy = false})
        : conversations(dir.filePath(QStringLiteral("app.sqlite"))), store(dir.filePath(QStringLiteral("app.sqlite"))),
          manager(store, options) {}
    rwkv::store::ConversationStore conversations;
    rwkv::store::DownloadStore store;
    DownloadManager manager;
};
/// The catalog entry of model "m" (M, m.pth, 3,000 bytes, no sha256) that `server` serves at /m.pth.
inline QByteArray modelMEntry(const HttpTestServer& server) {
    return R"({"id": "m", "name": "M", "params": "0.1B", "file": "m.pth", "format": "pth", "size": 3000, "sha256": null,
         "n_layer": 12, "n_embd": 768, "urls": {"huggingface": ")" + server.url("/m.pth").toEncoded() + R"("}})";
}
/// The Models page of a new data folder (its models folder, app database, downloads with `options`) for the catalog of
/// model "m" (modelMEntry: m.pth served as 3,000 bytes of 'm') and any `more` entries, once open() made it.
struct ModelMPage {
    explicit ModelMPage(DownloadOptions options = {.useSystemProxy = false}) : app(dir, options) {
        listening = QDir().mkpath(models) && server.listen();
        server.setFile("/m.pth", QByteArray(3000, 'm'));
    }
    /// Makes the controller; false (error says why) when the catalog is refused or the server does not listen.
    bool open(const QByteArray& more = {}) {
        if (!listening) return (error = QStringLiteral("no models folder or server")), false;
        const auto catalog = ModelCatalog::fromJson(R"({"models": [)" + modelMEntry(server) + more + "]}", &error);
        if (catalog) controller.emplace(*catalog, app.manager, models);
        return catalog.has_value();
    }
    /// The role `name` of the catalog's card `row` (m is 0).
    QVariant role(const char* name, int row = 0) {
        QAbstractItemModel* list = controller->catalog();
        return list->data(list->index(row, 0), list->roleNames().key(name));
    }
    QTemporaryDir dir;
    QString models = dir.filePath(QStringLiteral("models"));
    AppDownloads app;
    HttpTestServer server{QHostAddress(QStringLiteral("127.0.0.1"))};
    bool listening = false;
    QString error;
    std::optional<ModelManagerController> controller;
};

}  // namespace rwkv::models
