// library_registration.cpp — see library_registration.h.
#include "library_registration.h"

#include <QQmlEngine>

#include "bundle_import_controller.h"
#include "library_controller.h"

namespace rwkv::gui {

void registerLibrary(rwkv::app::LibraryController* library, rwkv::app::BundleImportController* importer) {
    const char* uri = "RwkvDesktop.Core";
    qmlRegisterSingletonInstance(uri, 1, 0, "Library", library);
    qmlRegisterSingletonInstance(uri, 1, 0, "Importer", importer);
    qmlRegisterUncreatableType<rwkv::app::SearchResultModel>(
        uri, 1, 0, "SearchResultModel", QStringLiteral("SearchResultModel is provided by Library.searchResults"));
}

}  // namespace rwkv::gui
