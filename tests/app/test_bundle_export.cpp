// test_bundle_export.cpp — BundleImportController's Export… (exportConversation): bundle, JSON and Markdown by the
// file's ending, never over a database, a full disk, a missing folder and a name too long said; the name Export…
// suggests; the folder the Import… and Export… dialogs open in (fileFolder); the export banner's cut title. Imports:
// test_bundle_import.cpp. The set-up of both: import_rig.h. Code: app/core/bundle_import_controller.*
#include "import_rig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

#include "app_settings.h"
#include "bundle_import_controller.h"
#include "chat_controller.h"
#include "conversation_export.h"
#include "inference_worker.h"
#include "models/download_manager.h"
#include "models/model_manager_controller.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

using namespace rwkv;
using namespace rwkv::app;
using namespace rwkv::test;

class TestBundleExport : public QObject {
    Q_OBJECT

private slots:
    void exportWritesBundleJsonAndMarkdown();
    void suggestedExportNameFitsAFileName();
    void dialogsOpenWhereTheLastFileWas();
    void exportBannerCutsALongTitle();
};

// The "⋯" menu's Export… (new-user trial, session 13: the app imported conversations but could not export one; only
// `rwkv-cli export --db … --conversation ID` could). The file's ending picks the format; what it writes imports back.
void TestBundleExport::exportWritesBundleJsonAndMarkdown() {
    ImportRig rig;
    const QTemporaryDir& dir = rig.dir;
    const QString& db = rig.db;
    store::ConversationStore& store = rig.store;
    BundleImportController& importer = rig.importer;
    const qint64 id = store.createConversation(QStringLiteral("Harbour"));
    const qint64 u = store.addMessage(id, 0, store::Role::User, QStringLiteral("Where is the harbour?"));
    store.addMessage(id, u, store::Role::Assistant, QStringLiteral("Down the hill."));

    // No ending: a bundle, named .rwkvchat; it parses back to the same two messages.
    const QString bundle = dir.filePath(QStringLiteral("harbour.rwkvchat"));
    QVERIFY(importer.exportConversation(id, QUrl::fromLocalFile(dir.filePath(QStringLiteral("harbour"))).toString()));
    QVERIFY(!importer.messageIsError());
    QCOMPARE(importer.message(),
             QStringLiteral("Saved “\u2068Harbour\u2069” as a conversation bundle, to continue it elsewhere with Import…: \u2068") +
                 bundle + u'\u2069');
    QFile f(bundle);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith(kBundleMagic));
    const ParsedConversation parsed = parseConversationFile(bytes);
    QCOMPARE(parsed.info.title, QStringLiteral("Harbour"));
    QCOMPARE(parsed.info.messages, 2);
    // Imported back into the same library: its conversation opens, and the banner does not claim it was imported
    // before (it said "(imported before)", session 20's trial F5).
    QCOMPARE(importer.importFile(bundle), id);
    QCOMPARE(importer.message(), QStringLiteral("“\u2068Harbour\u2069” is already in your library (this file was exported from it "
                                                "or imported before): opened it."));
    // .json: the JSON export; .md: Markdown of the branch on screen.
    const QString json = dir.filePath(QStringLiteral("harbour.json"));
    QVERIFY(importer.exportConversation(id, json));
    QCOMPARE(importer.message(), QStringLiteral("Saved “\u2068Harbour\u2069” as a JSON export: \u2068") + json + u'\u2069');
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    QCOMPARE(parseConversationFile(j.readAll()).info.messages, 2);
    const QString md = dir.filePath(QStringLiteral("harbour.md"));
    QVERIFY(importer.exportConversation(id, md));
    QFile m(md);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QByteArray markdown = m.readAll();
    QVERIFY2(markdown.startsWith("# Harbour\n") && markdown.contains("Down the hill."), markdown.constData());

    // A full disk (a file-size limit of half the bundle stands in; an older file of that name is there): Qt 6.4's
    // QSaveFile failed its flush inside commit() and still committed the cut file over the old one, returning true,
    // so the export said "Saved …" (new-user trial, session 14, a full tmpfs: 8,192 of 12,000 bytes). Now refused,
    // the old file whole, and the message says why instead of Qt's "Unknown error".
    const QString older = dir.filePath(QStringLiteral("full.rwkvchat"));
    QVERIFY(QFile::copy(bundle, older));
    {
        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit small = old;
        small.rlim_cur = rlim_t(bytes.size() / 2);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);  // the write stops short instead of killing us
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const bool ok = importer.exportConversation(id, dir.filePath(QStringLiteral("full.rwkvchat")));
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(!ok);
        QVERIFY(importer.messageIsError());
        QVERIFY2(importer.message().startsWith(QStringLiteral("Could not write “\u2068full.rwkvchat\u2069”: the disk is full or the "
                                                              "file cannot grow (")),
                 qPrintable(importer.message()));
        QVERIFY2(importer.message().endsWith(QStringLiteral(" free). Nothing was written.")), qPrintable(importer.message()));
        QFile kept(older);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), bytes);  // the older file, whole
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("full.rwkvchat*")}, QDir::Files | QDir::Hidden).size(), 1);
    }

    // Into a folder that is not there: refused before anything is written, and the message names that folder (the
    // new-user trial of session 19 saw only 'Could not write “hello.rwkvchat”: No such file or directory').
    const QString nowhere = dir.filePath(QStringLiteral("no-such-folder"));
    QVERIFY(!importer.exportConversation(id, QUrl::fromLocalFile(nowhere + QStringLiteral("/hello.rwkvchat")).toString()));
    QVERIFY(importer.messageIsError());
    QCOMPARE(importer.message(), QStringLiteral("Could not write “\u2068hello.rwkvchat\u2069”: there is no folder “\u2068%1\u2069”. Nothing was "
                                                "written.").arg(nowhere));
    QVERIFY(!QFileInfo::exists(nowhere));

    // A name longer than a file name may be (100 Chinese characters: 309 bytes with ".rwkvchat") is said as such:
    // before, "the disk is full or the file cannot grow (… needed, … free)" (session 30's trial, A5; Qt's QSaveFile
    // fails only at commit() there). 255 bytes (83 characters and "abc.md") are written.
    const QString longName = QString(100, QChar(0x957F)) + QStringLiteral(".rwkvchat");
    QVERIFY(!importer.exportConversation(id, QUrl::fromLocalFile(dir.filePath(longName)).toString()));
    QVERIFY(importer.messageIsError());
    QCOMPARE(importer.message(), QStringLiteral("Could not write “\u2068%1\u2069”: the name is too long (309 bytes of UTF-8, where a "
                                                "file name may have at most 255). Choose a shorter name. Nothing was "
                                                "written.").arg(longName));
    const QString longest = dir.filePath(QString(83, QChar(0x957F)) + QStringLiteral("abc.md"));
    QVERIFY2(importer.exportConversation(id, longest), qPrintable(importer.message()));
    QCOMPARE(QFileInfo(longest).fileName().toUtf8().size(), 255);
    QVERIFY(QFileInfo(longest).size() > 0);

    // Never over a database (here the library itself): refused, the file unchanged; an unknown conversation likewise.
    const qint64 dbSize = QFileInfo(db).size();
    QVERIFY(!importer.exportConversation(id, db));
    QVERIFY(importer.messageIsError());
    QCOMPARE(importer.message(), QStringLiteral("Nothing was exported: “\u2068conversations.sqlite\u2069” is a conversation database, "
                                                "which an export never replaces. Choose another name."));
    QCOMPARE(QFileInfo(db).size(), dbSize);
    QCOMPARE(store.messages(id).size(), 2);
    QVERIFY(!importer.exportConversation(id + 100, dir.filePath(QStringLiteral("none.json"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("none.json"))));
}

