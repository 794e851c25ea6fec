// test_export_folders.cpp — a chat's folder in its exports and back: the JSON's and a bundle's "folder" (absent for
// none), the Markdown's last line. Code: app/core/conversation_export*.cpp; the folders themselves:
// test_store_folders.cpp.
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <QtTest>

#include "conversation_export.h"
#include "store/conversation_store.h"

using namespace rwkv;
using namespace rwkv::app;

class TestExportFolders : public QObject {
    Q_OBJECT

private slots:
    void exportsNameTheFolder();

private:
    /// A two-message chat titled `title`.
    static qint64 chat(store::ConversationStore& store, const QString& title) {
        const qint64 c = store.createConversation(title);
        const qint64 q = store.addMessage(c, 0, store::Role::User, QStringLiteral("Where is the harbour?"));
        store.addMessage(c, q, store::Role::Assistant, QStringLiteral("Down the hill."));
        return c;
    }
    /// The "conversation" object of a JSON export or of a bundle's JSON part.
    static QJsonObject conversationOf(const QByteArray& file) {
        QByteArray json = file;
        if (file.startsWith("RWKVCB01"))
            json = file.mid(32, qsizetype(qFromLittleEndian<quint64>(file.constData() + 16)));
        return QJsonDocument::fromJson(json).object().value(QStringLiteral("conversation")).toObject();
    }
};

// Session 48 added folders; an export did not say which one a chat was in, so a library moved by export and import
// lost its grouping. The folder goes by name (an id is its library's own), absent for a chat in none.
void TestExportFolders::exportsNameTheFolder() {
    store::ConversationStore store(QStringLiteral(":memory:"));
    const qint64 filed = chat(store, QStringLiteral("Filed")), loose = chat(store, QStringLiteral("Loose"));
    store.setFolder(filed, store.createFolder(QStringLiteral("日本語の練習")));

    const QJsonObject json = conversationOf(exportJson(store, filed));
    QCOMPARE(json.value(QStringLiteral("folder")).toString(), QStringLiteral("日本語の練習"));
    QVERIFY(!conversationOf(exportJson(store, loose)).contains(QStringLiteral("folder")));

    // A bundle carries it in its JSON part: a field a reader that does not know it passes over (it imports the chat
    // unfiled), so no new bundle version, which every older version would refuse whole; the text checksum covers it.
    const QByteArray bundle = exportBundle(store, filed);
    QCOMPARE(qFromLittleEndian<quint32>(bundle.constData() + 8), quint32(1));  // no state-tuning file: version 1
    QCOMPARE(conversationOf(bundle).value(QStringLiteral("folder")).toString(), QStringLiteral("日本語の練習"));
    QVERIFY(!conversationOf(exportBundle(store, loose)).contains(QStringLiteral("folder")));
    const QJsonObject root = QJsonDocument::fromJson(exportJson(store, filed)).object();
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), kJsonVersion);
    QCOMPARE(kJsonVersion, 1);

    // The Markdown names it in its last line, beside the model ("(model M, folder "Work")"): it has no header lines
    // (the title and the instructions above the messages are the chat's own text).
    const QString md = QString::fromUtf8(exportMarkdown(store, filed));
    QVERIFY2(md.contains(QStringLiteral(" (folder \"日本語の練習\"); the newest branch, 2 of 2 messages.*\n")), qPrintable(md));
    QVERIFY(md.startsWith(QStringLiteral("# Filed\n\n**User:** Where is the harbour?")));
    const QString looseMd = QString::fromUtf8(exportMarkdown(store, loose));
    QVERIFY2(!looseMd.contains(QStringLiteral("folder")) && !looseMd.contains(QStringLiteral(" ()")), qPrintable(looseMd));
    // A folder deleted since: the chat is in none, and says so by saying nothing
    store.deleteFolder(store.listFolders().front().id);
    QVERIFY(!conversationOf(exportJson(store, filed)).contains(QStringLiteral("folder")));
}

QTEST_GUILESS_MAIN(TestExportFolders)
#include "test_export_folders.moc"
