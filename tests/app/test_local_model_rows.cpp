// tests/app/test_local_model_rows.cpp — the rows of Models → On this computer (ModelManagerController::localModels)
// beyond the models folders' plain files: the bundled demo model as a row to Use (never Delete), and a file the
// engine's index check refuses (cut, not RWKV-7) marked "Damaged" / "Not RWKV-7" with why, checked once per
// (path, size, mtime) (ModelFileCheck).
#include "model_manager_page.h"

#include "models/download_manager.h"
#include "models/model_file_check.h"
#include "models/model_manager_controller.h"
#include "rwkv/error.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace rwkv::models;

class TestLocalModelRows : public QObject {
    Q_OBJECT

private slots:
    void demoModelIsARowToUse();
    void damagedFileIsMarkedAndCheckedOnce();
    void foreignFileIsNamedInItsRow();
    void stateTuningFileIsNamedInItsRow();
    void rowsAreInTheOrderNamesAreRead();
    void modelRenamedWhileInUseIsInUseUnderItsNewName();
    void modelFromElsewhereRenamedIsFollowedWithThePageClosed();
    void fileReplacedUnderTheNameInUseIsARowToUse();
    void modelRenamedToANameNoModelHasIsSaidRenamed();
};

namespace {

const QString kTestdata = QStringLiteral(RWKV_TESTDATA_DIR);

/// Copies testdata file `name` (or its first `bytes`) to `to`.
bool copyTestdata(const QString& name, const QString& to, qint64 bytes = -1) {
    QFile in(kTestdata + u'/' + name), out(to);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return false;
    const QByteArray data = bytes < 0 ? in.readAll() : in.read(bytes);
    return out.write(data) == data.size();
}

/// "name size[ bundled][ in use][ problem]" for each row.
QStringList rows(const ModelManagerController& controller) {
    QStringList out;
    for (const QVariant& v : controller.localModels()) {
        const QVariantMap m = v.toMap();
        QString line = m.value(QStringLiteral("fileName")).toString() + u' ' + m.value(QStringLiteral("sizeText")).toString();
        if (m.value(QStringLiteral("bundled")).toBool()) line += QStringLiteral(" bundled");
        if (m.value(QStringLiteral("deleted")).toBool()) line += QStringLiteral("deleted");
        if (m.value(QStringLiteral("inUse")).toBool()) line += QStringLiteral(" in use");
        if (const QString as = m.value(QStringLiteral("loadedAs")).toString(); !as.isEmpty()) line += u' ' + as;
        if (const QString to = m.value(QStringLiteral("renamedTo")).toString(); !to.isEmpty())
            line += QStringLiteral(" renamed to ") + to;
        if (const QString p = m.value(QStringLiteral("problem")).toString(); !p.isEmpty()) line += u' ' + p;
        out << line;
    }
    return out;
}

}  // namespace

