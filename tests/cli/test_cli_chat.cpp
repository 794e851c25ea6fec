// rwkv-cli chat without --json, as a person reads it: what the stderr lines say about how the turn started.
// Helpers: cli_run.h.
#include "cli_run.h"

#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/database.h"
#endif

using namespace cli_test;

class TestCliChat : public QObject {
    Q_OBJECT

private slots:
    // New-user trial: with the reply's snapshot damaged, `chat --conversation N` re-read the history and said why
    // only in --json's resume_note; the plain output showed just "N prefill tokens". One stderr line says it now,
    // and none when the turn resumes from a saved state.
    void unreadableStateIsSaid() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QCOMPARE(t1["stats"]["state_saved"], true);
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        {
            rwkv::store::Database d(db);  // 50 bytes of the stored frame zeroed, as the trial did with sqlite3
            d.exec("UPDATE snapshots SET blob = substr(blob, 1, 100) || zeroblob(50) || substr(blob, 151) "
                   "WHERE message_id = " + std::to_string(t1["assistant_message_id"].get<qint64>()));
        }
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", conv, "--message"};
        const Run reread = cli(turn + QStringList{"x"});
        QVERIFY2(reread.code == 0, reread.err.constData());
        QVERIFY2(reread.err.contains("[not resumed from a saved state: saved state is unreadable (") &&
                     reread.err.contains(" re-reading 2 messages]\n"), reread.err.constData());
        const Run resumed = cli(turn + QStringList{"y"});  // from the snapshot the re-read turn saved
        QVERIFY2(resumed.code == 0 && resumed.err.contains("(resumed from saved state)") &&
                     !resumed.err.contains("not resumed"), resumed.err.constData());
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliChat)
#include "test_cli_chat.moc"
