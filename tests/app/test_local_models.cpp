// tests/app/test_local_models.cpp — the Models page's models on this computer (ModelManagerController): the model in
// use listed after a delete and from another folder, names from outside shown on one line, an import name too long
// for the file system refused before copying, every numbered copy of a name compared at import, a name with no room
// for " (2)" refused by its own length, a refusal forgotten when the next import starts, names that are not UTF-8
// named not dropped, a read-only models folder listed and used, a model copied in while the app is open, and into its
// folder removed and made again; Import from disk's first folder.
// Split from test_model_manager.cpp (session 32) when it passed 800 lines.
#include "download_test_util.h"
#include "http_test_server.h"
#include "model_manager_page.h"
#include "read_only_folder.h"

#include "app_paths.h"
#include "models/disk_space.h"
#include "models/download_manager.h"
#include "models/folder_watch.h"
#include "models/model_manager_controller.h"
#include "models/model_settings.h"
#include "models/network_problem.h"
#include "models/one_line.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace rwkv::models;

class TestLocalModels : public QObject {
    Q_OBJECT

private slots:
    void deletedModelInUseStaysListed();
    void fileNameWithALineBreakIsShownOnOneLine();
    void longImportNameIsRefusedBeforeCopying();
    void importComparesEveryNumberedCopy();
    void nameWithNoRoomForANumberIsRefusedByItsOwnLength();
    void refusedImportIsForgottenWhenTheNextStarts();
    void importSentencesQuoteNamesOnOneLineIsolated();
    void fileNameNotUtf8IsNamedNotDropped();
    void readOnlyFolderIsListedAndUsed();
    void modelCopiedInIsListedWhileOpen();
    void folderMadeAgainIsWatched();
    void importFolderFirstTimeIsDownloads();
};

namespace {

/// "copied.pth 3000": each row of `controller`'s localModels, its file name and size in bytes.
QStringList namesAndSizes(const ModelManagerController& controller) {
    QStringList out;
    for (const QVariant& v : controller.localModels()) {
        const QVariantMap m = v.toMap();
        out << m.value(QStringLiteral("fileName")).toString() + u' ' +
                   QString::number(m.value(QStringLiteral("sizeBytes")).toLongLong());
    }
    return out;
}

}  // namespace

// Session 27's trial, N3: Delete on the model in use emptied the list ("No models yet") while the chat went on with
// it, still loaded, and the footer named it. Its row stays, marked deleted (the page: "Deleted: it stays loaded until
// you choose another model or quit", no Delete), until another model is in use; the row in use is marked (the dialog
// asks with that in mind).
void TestLocalModels::deletedModelInUseStaysListed() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // its migrations
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadOptions options;
    options.useSystemProxy = false;
    DownloadManager downloads(store, options);
    for (const char* name : {"a.pth", "b.pth"}) {
        QFile f(models.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(2000, 'w'));
    }
    ModelManagerController controller(ModelCatalog(), downloads, models.path());
    const auto rows = [&] {
        QStringList out;  // "a.pth 2.00 KB in use", "a.pth deleted in use"
        for (const QVariant& v : controller.localModels()) {
            const QVariantMap m = v.toMap();
            out << (m.value(QStringLiteral("fileName")).toString() +
                    (m.value(QStringLiteral("deleted")).toBool() ? QStringLiteral(" deleted")
                                                                 : u' ' + m.value(QStringLiteral("sizeText")).toString()) +
                    (m.value(QStringLiteral("inUse")).toBool() ? QStringLiteral(" in use") : QString()));
        }
        return out;
    };
    QCOMPARE(rows(), (QStringList{QStringLiteral("a.pth 2.00 KB"), QStringLiteral("b.pth 2.00 KB")}));
    controller.setModelInUse(models.filePath(QStringLiteral("a.pth")));
    QCOMPARE(rows(), (QStringList{QStringLiteral("a.pth 2.00 KB in use"), QStringLiteral("b.pth 2.00 KB")}));
    QSignalSpy changed(&controller, &ModelManagerController::localModelsChanged);
    controller.deleteModel(QStringLiteral("a.pth"));
    QVERIFY(!QFile::exists(models.filePath(QStringLiteral("a.pth"))));
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB"), QStringLiteral("a.pth deleted in use")}));
    QCOMPARE(changed.count(), 1);
    controller.refreshLocalModels();  // the page opened again
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB"), QStringLiteral("a.pth deleted in use")}));
    controller.setModelInUse(models.filePath(QStringLiteral("b.pth")));
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB in use")}));
    // A model in use from another folder (session 31's trial: chosen with another --data-dir) is listed with its folder,
    // not to be deleted from here; before, the page said "No models yet" beside it. One that does not exist is not.
    controller.setModelInUse(dir.filePath(QStringLiteral("gone.pth")));
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB")}));
    QFile elsewhere(dir.filePath(QStringLiteral("elsewhere.pth")));
    QVERIFY(elsewhere.open(QIODevice::WriteOnly));
    elsewhere.write(QByteArray(3000, 'e'));
    elsewhere.close();
    controller.setModelInUse(elsewhere.fileName());
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB"), QStringLiteral("elsewhere.pth 3.00 KB in use")}));
    const QVariantMap row = controller.localModels().constLast().toMap();
    QCOMPARE(row.value(QStringLiteral("folder")).toString(), QDir(dir.path()).absolutePath());
    QVERIFY(row.value(QStringLiteral("elsewhere")).toBool());
    controller.deleteModel(elsewhere.fileName());  // refused: not a file of the models folder
    QVERIFY(QFile::exists(elsewhere.fileName()));
    // The bundled demo model is not listed (the page's empty note names it).
    QFile demo(dir.filePath(QLatin1String(rwkv::app::kDemoModelFileName)));
    QVERIFY(demo.open(QIODevice::WriteOnly));
    demo.close();
    controller.setModelInUse(demo.fileName());
    QCOMPARE(rows(), (QStringList{QStringLiteral("b.pth 2.00 KB")}));
}