// Session 35's trial, MED: after another model, going back to the demo model meant typing its resources path in the
// model button's dialog: no row of "On this computer" named it, even while it was in use. Now it is the last row,
// marked bundled (Use / In use on the page; never Delete: deleteModel refuses it as not in the models folder).
void TestLocalModelRows::demoModelIsARowToUse() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), models.filePath(QStringLiteral("m.safetensors"))));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    QCOMPARE(rows(controller), QStringList{QStringLiteral("m.safetensors 3.35 MB")});
    const QString demo = kTestdata + QStringLiteral("/tiny-rwkv7-834K.pth");
    controller.setDemoModelPath(demo);
    QCOMPARE(rows(controller),
             (QStringList{QStringLiteral("m.safetensors 3.35 MB"), QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled")}));
    const QVariantMap row = controller.localModels().constLast().toMap();
    QCOMPARE(row.value(QStringLiteral("path")).toString(), QFileInfo(demo).absoluteFilePath());
    QVERIFY(!row.contains(QStringLiteral("folder")));  // the page says "bundled demo model", not its resources path
    controller.setModelInUse(QFileInfo(demo).absoluteFilePath());
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("m.safetensors 3.35 MB"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled in use")}));
    for (const QString& named : {QFileInfo(demo).absoluteFilePath(), QStringLiteral("tiny-rwkv7-834K.pth")}) {
        controller.deleteModel(named);
        QCOMPARE(controller.errorMessage(), named + QStringLiteral(" is not in the models folder."));
        QVERIFY(QFile::exists(demo));
    }
    // The source tree's copy of the demo model (resources/ beside the build's; session 36's trial, nit): the demo row
    // was "Use" and no row "In use". The same bytes by another path are in use; another file of its name is not.
    const QString sourceTree = dir.filePath(QStringLiteral("src/resources/tiny-rwkv7-834K.pth"));
    QVERIFY(QDir().mkpath(QFileInfo(sourceTree).absolutePath()));
    QVERIFY(QFile::copy(demo, sourceTree));
    controller.setModelInUse(sourceTree);
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("m.safetensors 3.35 MB"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled in use")}));
    const QString other = dir.filePath(QStringLiteral("other/tiny-rwkv7-834K.pth"));
    QVERIFY(QDir().mkpath(QFileInfo(other).absolutePath()));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), other));
    controller.setModelInUse(other);
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("m.safetensors 3.35 MB"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled")}));
    // A copy of the demo model by another name, opened from another folder: its own row is in use, the demo row not
    // (session 40's trial, nit: both said "In use").
    const QString renamed = dir.filePath(QStringLiteral("elsewhere/copy.pth"));
    QVERIFY(QDir().mkpath(QFileInfo(renamed).absolutePath()));
    QVERIFY(QFile::copy(demo, renamed));
    controller.setModelInUse(renamed);
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("m.safetensors 3.35 MB"), QStringLiteral("copy.pth 1.78 MB in use"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled")}));
    controller.setModelInUse(models.filePath(QStringLiteral("m.safetensors")));
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("m.safetensors 3.35 MB in use"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB bundled")}));
    controller.setDemoModelPath(QString());  // no resources folder: no row
    QCOMPARE(rows(controller), QStringList{QStringLiteral("m.safetensors 3.35 MB in use")});
    controller.setDemoModelPath(dir.filePath(QStringLiteral("missing.pth")));  // not there: no row either
    QCOMPARE(rows(controller), QStringList{QStringLiteral("m.safetensors 3.35 MB in use")});
}

// Session 35's trial, LOW: a .safetensors cut at 1 MB in the models folder was listed "1.00 MB · Use" like a whole
// one; only Use failed. Each file now goes through the engine's index-only check (no tensor data read): a cut file is
// "Damaged", a whole RWKV-6 file "Not RWKV-7", each with the model button's sentence and the engine's words; whole
// RWKV-7 files of each container have no problem. A file is read again only when its size or mtime changed.
void TestLocalModelRows::damagedFileIsMarkedAndCheckedOnce() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    for (const char* name : {"tiny-rwkv7-834K.pth", "tiny-rwkv7-834K-F16.gguf", "tiny-rwkv-7v0-834K-FP16.bin"})
        QVERIFY(copyTestdata(QLatin1String(name), models.filePath(QLatin1String(name))));
    const QString cut = models.filePath(QStringLiteral("cut.safetensors"));
    QVERIFY(copyTestdata(QStringLiteral("rand-rwkv7-L3-D128.safetensors"), cut, 1 << 20));
    // A whole RWKV-6-like file: its header's names and shapes, zeros as data.
    const QByteArray header = R"({"emb.weight":{"dtype":"F32","shape":[4,64],"data_offsets":[0,1024]},)"
                              R"("blocks.0.att.time_maa_x":{"dtype":"F32","shape":[1,1,64],"data_offsets":[1024,1280]},)"
                              R"("head.weight":{"dtype":"F32","shape":[4,64],"data_offsets":[1280,2304]}})";
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), length.data());
    QFile rwkv6(models.filePath(QStringLiteral("rwkv6.safetensors")));
    QVERIFY(rwkv6.open(QIODevice::WriteOnly) && rwkv6.write(length + header + QByteArray(2304, '\0')) > 0);
    rwkv6.close();
    // A file of 0 bytes (a copy that wrote nothing): Damaged, incomplete — it was "Cannot be used", "This is not a model
    // file RWKV Desktop can read" (session 40's trial).
    QFile empty(models.filePath(QStringLiteral("empty.pth")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();

    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("cut.safetensors 1.05 MB Damaged"),
                                            QStringLiteral("empty.pth 0 B Damaged"),
                                            QStringLiteral("rwkv6.safetensors 2.54 KB Not RWKV-7"),
                                            QStringLiteral("tiny-rwkv-7v0-834K-FP16.bin 1.70 MB"),
                                            QStringLiteral("tiny-rwkv7-834K-F16.gguf 1.82 MB"),
                                            QStringLiteral("tiny-rwkv7-834K.pth 1.78 MB")}));
    const auto textOf = [&](const QString& name) {
        for (const QVariant& v : controller.localModels())
            if (v.toMap().value(QStringLiteral("fileName")).toString() == name)
                return v.toMap().value(QStringLiteral("problemText")).toString();
        return QStringLiteral("(no row)");
    };
    QVERIFY2(textOf(QStringLiteral("cut.safetensors"))
                 .startsWith(QStringLiteral("The file is incomplete (an interrupted download or copy?). Download or copy "
                                            "it again.\nDetails: ")),
             qPrintable(textOf(QStringLiteral("cut.safetensors"))));
    QVERIFY2(textOf(QStringLiteral("cut.safetensors")).contains(QStringLiteral("truncated")),
             qPrintable(textOf(QStringLiteral("cut.safetensors"))));
    QCOMPARE(textOf(QStringLiteral("rwkv6.safetensors")),
             QStringLiteral("This is an RWKV-6 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.\n"
                            "Details: rwkv6.safetensors: unsupported architecture: RWKV-6 (key blocks.0.att.time_maa_x); "
                            "only RWKV-7 is supported"));
    QCOMPARE(textOf(QStringLiteral("empty.pth")),
             QStringLiteral("The file is incomplete (an interrupted download or copy?). Download or copy it again.\n"
                            "Details: empty.pth: empty file, not a checkpoint"));
    QCOMPARE(textOf(QStringLiteral("tiny-rwkv7-834K.pth")), QString());

    // Listing again reads no file; a file made whole again is read again and loses its mark.
    ModelFileCheck check;
    const QFileInfo cutInfo(cut);
    QVERIFY(check.check(cutInfo).has_value());
    QCOMPARE(check.check(cutInfo)->code, int(rwkv::ErrorCode::TruncatedFile));
    QCOMPARE(check.check(cutInfo)->label(), QStringLiteral("Damaged"));
    QCOMPARE(check.filesRead(), 1);
    QVERIFY(QFile::remove(cut));
    QVERIFY(copyTestdata(QStringLiteral("rand-rwkv7-L3-D128.safetensors"), cut));
    QVERIFY(!check.check(QFileInfo(cut)).has_value());
    QCOMPARE(check.filesRead(), 2);
    QVERIFY(!check.check(QFileInfo(cut)).has_value());
    QCOMPARE(check.filesRead(), 2);
    controller.refreshLocalModels();
    QCOMPARE(rows(controller).constFirst(), QStringLiteral("cut.safetensors 35.0 MB"));

    // The engine's words begin with the file's name as it is: on one line under the row, as the row names the file
    // (session 40's trial: "odd\nname.pth" broke the details in two).
    const ModelFileCheck::Problem odd{int(rwkv::ErrorCode::EmptyFile),
                                      QStringLiteral("odd\nname.pth: empty file, not a checkpoint")};
    QCOMPARE(odd.text(), QStringLiteral("The file is incomplete (an interrupted download or copy?). Download or copy it "
                                        "again.\nDetails: odd\\nname.pth: empty file, not a checkpoint"));
}

