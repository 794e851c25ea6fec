// rwkv-cli import's word on a chat's missing model when a file of the catalog entry's size is in the models folder
// under another name (session 54's trial: "is not in DIR" alone, the download kept as model.pth). By size only: the
// file is not read. Helpers: cli_run.h.
#include "cli_run.h"

#include <QTemporaryDir>

using namespace cli_test;

class TestCliImportModel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    /// A catalog listing the tiny model's file as "tiny-834k", with its real size in bytes; its path, or "".
    QString writeCatalog() {
        const QString path = tmp_.filePath(QStringLiteral("catalog.json"));
        const nlohmann::json catalog{
            {"models",
             {{{"id", "tiny-834k"},
               {"name", "Tiny 834K"},
               {"file", "tiny-rwkv7-834K.pth"},
               {"format", "pth"},
               {"size", QFileInfo(tinyModel()).size()},
               {"urls", {{"huggingface", "https://h/t.pth"}, {"hf-mirror", "https://m/t.pth"},
                         {"modelscope", "https://s/t.pth"}}}}}}};
        QFile f(path);
        const QByteArray bytes = QByteArray::fromStdString(catalog.dump());
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? path : QString();
    }

private slots:
    void sameSizeFileUnderAnotherNameIsNamed() {
        const QString db = tmp_.filePath(QStringLiteral("sender.sqlite"));
        QVERIFY(!chat(db, {"--message", "Hello"}).empty());
        const QString bundle = tmp_.filePath(QStringLiteral("chat.rwkvchat"));
        const Run ex = cli({"export", "--db", db, "--conversation", "1", "--format", "bundle", "--out", bundle});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const QString catalog = writeCatalog();
        QVERIFY(!catalog.isEmpty());
        // Resources without the demo model (it would be found there), a models folder with the model renamed and a
        // file of another size.
        const QString resources = tmp_.filePath(QStringLiteral("resources"));
        QVERIFY(QDir().mkpath(resources) && QFile::copy(vocab(), resources + "/rwkv_vocab_v20230424.txt"));
        const QString models = tmp_.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(models) && QFile::copy(tinyModel(), models + "/model.pth"));
        QFile other(models + "/other.pth");
        QVERIFY(other.open(QIODevice::WriteOnly) && other.write("not the model") == 13);
        other.close();

        const Run said = cliWithResources(resources, {"import", "--db", tmp_.filePath(QStringLiteral("a.sqlite")), bundle,
                                                      "--catalog", catalog, "--models-dir", models});
        QVERIFY2(said.code == 0, said.err.constData());
        QVERIFY2(said.out.contains(") is not in " + models.toUtf8() + ": download it with `"), said.out.constData());
        QVERIFY2(said.out.endsWith("a file of the same size is there under another name: model.pth (if it is this "
                                   "model, rename it to tiny-rwkv7-834K.pth)\n"),
                 said.out.constData());
        const Run json = cliWithResources(resources, {"import", "--db", tmp_.filePath(QStringLiteral("b.sqlite")), bundle,
                                                      "--catalog", catalog, "--models-dir", models, "--json"});
        QVERIFY2(json.code == 0, json.err.constData());
        const auto got = nlohmann::json::parse(json.out.toStdString());
        QCOMPARE(got["model_present"], false);
        QCOMPARE(got["same_size_file"], "model.pth");

        // Without it: the line is not there (a file of another size is no candidate).
        QVERIFY(QFile::remove(models + "/model.pth"));
        const Run none = cliWithResources(resources, {"import", "--db", tmp_.filePath(QStringLiteral("c.sqlite")), bundle,
                                                      "--catalog", catalog, "--models-dir", models, "--json"});
        QVERIFY2(none.code == 0, none.err.constData());
        QCOMPARE(nlohmann::json::parse(none.out.toStdString())["same_size_file"], "");
    }
};

QTEST_GUILESS_MAIN(TestCliImportModel)
#include "test_cli_import_model.moc"