// A model file named with a line break ("new⏎line.safetensors": a file system takes it) was drawn on two lines in
// Models, its size and buttons on the second (session 28's trial, N6). Its row's shownName is one line, the break
// written as an escape; fileName stays the file's own (Use and Delete go by the path). A name with U+202E (right-to-left
// override) is escaped too, by the rule of a lock's host name (oneLine): before session 32 the file names' own rule
// left format characters raw, and "a\u202egpj.pth" was drawn as "ahtp.jpg".
void TestLocalModels::fileNameWithALineBreakIsShownOnOneLine() {
    QCOMPARE(oneLine(QStringLiteral("new\nline.safetensors")), QStringLiteral("new\\nline.safetensors"));
    QCOMPARE(oneLine(QStringLiteral("a\r\tb\x01" "c\u2028d ✓ 你好.pth")),
             QStringLiteral("a\\r\\tb\\u0001c\\u2028d ✓ 你好.pth"));
    QCOMPARE(oneLine(QStringLiteral("a\u202egpj.pth\u2066\uE000")), QStringLiteral("a\\u202egpj.pth\\u2066\\ue000"));
    // An emoji sequence's U+200D (ZWJ) is part of its picture, as a file manager shows the name (session 40's check:
    // "\U0001f468\u200d\U0001f469\u200d\U0001f467"); a joiner anywhere else is escaped as before, and a cut name
    // does not end in one.
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
    QCOMPARE(oneLine(family + QStringLiteral(" rwkv.pth")), family + QStringLiteral(" rwkv.pth"));
    QCOMPARE(oneLine(QStringLiteral("\U0001F469\U0001F3FD\u200D\U0001F4BB.pth")),  // a skin tone before the joiner
             QStringLiteral("\U0001F469\U0001F3FD\u200D\U0001F4BB.pth"));
    QCOMPARE(oneLine(QStringLiteral("a\u200Db \U0001F469\u200D.pth\u200D")),
             QStringLiteral("a\\u200db \U0001F469\\u200d.pth\\u200d"));
    QCOMPARE(oneLine(QStringLiteral("\u200D\U0001F469")), QStringLiteral("\\u200d\U0001F469"));
    QCOMPARE(oneLine(family, 3), QStringLiteral("\U0001F468\u2026"));  // cut after the first emoji, not its joiner
    QCOMPARE(oneLine(QStringLiteral("x\U0001F469\u200D\u202E\U0001F4BB")),  // an escape ends the picture
             QStringLiteral("x\U0001F469\\u200d\\u202e\U0001F4BB"));
    // A subdivision flag (U+1F3F4, tag letters, U+E007F CANCEL TAG: England's) is one picture too (session 41's
    // leftover: it was shown as "🏴\U000e0067…"); tag characters without the flag, or without their cancel tag, are
    // escaped, and a cut name does not end inside the flag.
    const QString england = QStringLiteral("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F");
    QCOMPARE(oneLine(england + QStringLiteral(" rwkv.pth")), england + QStringLiteral(" rwkv.pth"));
    QCOMPARE(oneLine(QStringLiteral("a\U000E0067\U000E007F.pth")), QStringLiteral("a\\U000e0067\\U000e007f.pth"));
    QCOMPARE(oneLine(QStringLiteral("\U0001F3F4\U000E0067.pth")), QStringLiteral("\U0001F3F4\\U000e0067.pth"));
    QCOMPARE(oneLine(QStringLiteral("\U0001F3F4\U000E007F")), QStringLiteral("\U0001F3F4\\U000e007f"));
    QCOMPARE(oneLine(QStringLiteral("ab") + england, 5), QStringLiteral("ab\u2026"));
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    for (const QString& name : {QStringLiteral("new\nline.safetensors"), QStringLiteral("z\u202egpj.pth")}) {
        QFile f(models.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // its migrations
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions());
    ModelManagerController controller(ModelCatalog(), downloads, models.path());
    QCOMPARE(controller.localModels().size(), 2);
    // Between U+2066 and U+2069, left to right (session 42's trial: a name starting in Arabic was drawn as a right-to-
    // left paragraph, on the right and with its escape split, "u202egguf.pth\نموذج"); before: without them.
    const QVariantMap row = controller.localModels().constFirst().toMap();
    QCOMPARE(row.value(QStringLiteral("shownName")).toString(), QStringLiteral("\u2066new\\nline.safetensors\u2069"));
    QCOMPARE(row.value(QStringLiteral("fileName")).toString(), QStringLiteral("new\nline.safetensors"));
    const QVariantMap bidi = controller.localModels().constLast().toMap();
    QCOMPARE(bidi.value(QStringLiteral("shownName")).toString(), QStringLiteral("\u2066z\\u202egpj.pth\u2069"));
    QCOMPARE(bidi.value(QStringLiteral("fileName")).toString(), QStringLiteral("z\u202egpj.pth"));
}

// A model file whose name has 246 bytes or more cannot be copied as "<name>.importing" (255 bytes at most): the import
// refuses it at once, saying so, and writes nothing. Before (session 32's list) it started, the copy failed and the
// banner said "Could not copy … (is the disk full?)". 245 bytes import; 246, and 246 in 94 characters (你: 3 bytes,
// ä: 2), do not.
void TestLocalModels::longImportNameIsRefusedBeforeCopying() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    const QString outside = dir.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(models) && QDir().mkpath(outside));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models);
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    const QString suffix = QStringLiteral(".safetensors");
    const QString longest = QString(245 - suffix.size(), u'a') + suffix;
    const QString tooLong = QString(246 - suffix.size(), u'b') + suffix;
    const QString tooLongWide = QStringLiteral("你").repeated(70) + QStringLiteral("ä").repeated(12) + suffix;
    QCOMPARE(QFile::encodeName(longest).size(), 245);
    QCOMPARE(QFile::encodeName(tooLong).size(), 246);
    QCOMPARE(QFile::encodeName(tooLongWide).size(), 246);  // in 94 characters
    for (const QString& name : {longest, tooLong, tooLongWide})
        QVERIFY2(QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors"),
                             QDir(outside).filePath(name)),
                 qPrintable(name));
    for (const QString& name : {tooLong, tooLongWide}) {
        const qsizetype bytes = QFile::encodeName(name).size();
        controller.clearError();
        controller.importModel(QUrl::fromLocalFile(QDir(outside).filePath(name)));
        QVERIFY2(!controller.importing(), qPrintable(name));  // refused at once, no copy started
        // The name's first 60 characters (before session 33 all of them: 246 bytes filled the banner).
        QCOMPARE(controller.errorMessage(),
                 QStringLiteral("\u2068%1…\u2069 cannot be imported: its file name is %2 bytes long, and the copy is made under its "
                                "name with “.importing” after it, which would pass the 255 bytes a file name can have. "
                                "The longest name that imports is 245 bytes; rename the file, then import it.")
                     .arg(name.first(60), QString::number(bytes)));
        QVERIFY(QDir(models).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System));
    }
    controller.clearError();
    controller.importModel(QUrl::fromLocalFile(QDir(outside).filePath(longest)));
    QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
    QVERIFY(ready.wait(20000));
    QCOMPARE(controller.errorMessage(), QChar(0x2068) + longest.first(60) + QStringLiteral("…\u2069 was imported into the models folder."));
    QVERIFY(QFile::exists(QDir(models).filePath(longest)));
}