// The name Export… suggests (Main.qml's exportDialog): the title without what a file name cannot hold, cut to 255
// bytes of UTF-8 with its ".rwkvchat" at a character boundary. Before (session 30's trial, A5) a title of 190 Chinese
// characters gave a 579-byte name, and Export failed.
void TestBundleExport::suggestedExportNameFitsAFileName() {
    ImportRig rig;
    const BundleImportController& importer = rig.importer;
    QCOMPARE(importer.suggestedExportName(QStringLiteral("Keys about a…")), QStringLiteral("Keys about a.rwkvchat"));
    QCOMPARE(importer.suggestedExportName(QStringLiteral("../../etc/passwd")), QStringLiteral("etc passwd.rwkvchat"));
    QCOMPARE(importer.suggestedExportName(QStringLiteral(" ...")), QStringLiteral("conversation.rwkvchat"));
    QCOMPARE(importer.suggestedExportName(QStringLiteral("a\nb\tc:d*e?\"f<g>h|i")), QStringLiteral("a b c d e f g h i.rwkvchat"));
    const QChar chang(0x957F);  // 长, 3 bytes of UTF-8
    // The trial's title: 82 characters (246 bytes) and ".rwkvchat" (9) are 255 bytes.
    const QString trial = QString(190, chang) + QStringLiteral("/x:y*?\"<>|");
    QCOMPARE(importer.suggestedExportName(trial), QString(82, chang) + QStringLiteral(".rwkvchat"));
    // Cut at a character boundary: one byte more ("a" first) leaves 81 characters, not a broken one.
    QCOMPARE(importer.suggestedExportName(QLatin1Char('a') + trial), QLatin1Char('a') + QString(81, chang) + QStringLiteral(".rwkvchat"));
    // A whole emoji sequence or none of it (a family of four: 25 bytes, 11 UTF-16 units), no space left at the end.
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466");
    QCOMPARE(family.toUtf8().size(), 25);
    QString title = QString(220, QLatin1Char('x')) + QLatin1Char(' ') + family;  // 221 + 25 + 9 = 255: it fits
    QCOMPARE(importer.suggestedExportName(title), title + QStringLiteral(".rwkvchat"));
    title.prepend(QLatin1Char('y'));
    QCOMPARE(importer.suggestedExportName(title), QLatin1Char('y') + QString(220, QLatin1Char('x')) + QStringLiteral(".rwkvchat"));
    // Short titles are unchanged, and every result fits.
    for (const QString& t : {QString(300, QChar(0x00E9)), QString(200, chang), QStringLiteral("Harbour")})
        QVERIFY(importer.suggestedExportName(t).toUtf8().size() <= 255);
    QCOMPARE(importer.suggestedExportName(QStringLiteral("Harbour")), QStringLiteral("Harbour.rwkvchat"));
}

