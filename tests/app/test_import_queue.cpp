// test_import_queue.cpp — BundleImportController's imports on their own thread as the window sees them: the sidebar's
// open search follows an import that lands (LibraryController::refreshSearch, wired as main.cpp wires it). Code:
// app/core/bundle_import_controller.*, app/core/library_controller.*
#include "import_rig.h"

#include <QSignalSpy>
#include <QTest>

#include "library_controller.h"

using namespace rwkv;
using namespace rwkv::app;
using namespace rwkv::test;

class TestImportQueue : public QObject {
    Q_OBJECT

private slots:
    void searchFollowsAnImport();
};

namespace {

/// ImportRig with the sidebar's library, its open search refreshed as main.cpp has it.
struct LibraryRig : ImportRig {
    LibraryController library{store, chat};
    LibraryRig() {
        QObject::connect(&importer, &BundleImportController::conversationImported, &library,
                         &LibraryController::refreshSearch);
    }
    /// A JSON export of a two-message conversation titled `title`, written to the rig's folder as `name`.
    QString exportFile(const QString& name, const QString& title) {
        return QUrl::fromLocalFile(writeFile(dir.filePath(name), exportedConversation(title, QStringLiteral("m"))))
            .toString();
    }
};

}  // namespace

// "harbour" typed in the sidebar's search while an import runs (nothing found yet); once the import lands, the hits
// hold its two messages' conversation without the user typing again. Before (session 31's import thread, ee88f28), the
// results stayed empty until the next key: count 0, expected 1.
void TestImportQueue::searchFollowsAnImport() {
    LibraryRig rig;
    rig.library.search(QStringLiteral("harbour"));
    QCOMPARE(rig.library.searchResults()->rowCount(), 0);
    QSignalSpy done(&rig.importer, &BundleImportController::importFinished);
    rig.importer.importInBackground(rig.exportFile(QStringLiteral("harbour.json"), QStringLiteral("Harbour")));
    QVERIFY(done.wait(30000));
    QCOMPARE(rig.importer.message(), QStringLiteral("Imported “Harbour” (2 messages)."));
    QCOMPARE(rig.library.searchResults()->rowCount(), 1);
    const QModelIndex hit = rig.library.searchResults()->index(0);
    QCOMPARE(hit.data(SearchResultModel::TitleRole).toString(), QStringLiteral("Harbour"));
    QCOMPARE(hit.data(SearchResultModel::ConversationIdRole).toLongLong(), rig.chat.currentConversationId());
    // No search open: the import leaves the (empty) results alone.
    rig.library.search(QString());
    rig.importer.importInBackground(rig.exportFile(QStringLiteral("ferry.json"), QStringLiteral("Ferry")));
    QVERIFY(done.wait(30000));
    QCOMPARE(rig.library.searchResults()->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestImportQueue)
#include "test_import_queue.moc"