namespace {
/// A models folder (made) in a temporary folder, its controller and a spy on importingChanged: the import tests' rig.
struct ImportRig {
    static QDir made(const QString& path) {
        QDir().mkpath(path);
        return QDir(path);
    }
    QTemporaryDir dir;
    const QDir models = made(dir.filePath(QStringLiteral("models")));
    AppDownloads app{dir};
    ModelManagerController controller{ModelCatalog(), app.manager, models.path()};
    QSignalSpy importingChanged{&controller, &ModelManagerController::importingChanged};
};

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}
}  // namespace

// Session 33's check, LOW: a file with the bytes of "m (2).safetensors" imported as "m.safetensors" (whose bytes
// differ) made "m (3).safetensors", a second copy of the same model. Every copy of the name ("m", "m (2)", … and a
// number after a gap) is compared: the same bytes are said to be there by the copy's name, nothing is written;
// other bytes take the first free number.
void TestLocalModels::importComparesEveryNumberedCopy() {
    ImportRig rig;
    const QDir& models = rig.models;
    ModelManagerController& controller = rig.controller;
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    QFile model(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors"));
    QVERIFY(model.open(QIODevice::ReadOnly));
    const QByteArray whole = model.readAll();
    const auto variant = [&whole](char last) {  // the same size, its last tensor's last byte changed
        QByteArray v = whole;
        v[v.size() - 1] = last;
        return v;
    };
    const QByteArray a = variant('\x01'), b = variant('\x02'), c = variant('\x03'), d = variant('\x04');
    QVERIFY(writeFile(models.filePath(QStringLiteral("m.safetensors")), a));
    QVERIFY(writeFile(models.filePath(QStringLiteral("m (2).safetensors")), b));
    const QString outside = rig.dir.filePath(QStringLiteral("m.safetensors"));
    const auto importAs = [&](const QByteArray& bytes) {
        ready.clear();
        controller.clearError();
        if (!writeFile(outside, bytes)) return false;
        controller.importModel(QUrl::fromLocalFile(outside));
        return controller.importing() && rig.importingChanged.wait(20000) && !controller.importing();
    };
    const auto names = [&] { return models.entryList(QDir::Files | QDir::Hidden, QDir::Name); };

    QVERIFY(importAs(b));  // "m (2)"'s bytes: there already, no "m (3)"
    QCOMPARE(controller.errorMessage(),
             QStringLiteral("\u2068m.safetensors\u2069 is already in the models folder, as \u2068m (2).safetensors\u2069."));
    QVERIFY(controller.errorIsNote());  // not a failure: the banner's neutral colours (session 33's check)
    QCOMPARE(ready.size(), 0);
    QCOMPARE(names(), (QStringList{QStringLiteral("m (2).safetensors"), QStringLiteral("m.safetensors")}));

    QVERIFY(importAs(c));  // other bytes: the first free number
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), models.filePath(QStringLiteral("m (3).safetensors")));
    QCOMPARE(controller.errorMessage(), QStringLiteral("\u2068m.safetensors\u2069 was imported as \u2068m (3).safetensors\u2069: "
                                                       "the models folder already has another file named "
                                                       "\u2068m.safetensors\u2069."));
    QVERIFY(controller.errorIsNote());  // it went in and loads: drawn as a success (it was red)

    // "m (2)" deleted: "m (3)" is still compared, and a new file fills the gap.
    QVERIFY(QFile::remove(models.filePath(QStringLiteral("m (2).safetensors"))));
    QVERIFY(importAs(c));
    QCOMPARE(controller.errorMessage(),
             QStringLiteral("\u2068m.safetensors\u2069 is already in the models folder, as \u2068m (3).safetensors\u2069."));
    QCOMPARE(ready.size(), 0);
    QVERIFY(importAs(d));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), models.filePath(QStringLiteral("m (2).safetensors")));
    QVERIFY(importAs(a));  // the name's own copy: said as before
    QCOMPARE(controller.errorMessage(), QStringLiteral("\u2068m.safetensors\u2069 is already in the models folder."));
    QCOMPARE(names(), (QStringList{QStringLiteral("m (2).safetensors"), QStringLiteral("m (3).safetensors"),
                                   QStringLiteral("m.safetensors")}));
    QFile filled(models.filePath(QStringLiteral("m (2).safetensors")));
    QVERIFY(filled.open(QIODevice::ReadOnly));
    QCOMPARE(filled.readAll(), d);
}