// Import… and Export… open in Importer.fileFolder (Main.qml): the Documents folder (else home) the first time, then the
// folder of the file imported or exported last, also after a restart (the settings keep it), while it exists. Before,
// Import opened in the folder the app was started from and Export always in home (new-user trial, session 19).
void TestBundleExport::dialogsOpenWhereTheLastFileWas() {
    QTemporaryDir dir, home;
    QVERIFY(dir.isValid() && home.isValid());
    const QByteArray oldHome = qgetenv("HOME"), oldConfig = qgetenv("XDG_CONFIG_HOME");
    qputenv("HOME", home.path().toUtf8());  // no user-dirs.dirs: Documents is $HOME/Documents
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral(".config")).toUtf8());
    const auto restore = qScopeGuard([&] {
        qputenv("HOME", oldHome);
        qputenv("XDG_CONFIG_HOME", oldConfig);
    });
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    store::ConversationStore store(db);
    store::DownloadStore downloadStore(db);
    const models::ModelCatalog catalog;
    models::DownloadManager downloads(downloadStore);
    models::ModelManagerController modelManager(catalog, downloads, dir.filePath(QStringLiteral("models")));
    InferenceWorker worker(store, QStringLiteral(RWKV_TESTDATA_DIR));
    ChatController chat(store, worker);
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const QUrl homeUrl = QUrl::fromLocalFile(home.path());
    {
        AppSettings settings(ini);
        BundleImportController importer(store, chat, modelManager, catalog, &settings);
        QSignalSpy moved(&importer, &BundleImportController::fileFolderChanged);
        QCOMPARE(importer.fileFolder(), homeUrl);  // no Documents folder: home
        QVERIFY(QDir(home.path()).mkdir(QStringLiteral("Documents")));
        QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(home.filePath(QStringLiteral("Documents"))));

        // Imported from "inbox" (by URL, as the dialog gives it): both dialogs open there.
        const QString inbox = dir.filePath(QStringLiteral("inbox"));
        QVERIFY(QDir().mkpath(inbox));
        const QString file = writeFile(inbox + QStringLiteral("/harbour.json"),
                                       exportedConversation(QStringLiteral("Harbour"), QString()));
        const qint64 id = importer.importFile(QUrl::fromLocalFile(file).toString());
        QVERIFY(id > 0);
        QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(inbox));
        QCOMPARE(moved.count(), 1);
        // A file that is not a conversation still moves the dialog there (the right file is likely beside it).
        const QString other = dir.filePath(QStringLiteral("other"));
        QVERIFY(QDir().mkpath(other));
        importer.importFile(writeFile(other + QStringLiteral("/notes.txt"), "just some notes"));
        QVERIFY(importer.messageIsError());
        QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(other));
        // Exported to "outbox": there.
        const QString outbox = dir.filePath(QStringLiteral("outbox"));
        QVERIFY(QDir().mkpath(outbox));
        QVERIFY(importer.exportConversation(id, QUrl::fromLocalFile(outbox + QStringLiteral("/h.rwkvchat")).toString()));
        QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(outbox));
        QCOMPARE(moved.count(), 3);
        // A folder that is not there is not remembered.
        QVERIFY(!importer.exportConversation(id, dir.filePath(QStringLiteral("gone/h.rwkvchat"))));
        QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(outbox));
        QCOMPARE(moved.count(), 3);
    }
    // The next start: the same folder, until it is removed (then Documents again).
    AppSettings settings(ini);
    BundleImportController importer(store, chat, modelManager, catalog, &settings);
    QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(dir.filePath(QStringLiteral("outbox"))));
    QVERIFY(QDir(dir.filePath(QStringLiteral("outbox"))).removeRecursively());
    QCOMPARE(importer.fileFolder(), QUrl::fromLocalFile(home.filePath(QStringLiteral("Documents"))));
}

// The export banner quotes a title of 200 characters by its first 60 and "…": the path after it holds the title again
// (Export…'s suggested name), and the banner said it twice over four lines (session 32's trial, nit).
void TestBundleExport::exportBannerCutsALongTitle() {
    ImportRig rig;
    const QString title = QStringLiteral("Harbour ").repeated(25);  // 200 characters
    const qint64 id = rig.store.createConversation(title);
    rig.chat.refreshConversations();
    const QString json = rig.dir.filePath(QStringLiteral("h.json"));
    QVERIFY2(rig.importer.exportConversation(id, json), qPrintable(rig.importer.message()));
    QCOMPARE(rig.importer.message(), QStringLiteral("Saved “\u2068") + title.left(60) + QStringLiteral("…\u2069” as a JSON "
                                                    "export: \u2068") + json + u'\u2069');
}

QTEST_GUILESS_MAIN(TestBundleExport)
#include "test_bundle_export.moc"