// Session 46's trial, LOW: a Git LFS pointer, a web page or a picture in the models folder was listed "Cannot be used"
// with "This is not a model file RWKV Desktop can read (…)", what it is in the engine's English details only, where
// the model button and Import from disk name it in the window's language (session 45). Its row now says it as they do;
// bytes that name nothing keep the old sentence.
void TestLocalModelRows::foreignFileIsNamedInItsRow() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    const auto write = [&](const char* name, const QByteArray& bytes) {
        QFile f(models.filePath(QLatin1String(name)));
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    QVERIFY(write("lfs.pth", "version https://git-lfs.github.com/spec/v1\n"
                             "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 382234567\n"));
    QVERIFY(write("page.pth", "<!DOCTYPE html><html><body>Not found</body></html>"));
    QVERIFY(write("pic.pth", QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, '\0')));
    QVERIFY(write("noise.pth", QByteArray("\x1c\x54\x13\x50\x30\xf1\xdd\x95", 8) + QByteArray(200, '\x07')));

    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("lfs.pth 134 B Cannot be used"),
                                            QStringLiteral("noise.pth 208 B Cannot be used"),
                                            QStringLiteral("page.pth 50 B Cannot be used"),
                                            QStringLiteral("pic.pth 208 B Cannot be used")}));
    const auto firstLineOf = [&](const QString& name) {
        for (const QVariant& v : controller.localModels())
            if (v.toMap().value(QStringLiteral("fileName")).toString() == name)
                return v.toMap().value(QStringLiteral("problemText")).toString().section(u'\n', 0, 0);
        return QStringLiteral("(no row)");
    };
    QCOMPARE(firstLineOf(QStringLiteral("lfs.pth")), QStringLiteral("This is not a model file: it is a Git LFS pointer."));
    QCOMPARE(firstLineOf(QStringLiteral("page.pth")), QStringLiteral("This is not a model file: it is a web page (HTML)."));
    QCOMPARE(firstLineOf(QStringLiteral("pic.pth")), QStringLiteral("This is not a model file: it is a PNG picture."));
    QVERIFY2(firstLineOf(QStringLiteral("noise.pth")).startsWith(QStringLiteral("This is not a model file RWKV Desktop can read")),
             qPrintable(firstLineOf(QStringLiteral("noise.pth"))));
    // The engine's words stay on the details line (git lfs pull, the first bytes).
    for (const QVariant& v : controller.localModels())
        if (v.toMap().value(QStringLiteral("fileName")).toString() == QStringLiteral("lfs.pth"))
            QVERIFY(v.toMap().value(QStringLiteral("problemText")).toString().contains(QStringLiteral("\nDetails: lfs.pth: ")));
}