// Session 33's check, LOW: a 242-byte name already in the models folder was refused with "its file name is 246 bytes
// long" — the length of "name (2)", a name the user never gave. The refusal now says the user's name's length and
// how long it may be. A file of another size is refused at once; one of the same size once its bytes are compared
// (the same bytes are there already, as before); nothing is written either way.
void TestLocalModels::nameWithNoRoomForANumberIsRefusedByItsOwnLength() {
    ImportRig rig;
    const QDir& models = rig.models;
    ModelManagerController& controller = rig.controller;
    QSignalSpy& importingChanged = rig.importingChanged;
    const QString suffix = QStringLiteral(".safetensors");
    const QString name = QString(242 - suffix.size(), u'n') + suffix;  // "name (2)…" would be 246 bytes
    QCOMPARE(QFile::encodeName(name).size(), 242);
    const QString outside = rig.dir.filePath(name), inside = models.filePath(name);
    QVERIFY(QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors"), outside));
    QFile mine(outside);
    QVERIFY(mine.open(QIODevice::ReadOnly));
    const QByteArray bytes = mine.readAll();
    const auto put = [&inside](const QByteArray& content) { return writeFile(inside, content); };
    const QString refusal =
        QStringLiteral("\u2068%1…\u2069 cannot be imported under another name: the models folder already has a file of that name, "
                       "and its name, 242 bytes long, leaves no room for “ (2)” in the 255 bytes a file name can have "
                       "(the copy is made with “.importing” after it). Rename the file to at most 241 bytes, then "
                       "import it.")
            .arg(name.first(60));
    const auto entries = [&] { return models.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden); };

    QVERIFY(put(QByteArray(1000, 'x')));  // another size: refused at once
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY(!controller.importing());
    QCOMPARE(controller.errorMessage(), refusal);
    QCOMPARE(entries(), QStringList{name});

    QByteArray other = bytes;  // the same size, other bytes: refused once compared
    other[other.size() - 1] = char(other.back() ^ 0x01);
    QVERIFY(put(other));
    controller.clearError();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
    QVERIFY(importingChanged.wait(20000));
    QVERIFY(!controller.importing());
    QCOMPARE(controller.errorMessage(), refusal);
    QVERIFY(!controller.errorIsNote());  // a refusal stays an error
    QCOMPARE(entries(), QStringList{name});

    QVERIFY(put(bytes));  // the same bytes: there already
    controller.clearError();
    controller.importModel(QUrl::fromLocalFile(outside));
    QVERIFY(importingChanged.wait(20000));
    QVERIFY(!controller.importing());
    QCOMPARE(controller.errorMessage(), QChar(0x2068) + name.first(60) + QStringLiteral("…\u2069 is already in the models folder."));
    QCOMPARE(entries(), QStringList{name});
}

