// library_registration.h — hands the LibraryController (search, pin, trash) to QML as the singleton "Library" of
// RwkvDesktop.Core (and the BundleImportController as "Importer") and registers its SearchResultModel. Kept apart from qml_registration.* (chat and settings).
#pragma once

namespace rwkv::app {
class LibraryController;
class BundleImportController;
}

namespace rwkv::gui {

void registerLibrary(rwkv::app::LibraryController* library, rwkv::app::BundleImportController* importer);

}  // namespace rwkv::gui