// Session 48's trial, MED: a state-tuning file in the models folder (blocks.{i}.att.time_state, no weights) was listed
// "Damaged: its contents do not fit together. Download or copy it again." — the engine said "tensor emb.weight is
// missing". Its row now says what it is and where it goes.
void TestLocalModelRows::stateTuningFileIsNamedInItsRow() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    // A .safetensors of two layers' [1, 64, 64] fp32 time_state (zeros): 8-byte header length, JSON, data.
    QByteArray header = QByteArrayLiteral(
        R"({"blocks.0.att.time_state":{"dtype":"F32","shape":[1,64,64],"data_offsets":[0,16384]},)"
        R"("blocks.1.att.time_state":{"dtype":"F32","shape":[1,64,64],"data_offsets":[16384,32768]}})");
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), length.data());
    QFile f(models.filePath(QStringLiteral("role.safetensors")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.write(length + header + QByteArray(32768, '\0')) > 32768);
    f.close();

    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    QCOMPARE(rows(controller), QStringList{QStringLiteral("role.safetensors 33.0 KB Starting state")});
    const QString text = controller.localModels().constFirst().toMap().value(QStringLiteral("problemText")).toString();
    QCOMPARE(text.section(u'\n', 0, 0),
             QStringLiteral("This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, "
                            "then choose this file as a chat's starting state (⋯ → Starting state…)."));
    QVERIFY2(text.contains(QStringLiteral("\nDetails: role.safetensors: this is an RWKV state-tuning file")),
             qPrintable(text));
}

// Session 54's trial3, LOW: a models folder of 39 checkpoints m1 … m39 was listed m1, m10 … m19, m2, m20 (QDir::Name
// compares code units, capitals before every small letter too). Numbers go by their value, capitals beside their
// small letters.
void TestLocalModelRows::rowsAreInTheOrderNamesAreRead() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    for (const char* name : {"m10.pth", "m2.pth", "m1.pth", "B.pth", "a.pth", "m2v10.pth", "m2v9.pth"})
        QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.pth"), models.filePath(QString::fromLatin1(name))));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    QStringList names;
    for (const QVariant& v : controller.localModels()) names << v.toMap().value(QStringLiteral("fileName")).toString();
    QCOMPARE(names, (QStringList{QStringLiteral("a.pth"), QStringLiteral("B.pth"), QStringLiteral("m1.pth"),
                                 QStringLiteral("m2.pth"), QStringLiteral("m2v9.pth"), QStringLiteral("m2v10.pth"),
                                 QStringLiteral("m10.pth")}));
}