// A refused import's banner went when the next import started: before (session 32's check) it stayed over the import
// that followed and after it was listed, as if that one had failed too.
void TestLocalModels::refusedImportIsForgottenWhenTheNextStarts() {
    QTemporaryDir dir;
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models);
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    const QString notAModel = dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(QFile::copy(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"), notAModel));
    controller.importModel(QUrl::fromLocalFile(notAModel));
    QCOMPARE(controller.errorMessage(),
             QStringLiteral("\u2068notes.txt\u2069 is not a model file (.pth, .gguf, .st, .safetensors or .bin)."));
    controller.importModel(QUrl::fromLocalFile(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth")));
    QVERIFY(controller.importing());
    QCOMPARE(controller.errorMessage(), QString());  // gone once the import started
    QVERIFY(ready.wait(20000));
    // Said, as a note: the page said nothing, its new row maybe below the fold (session 38's trial).
    QCOMPARE(controller.errorMessage(), QStringLiteral("\u2068tiny-rwkv7-834K.pth\u2069 was imported into the models folder."));
    QVERIFY(controller.errorIsNote());
    QCOMPARE(controller.localModels().size(), 1);
}

// Session 43's finding: Import from disk's sentences quoted the file's name and the engine's words as they were, where
// every other sentence of the window quotes a name isolated (U+2068 … U+2069) and on one line (models::oneLine): a
// name with a line break broke the banner in two, a U+202E in it turned the rest of the sentence around, and the
// engine's details (which begin with the name) did the same on their line. Each sentence now quotes the name as
// isolatedOneLine(name, 60) and the engine's words as oneLine, as the model button's "Could not load" details do.
void TestLocalModels::importSentencesQuoteNamesOnOneLineIsolated() {
    ImportRig rig;
    ModelManagerController& controller = rig.controller;
    const QString raw = QStringLiteral("odd\n\u202egpj");     // "odd", a line break, U+202E, "gpj"
    const QString shown = QStringLiteral("odd\\n\\u202egpj");  // as oneLine writes it
    const auto put = [&](const QString& name, qint64 bytes) {
        QFile src(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.safetensors"));
        return src.open(QIODevice::ReadOnly) && writeFile(rig.dir.filePath(name), bytes < 0 ? src.readAll() : src.read(bytes));
    };
    const QString notAModel = QStringLiteral(" is not a model file (.pth, .gguf, .st, .safetensors or .bin).");
    // Refused before the import thread: not a model's suffix; a long name, cut to its first 60 characters.
    QVERIFY(put(raw + QStringLiteral(".txt"), 100));
    controller.importModel(QUrl::fromLocalFile(rig.dir.filePath(raw + QStringLiteral(".txt"))));
    QCOMPARE(controller.errorMessage(), QChar(0x2068) + shown + QStringLiteral(".txt\u2069") + notAModel);
    const QString longName = QStringLiteral("\u05d0").repeated(100) + QStringLiteral(".txt");  // 204 bytes, right to left
    QVERIFY(put(longName, 100));
    controller.importModel(QUrl::fromLocalFile(rig.dir.filePath(longName)));
    QCOMPARE(controller.errorMessage(), QChar(0x2068) + longName.first(60) + QStringLiteral("\u2026\u2069") + notAModel);
    // A folder in the file's place: its path, on one line and isolated.
    const QString folder = rig.dir.filePath(raw + QStringLiteral(".pth"));
    QVERIFY(QDir().mkpath(folder));
    controller.importModel(QUrl::fromLocalFile(folder));
    QCOMPARE(controller.errorMessage(), QChar(0x2068) + oneLine(folder) + QStringLiteral("\u2069 is not a file."));
    // Refused by the engine on the import thread: the name isolated, the engine's words (which begin with the raw
    // name) on one line after "Details: ", no U+202E left in the sentence.
    QVERIFY(put(raw + QStringLiteral(".safetensors"), 2000));
    controller.importModel(QUrl::fromLocalFile(rig.dir.filePath(raw + QStringLiteral(".safetensors"))));
    QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
    QVERIFY(rig.importingChanged.wait(20000));
    QVERIFY(!controller.importing());
    const QString refused = controller.errorMessage();
    QVERIFY2(refused.startsWith(QChar(0x2068) + shown +
                                QStringLiteral(".safetensors\u2069 cannot be used as a model, so nothing was copied. The "
                                               "file is incomplete (an interrupted download or copy?). Download or copy "
                                               "it again.\nDetails: ") +
                                shown + QStringLiteral(".safetensors")),
             qPrintable(refused));
    QCOMPARE(refused.count(QLatin1Char('\n')), 1);  // the one before "Details:"
    QVERIFY2(!refused.contains(QChar(0x202E)), qPrintable(refused));
    QVERIFY(rig.models.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System));
    // Imported: the note names it so too.
    QVERIFY(put(raw + QStringLiteral("2.safetensors"), -1));
    controller.importModel(QUrl::fromLocalFile(rig.dir.filePath(raw + QStringLiteral("2.safetensors"))));
    QVERIFY2(controller.importing(), qPrintable(controller.errorMessage()));
    QVERIFY(rig.importingChanged.wait(20000));
    QCOMPARE(controller.errorMessage(),
             QChar(0x2068) + shown + QStringLiteral("2.safetensors\u2069 was imported into the models folder."));
}

// Session 30's check: a model file whose name is not UTF-8 text ("m\xff.pth") was left out of the list without a word
// (Qt 6's directory listing skips such a name; no Qt path opens it). Now unlistedNote names it (each bad byte as �)
// and says why; a file of another suffix or a folder with such a name is not named; the rest are listed as before.
void TestLocalModels::fileNameNotUtf8IsNamedNotDropped() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    const QByteArray folder = QFile::encodeName(models.path()) + '/';
    for (const QByteArray& name : {QByteArray("m\xff.pth"), QByteArray("good.pth"), QByteArray("n\xfe.txt")}) {
        const int fd = ::open((folder + name).constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY2(fd >= 0, name.constData());
        ::close(fd);
    }
    QVERIFY(::mkdir((folder + "d\xfd.gguf").constData(), 0755) == 0);
    const auto removeThem = qScopeGuard([&] {  // QTemporaryDir cannot: Qt does not list them
        for (const QByteArray& name : {QByteArray("m\xff.pth"), QByteArray("n\xfe.txt")}) ::unlink((folder + name).constData());
        ::rmdir((folder + "d\xfd.gguf").constData());
    });
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // its migrations
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions());
    ModelManagerController controller(ModelCatalog(), downloads, models.path());
    QCOMPARE(controller.localModels().size(), 1);
    QCOMPARE(controller.localModels().constFirst().toMap().value(QStringLiteral("fileName")).toString(),
             QStringLiteral("good.pth"));
    QCOMPARE(controller.unlistedNote(),
             QStringLiteral("Not listed: m\uFFFD.pth. A file name with bytes that are not UTF-8 text (shown as \uFFFD) "
                            "cannot be opened here; rename the file to use it."));
    QSignalSpy changed(&controller, &ModelManagerController::unlistedNoteChanged);
    QVERIFY(::rename((folder + "m\xff.pth").constData(), (folder + "m.pth").constData()) == 0);  // renamed: listed
    controller.refreshLocalModels();
    QCOMPARE(changed.size(), 1);
    QVERIFY(controller.unlistedNote().isEmpty());
    QCOMPARE(controller.localModels().size(), 2);
    // 400 of them (session 31's check: the note ran off the page): three named, then how many more.
    for (int i = 0; i < 400; ++i) {
        const int fd = ::open((folder + "x\xff" + QByteArray::number(i) + ".pth").constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
    }
    const auto removeMore = qScopeGuard([&] {
        for (int i = 0; i < 400; ++i) ::unlink((folder + "x\xff" + QByteArray::number(i) + ".pth").constData());
    });
    controller.refreshLocalModels();
    const QString note = controller.unlistedNote();
    QVERIFY2(note.startsWith(QStringLiteral("Not listed: x\uFFFD")) && note.count(QStringLiteral(".pth")) == 3 &&
                 note.contains(QStringLiteral(".pth and 397 more. A file name with bytes")),
             qPrintable(note));
    QCOMPARE(controller.localModels().size(), 2);
}

// Session 27's trial, F9: a models folder that cannot be written (a team's read-only share of models) was dropped
// whole: "The models folder … is not writable", its models not listed, and a download went to the standard folder
// without a word. Now its models are listed and used, not deleted; downloads and imports go to the standard folder
// and modelsDirNote says so. Root writes through chmod: the share is a read-only mount (read_only_folder.h).
void TestLocalModels::readOnlyFolderIsListedAndUsed() {
    QTemporaryDir dir;
    const QString standard = dir.filePath(QStringLiteral("models"));
    const QString shared = dir.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkpath(standard) && QDir().mkpath(shared));
    const QByteArray team(2000, 't');
    QFile teamFile(shared + QStringLiteral("/team.pth"));
    QVERIFY(teamFile.open(QIODevice::WriteOnly) && teamFile.write(team) == team.size());
    teamFile.close();
    // m.pth cut short on the share (a copy stopped half-way): a download cannot replace it there.
    QFile cutFile(shared + QStringLiteral("/m.pth"));
    QVERIFY(cutFile.open(QIODevice::WriteOnly) && cutFile.write(QByteArray(1000, 'c')) == 1000);
    cutFile.close();
    const ReadOnlyFolder readOnly(shared);
    if (QFileInfo(shared).isWritable()) QSKIP("root without mount: no folder here is read-only to this process");
    const QString why = readOnly.mounted ? QStringLiteral("Read-only file system") : QStringLiteral("Permission denied");

    AppDownloads app(dir);
    DownloadManager& downloads = app.manager;
    const QByteArray body(3000, 'm');
    HttpTestServer server(QHostAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(server.listen());
    server.setFile("/m.pth", body);
    const QByteArray json = R"({"models": [)" + modelMEntry(server) + R"(,
        {"id": "t", "name": "Team", "params": "0.1B", "file": "team.pth", "format": "pth", "size": 2000,
         "sha256": null, "n_layer": 12, "n_embd": 768, "urls": {"huggingface": "http://127.0.0.1:9/team.pth"}}]})";
    QString error;
    const auto catalog = ModelCatalog::fromJson(json, &error);
    QVERIFY2(catalog.has_value(), qPrintable(error));
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("models/folder"), shared);
    ModelManagerController controller(*catalog, downloads, standard);
    persistModelSettings(controller, settings);
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QCOMPARE(controller.modelsDir(), shared);
    QCOMPARE(controller.downloadDir(), standard);
    QCOMPARE(controller.modelFolders(), (QStringList{shared, standard}));
    QCOMPARE(controller.modelsDirNote(),
             QStringLiteral("The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models "
                            "are listed and can be used, not deleted.")
                 .arg(isolated(shared), why, isolated(standard)));  // paths isolated, as the window quotes them
    const auto rows = [&] {
        QStringList out;  // "…/team.pth read-only", "…/m.pth"
        for (const QVariant& v : controller.localModels())
            out << v.toMap().value(QStringLiteral("path")).toString() +
                       (v.toMap().value(QStringLiteral("readOnly")).toBool() ? QStringLiteral(" read-only") : QString());
        return out;
    };
    const QString teamPath = shared + QStringLiteral("/team.pth"), mPath = standard + QStringLiteral("/m.pth");
    const QString cutPath = shared + QStringLiteral("/m.pth");
    QCOMPARE(rows(), (QStringList{cutPath + QStringLiteral(" read-only"), teamPath + QStringLiteral(" read-only")}));
    QAbstractItemModel* list = controller.catalog();
    const int installed = list->roleNames().key("installed");
    QCOMPARE(list->data(list->index(1, 0), installed).toBool(), true);  // Team: Ready, not Download
    // The cut m.pth on the share: its card and row say what Download again does there — the whole file goes to the
    // standard folder and this one stays. Before (fix4 d799616 with 5a3b11a): "Download again replaces it."
    const int wrongSize = list->roleNames().key("wrongSizeText");
    const auto sizeNoteOf = [&](const QString& path) {
        for (const QVariant& v : controller.localModels())
            if (v.toMap().value(QStringLiteral("path")).toString() == path)
                return v.toMap().value(QStringLiteral("sizeNote")).toString();
        return QStringLiteral("(no row)");
    };
    const QString cutNote = QStringLiteral("Incomplete: %1 of %2 in the models folder (a copy or download cut short). The "
                                           "models folder cannot be written, so Download again puts the whole file in "
                                           "%3 and leaves this one.")
                                .arg(humanBytes(1000), humanBytes(3000), standard);
    QCOMPARE(list->data(list->index(0, 0), installed).toBool(), false);
    QCOMPARE(list->data(list->index(0, 0), wrongSize).toString(), cutNote);
    QCOMPARE(sizeNoteOf(cutPath), cutNote);
    const auto rowValue = [&](const QString& path, const QString& key) {
        for (const QVariant& v : controller.localModels())
            if (v.toMap().value(QStringLiteral("path")).toString() == path) return v.toMap().value(key);
        return QVariant(QStringLiteral("(no row)"));
    };
    QCOMPARE(rowValue(cutPath, QStringLiteral("sizeNoteIsInfo")).toBool(), false);  // red: Download again is wanted
    QVERIFY(!rowValue(cutPath, QStringLiteral("folder")).isValid());  // one row of that name: no folder said

    // Its catalog model is there: loaded from the share, nothing fetched. Another one downloads to the standard folder.
    QSignalSpy ready(&controller, &ModelManagerController::modelReady);
    controller.download(QStringLiteral("t"));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.at(0).at(0).toString(), teamPath);
    controller.download(QStringLiteral("m"));
    QVERIFY2(ready.wait(20000), qPrintable(controller.errorMessage()));
    QCOMPARE(ready.at(1).at(0).toString(), mPath);
    QCOMPARE(rows(), (QStringList{cutPath + QStringLiteral(" read-only"), teamPath + QStringLiteral(" read-only"), mPath}));
    QCOMPARE(list->data(list->index(0, 0), installed).toBool(), true);
    QVERIFY(list->data(list->index(0, 0), wrongSize).toString().isEmpty());
    QCOMPARE(QFileInfo(cutPath).size(), 1000);  // left as it was
    QCOMPARE(sizeNoteOf(cutPath), QStringLiteral("Incomplete: %1 of %2 in the models folder (a copy or download cut "
                                                 "short); the whole file is in %3.")
                                      .arg(humanBytes(1000), humanBytes(3000), standard));
    QVERIFY(sizeNoteOf(mPath).isEmpty());
    // Nothing is wrong any more: the note is information (grey); the two m.pth rows say their folders (session 29's
    // check, M2: red, and "1.00 KB · Use" beside "3.00 KB · In use" without where each was).
    QCOMPARE(rowValue(cutPath, QStringLiteral("sizeNoteIsInfo")).toBool(), true);
    QCOMPARE(rowValue(cutPath, QStringLiteral("folder")).toString(), shared);
    QCOMPARE(rowValue(mPath, QStringLiteral("folder")).toString(), standard);
    QVERIFY(!rowValue(teamPath, QStringLiteral("folder")).isValid());

    // Delete: refused in the share with a sentence, done in the standard folder (named by path, as the page does).
    controller.deleteModel(QStringLiteral("team.pth"));
    QCOMPARE(controller.errorMessage(),
             QStringLiteral("team.pth cannot be deleted: the models folder %1 cannot be written (%2).").arg(shared, why));
    QVERIFY(QFile::exists(teamPath));
    controller.clearError();
    controller.deleteModel(mPath);
    QVERIFY2(controller.errorMessage().isEmpty(), qPrintable(controller.errorMessage()));
    QVERIFY(!QFile::exists(mPath));
    QCOMPARE(rows(), (QStringList{cutPath + QStringLiteral(" read-only"), teamPath + QStringLiteral(" read-only")}));

    // An import goes to the standard folder too.
    controller.importModel(QUrl::fromLocalFile(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth")));
    QVERIFY2(ready.wait(20000), qPrintable(controller.errorMessage()));
    QCOMPARE(ready.at(2).at(0).toString(), standard + QStringLiteral("/tiny-rwkv7-834K.pth"));
    QCOMPARE(settings.value(QStringLiteral("models/folder")).toString(), shared);  // still the choice
}

// Session 34's check (LOW): a model copied into the models folder with the file manager while the app was open was not
// listed until the Models page was opened again. The folder is watched: the file is listed as it appears, its size
// followed while the copy grows, and a file removed goes from the list.
void TestLocalModels::modelCopiedInIsListedWhileOpen() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString models = dir.filePath(QStringLiteral("models"));
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // its migrations
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions());
    ModelManagerController controller(ModelCatalog(), downloads, models);
    const auto rows = [&] { return namesAndSizes(controller); };
    QCOMPARE(rows(), QStringList());
    QFile copy(QDir(models).filePath(QStringLiteral("copied.pth")));  // a copy under way
    QVERIFY(copy.open(QIODevice::WriteOnly));
    QCOMPARE(copy.write(QByteArray(1000, 'c')), qint64(1000));
    QVERIFY(copy.flush());
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("copied.pth 1000")}, 5000);  // before: never listed
    QCOMPARE(copy.write(QByteArray(2000, 'c')), qint64(2000));  // it grows: no new name, the size followed
    copy.close();
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("copied.pth 3000")}, 5000);
    // A copy that pauses past the size polls, then goes on (session 35's check: listed cut, "Damaged", once whole):
    // the file itself is watched, so its next write starts the polls again.
    QTest::qWait(FolderWatch::kGrowthPollMs * 2 + 500);
    QVERIFY(copy.open(QIODevice::Append));
    QCOMPARE(copy.write(QByteArray(1000, 'c')), qint64(1000));
    copy.close();
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("copied.pth 4000")}, 5000);
    QFile other(QDir(models).filePath(QStringLiteral("notes.txt")));  // not a model: not listed
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    QVERIFY(QFile::remove(copy.fileName()));  // removed with the file manager
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList(), 5000);
}

