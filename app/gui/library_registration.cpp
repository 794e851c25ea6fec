// library_registration.cpp — see library_registration.h.
#include "library_registration.h"

#include <QQmlEngine>

#include "library_controller.h"

namespace rwkv::gui {

void registerLibrary(rwkv::app::LibraryController* library) {
    const char* uri = "RwkvDesktop.Core";
    qmlRegisterSingletonInstance(uri, 1, 0, "Library", library);
    qmlRegisterUncreatableType<rwkv::app::SearchResultModel>(
        uri, 1, 0, "SearchResultModel", QStringLiteral("SearchResultModel is provided by Library.searchResults"));
}

}  // namespace rwkv::gui