// A model file renamed on disk while in use (the file manager, mv): its row said "Deleted: it stays loaded …" and the
// same file under its new name had Use, which loaded it a second time (session 54's loose ends). The same file
// (device and inode) is the one in use, with the name it was loaded as; one deleted is still "Deleted".
void TestLocalModelRows::modelRenamedWhileInUseIsInUseUnderItsNewName() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), models.filePath(QStringLiteral("a.safetensors"))));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), models.filePath(QStringLiteral("b.safetensors"))));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    controller.setModelInUse(models.filePath(QStringLiteral("a.safetensors")));
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("a.safetensors 3.35 MB in use"),
                                            QStringLiteral("b.safetensors 3.35 MB")}));
    QSignalSpy renamed(&controller, &ModelManagerController::modelInUseRenamed);
    QVERIFY(QFile::rename(models.filePath(QStringLiteral("a.safetensors")), models.filePath(QStringLiteral("c.safetensors"))));
    controller.refreshLocalModels();  // as the folder's watch does
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("b.safetensors 3.35 MB"),
                                            QStringLiteral("c.safetensors 3.35 MB in use \u2066a.safetensors\u2069")}));
    // Said, so that the chat's footer and the model loaded at the next start follow it (main.cpp): they kept a's name.
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.at(0), (QVariantList{models.filePath(QStringLiteral("a.safetensors")),
                                          models.filePath(QStringLiteral("c.safetensors"))}));
    // The chat followed: c is the model in use, by its own name.
    controller.setModelInUse(models.filePath(QStringLiteral("c.safetensors")));
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("b.safetensors 3.35 MB"),
                                            QStringLiteral("c.safetensors 3.35 MB in use")}));
    controller.setModelInUse(models.filePath(QStringLiteral("a.safetensors")));  // as before the chat followed
    controller.refreshLocalModels();
    // b, of the same bytes and size but another file, is not taken for it; deleted, it is "Deleted" as before.
    QVERIFY(QFile::remove(models.filePath(QStringLiteral("c.safetensors"))));
    controller.refreshLocalModels();
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("b.safetensors 3.35 MB"),
                                            QStringLiteral("a.safetensors deleted in use")}));
    QCOMPARE(renamed.count(), 1);  // a deletion is no rename

    // A model opened from another folder, renamed there: found in its own folder and said too.
    const QDir elsewhere(dir.filePath(QStringLiteral("elsewhere")));
    QVERIFY(elsewhere.mkpath(QStringLiteral(".")));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), elsewhere.filePath(QStringLiteral("m.safetensors"))));
    controller.setModelInUse(elsewhere.filePath(QStringLiteral("m.safetensors")));
    QVERIFY(QFile::rename(elsewhere.filePath(QStringLiteral("m.safetensors")), elsewhere.filePath(QStringLiteral("n.safetensors"))));
    controller.refreshLocalModels();  // as opening the page does
    QCOMPARE(renamed.count(), 2);
    QCOMPARE(renamed.at(1), (QVariantList{elsewhere.filePath(QStringLiteral("m.safetensors")),
                                          elsewhere.filePath(QStringLiteral("n.safetensors"))}));
}

// Session 55's trial: a model opened from a folder not listed (Open file…, a remembered choice elsewhere) and renamed
// there while the Models page stayed closed was not followed — that folder had no watch, so nothing listed the rows
// again: the footer kept the old name and the next start said the file did not exist. The file in use is watched itself.
void TestLocalModelRows::modelFromElsewhereRenamedIsFollowedWithThePageClosed() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models"))), elsewhere(dir.filePath(QStringLiteral("elsewhere")));
    QVERIFY(models.mkpath(QStringLiteral(".")) && elsewhere.mkpath(QStringLiteral(".")));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), elsewhere.filePath(QStringLiteral("m.safetensors"))));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    controller.setModelInUse(elsewhere.filePath(QStringLiteral("m.safetensors")));
    QSignalSpy renamed(&controller, &ModelManagerController::modelInUseRenamed);
    QVERIFY(QFile::rename(elsewhere.filePath(QStringLiteral("m.safetensors")), elsewhere.filePath(QStringLiteral("n.safetensors"))));
    // No refreshLocalModels here: the page is closed.
    QTRY_COMPARE_WITH_TIMEOUT(renamed.count(), 1, 3000);
    QCOMPARE(renamed.at(0), (QVariantList{elsewhere.filePath(QStringLiteral("m.safetensors")),
                                          elsewhere.filePath(QStringLiteral("n.safetensors"))}));
    // The chat follows it (main.cpp) and the new name is watched in turn: renamed again, said again.
    controller.setModelInUse(elsewhere.filePath(QStringLiteral("n.safetensors")));
    QVERIFY(QFile::rename(elsewhere.filePath(QStringLiteral("n.safetensors")), elsewhere.filePath(QStringLiteral("o.safetensors"))));
    QTRY_COMPARE_WITH_TIMEOUT(renamed.count(), 2, 3000);
    QCOMPARE(renamed.at(1), (QVariantList{elsewhere.filePath(QStringLiteral("n.safetensors")),
                                          elsewhere.filePath(QStringLiteral("o.safetensors"))}));
}