// Session 35's left list: the models folder removed and made again while the app was open was not watched until the
// page opened again (QFileSystemWatcher lets go of a removed folder), so a model copied into it was not listed. The
// folder's parent is watched for its return (its nearest existing one when the parent went too), and a folder renamed
// away is noticed there.
void TestLocalModels::folderMadeAgainIsWatched() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString outer = dir.filePath(QStringLiteral("outer"));
    const QString models = outer + QStringLiteral("/models");
    QVERIFY(QDir().mkpath(models));
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // its migrations
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadManager downloads(store, DownloadOptions());
    ModelManagerController controller(ModelCatalog(), downloads, models);
    const auto rows = [&] { return namesAndSizes(controller); };
    QVERIFY(writeFile(models + QStringLiteral("/a.pth"), QByteArray(1000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("a.pth 1000")}, 5000);
    QVERIFY(QDir(models).removeRecursively());
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList(), 5000);
    QVERIFY(QDir().mkpath(models));
    QVERIFY(writeFile(models + QStringLiteral("/b.pth"), QByteArray(2000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("b.pth 2000")}, 5000);  // before: never listed
    // and the folder itself is watched again
    QVERIFY(writeFile(models + QStringLiteral("/c.pth"), QByteArray(3000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{QStringLiteral("b.pth 2000"), QStringLiteral("c.pth 3000")}), 5000);
    // Its parent removed too, and both made again: the nearest folder left is watched until they are back.
    QVERIFY(QDir(outer).removeRecursively());
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList(), 5000);
    QVERIFY(QDir().mkpath(models));
    QVERIFY(writeFile(models + QStringLiteral("/d.pth"), QByteArray(4000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("d.pth 4000")}, 5000);
    // Renamed away (inotify says nothing of a watched folder renamed: its parent does) and back.
    const QString moved = outer + QStringLiteral("/moved");
    QVERIFY(QDir().rename(models, moved));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList(), 5000);
    QVERIFY(QDir().rename(moved, models));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("d.pth 4000")}, 5000);
    QVERIFY(writeFile(models + QStringLiteral("/e.pth"), QByteArray(5000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{QStringLiteral("d.pth 4000"), QStringLiteral("e.pth 5000")}), 5000);
    // Session 36's check: its parent (the data folder) renamed away and models made again at the old path. Before, the
    // page kept the old files (now under gone/models) and never listed the new one. Each step waits for the sizes'
    // polls to end first: a poll still under way reads the folders by path, and saw it (not the watch).
    const int pollsEnd = FolderWatch::kGrowthPollMs * 2 + 500;
    QTest::qWait(pollsEnd);
    QVERIFY(QDir().rename(outer, dir.filePath(QStringLiteral("gone"))));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList(), 5000);
    QTest::qWait(pollsEnd);
    QVERIFY(QDir().mkpath(models));
    QVERIFY(writeFile(models + QStringLiteral("/f.pth"), QByteArray(6000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("f.pth 6000")}, 5000);
    // The same at once (no look between): the paths name other folders than their watches follow.
    QTest::qWait(pollsEnd);
    QVERIFY(QDir().rename(outer, dir.filePath(QStringLiteral("gone2"))));
    QVERIFY(QDir().mkpath(models));
    QVERIFY(writeFile(models + QStringLiteral("/g.pth"), QByteArray(7000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{QStringLiteral("g.pth 7000")}, 5000);
    QVERIFY(writeFile(models + QStringLiteral("/h.pth"), QByteArray(8000, 'f')));
    QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{QStringLiteral("g.pth 7000"), QStringLiteral("h.pth 8000")}), 5000);
}

// Import from disk's dialog opens, the first time, in the Downloads folder where a browser put the model (session 45's
// trial: it opened in the home folder); the home folder where there is none. HOME points at an empty folder here, so
// the user's own folders are neither read nor touched (no user-dirs.dirs: Downloads is HOME/Downloads).
void TestLocalModels::importFolderFirstTimeIsDownloads() {
    QTemporaryDir dir;
    QTemporaryDir home;
    const QByteArray oldHome = qgetenv("HOME"), oldConfig = qgetenv("XDG_CONFIG_HOME"),
                     oldDownload = qgetenv("XDG_DOWNLOAD_DIR");
    const bool hadConfig = qEnvironmentVariableIsSet("XDG_CONFIG_HOME"),
               hadDownload = qEnvironmentVariableIsSet("XDG_DOWNLOAD_DIR");
    qputenv("HOME", QFile::encodeName(home.path()));
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DOWNLOAD_DIR");
    const auto restore = qScopeGuard([&] {
        qputenv("HOME", oldHome);
        if (hadConfig) qputenv("XDG_CONFIG_HOME", oldConfig);
        if (hadDownload) qputenv("XDG_DOWNLOAD_DIR", oldDownload);
    });
    rwkv::store::ConversationStore conversations(dir.filePath(QStringLiteral("app.sqlite")));  // migrates
    rwkv::store::DownloadStore store(dir.filePath(QStringLiteral("app.sqlite")));
    DownloadOptions options;
    options.useSystemProxy = false;
    DownloadManager downloads(store, options);
    ModelManagerController controller(ModelCatalog(), downloads, dir.filePath(QStringLiteral("models")));
    QCOMPARE(controller.importFolder(), QUrl::fromLocalFile(home.path()));  // no Downloads folder
    QVERIFY(QDir(home.path()).mkdir(QStringLiteral("Downloads")));
    QCOMPARE(controller.importFolder(), QUrl::fromLocalFile(home.filePath(QStringLiteral("Downloads"))));
    controller.setImportFolder(dir.path());  // a file chosen: its folder from then on
    QCOMPARE(controller.importFolder(), QUrl::fromLocalFile(dir.path()));
}

QTEST_GUILESS_MAIN(TestLocalModels)
#include "test_local_models.moc"