// Session 55's trial: a new version moved in under the name of the model in use (mv a.pth a.pth.bak; mv new.pth a.pth)
// was "In use", with no Use to load it, while the chat went on with the old file. It is a row to Use; the loaded file
// is "Deleted" (it stays loaded), or, renamed to a model's name, followed as a rename; once loaded, the new one is In use.
void TestLocalModelRows::fileReplacedUnderTheNameInUseIsARowToUse() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    const QString a = models.filePath(QStringLiteral("a.safetensors")), c = models.filePath(QStringLiteral("c.safetensors"));
    const QString other = dir.filePath(QStringLiteral("new.safetensors"));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), a));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    controller.setModelInUse(a);
    QSignalSpy renamed(&controller, &ModelManagerController::modelInUseRenamed);
    QVERIFY(QFile::rename(a, models.filePath(QStringLiteral("a.safetensors.bak"))));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), other));
    QVERIFY(QFile::rename(other, a));
    controller.refreshLocalModels();
    const QString bak = QStringLiteral("a.safetensors deleted in use renamed to \u2066a.safetensors.bak\u2069");
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("a.safetensors 3.35 MB"), bak}));
    controller.setModelInUse(a);  // the chat's modelChanged (a language switch): the same path, nothing loaded
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("a.safetensors 3.35 MB"), bak}));
    controller.setModelLoaded(a);  // Use on it: loaded
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("a.safetensors 3.35 MB in use")}));
    QCOMPARE(renamed.count(), 0);

    // The loaded file renamed to a model's name and another put in its place: followed as a rename.
    QVERIFY(QFile::rename(a, c));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), other));
    QVERIFY(QFile::rename(other, a));
    controller.refreshLocalModels();
    QCOMPARE(rows(controller), (QStringList{QStringLiteral("a.safetensors 3.35 MB"),
                                            QStringLiteral("c.safetensors 3.35 MB in use \u2066a.safetensors\u2069")}));
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.at(0), (QVariantList{a, c}));
}

// Session 55's trial3: the model in use renamed to a name no model file has (a.safetensors → a.safetensors.bak, a
// hidden .a.safetensors) is not listed, and its row said "Deleted: it stays loaded …" while the file was still there.
// Its row names it (renamedTo: ModelManagerPage says "Renamed to …, which is not a model file name"); deleted after
// that, or another file given the name, it is "Deleted" again.
void TestLocalModelRows::modelRenamedToANameNoModelHasIsSaidRenamed() {
    QTemporaryDir dir;
    const QDir models(dir.filePath(QStringLiteral("models")));
    QVERIFY(models.mkpath(QStringLiteral(".")));
    const QString a = models.filePath(QStringLiteral("a.safetensors"));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), a));
    QVERIFY(copyTestdata(QStringLiteral("tiny-rwkv7-834K.safetensors"), models.filePath(QStringLiteral("b.txt"))));
    AppDownloads app(dir);
    ModelManagerController controller(ModelCatalog(), app.manager, models.path());
    controller.setModelInUse(a);
    QSignalSpy renamed(&controller, &ModelManagerController::modelInUseRenamed);
    QVERIFY(QFile::rename(a, models.filePath(QStringLiteral("a.safetensors.bak"))));
    controller.refreshLocalModels();  // as the folder's watch does
    QCOMPARE(rows(controller),
             QStringList{QStringLiteral("a.safetensors deleted in use renamed to \u2066a.safetensors.bak\u2069")});
    QVERIFY(QFile::rename(models.filePath(QStringLiteral("a.safetensors.bak")), models.filePath(QStringLiteral(".a"))));
    controller.refreshLocalModels();
    QCOMPARE(rows(controller), QStringList{QStringLiteral("a.safetensors deleted in use renamed to \u2066.a\u2069")});
    QCOMPARE(renamed.count(), 0);  // not followed: the chat keeps the name it loaded
    // Gone for good: "Deleted" (b.txt, of the same bytes, is another file).
    QVERIFY(QFile::remove(models.filePath(QStringLiteral(".a"))));
    controller.refreshLocalModels();
    QCOMPARE(rows(controller), QStringList{QStringLiteral("a.safetensors deleted in use")});
}

QTEST_GUILESS_MAIN(TestLocalModelRows)
#include "test_local_model_rows.moc"
